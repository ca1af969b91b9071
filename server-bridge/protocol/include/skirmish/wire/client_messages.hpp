// The messages a client sends to the relay (PROTOCOL.md 4.1): hello, input, hash_report, ping, leave.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "skirmish/wire/message_type.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::wire {

// note: decoded strings and payloads are views into the decoded bytes; they
// live as long as that buffer does. To encode, point them at anything.

// The first message of a connection: who the client is and where it goes.
struct hello {
  static constexpr message_type type = message_type::hello;
  std::uint16_t version = protocol_version;
  bool spectator = false;
  std::optional<token> reconnect_token;  // set when reconnecting to a held slot
  tick_t resume_tick = 0;                // first tick the client needs; 0: from the start
  std::string_view room;                 // a room id, or auto_room for matchmaking
  std::string_view name;
  friend bool operator==(const hello&, const hello&) = default;
};

// One player's input for one tick; an empty payload means "no input".
struct input {
  static constexpr message_type type = message_type::input;
  tick_t tick = 0;
  bytes_view payload;
  friend bool operator==(const input& a, const input& b) {
    return a.tick == b.tick && same_bytes(a.payload, b.payload);
  }
};

// The simulation's state hash after applying tick `tick`.
struct hash_report {
  static constexpr message_type type = message_type::hash_report;
  tick_t tick = 0;
  std::uint64_t hash = 0;
  friend bool operator==(const hash_report&, const hash_report&) = default;
};

// A round-trip probe; the relay echoes client_time in a pong.
struct ping {
  static constexpr message_type type = message_type::ping;
  std::uint64_t client_time = 0;
  friend bool operator==(const ping&, const ping&) = default;
};

// Goodbye: free my slot now, no reconnect window.
struct leave {
  static constexpr message_type type = message_type::leave;
  friend bool operator==(const leave&, const leave&) = default;
};

}  // namespace skirmish::wire
