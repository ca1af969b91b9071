// message_type: byte 0 of every message; the top bit says who sends it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace skirmish::wire {

enum class message_type : std::uint8_t {
  // client to relay
  hello = 0x01,
  input = 0x02,
  hash_report = 0x03,
  ping = 0x04,
  leave = 0x05,
  // relay to client
  error = 0x80,
  welcome = 0x81,
  bundle = 0x82,
  history = 0x83,
  player_joined = 0x84,
  player_left = 0x85,
  desync = 0x86,
  pong = 0x87,
};

// The type for a first byte, or nothing when no message has that type.
[[nodiscard]] constexpr std::optional<message_type> to_message_type(std::uint8_t b) noexcept {
  if ((b >= 0x01 && b <= 0x05) || (b >= 0x80 && b <= 0x87)) return static_cast<message_type>(b);
  return std::nullopt;
}

// True for the types a client sends (the relay must reject the others).
[[nodiscard]] constexpr bool sent_by_client(message_type t) noexcept {
  return (static_cast<std::uint8_t>(t) & 0x80) == 0;
}

// The name PROTOCOL.md uses, for logs and error reasons.
[[nodiscard]] constexpr std::string_view name_of(message_type t) noexcept {
  switch (t) {
    case message_type::hello: return "hello";
    case message_type::input: return "input";
    case message_type::hash_report: return "hash_report";
    case message_type::ping: return "ping";
    case message_type::leave: return "leave";
    case message_type::error: return "error";
    case message_type::welcome: return "welcome";
    case message_type::bundle: return "bundle";
    case message_type::history: return "history";
    case message_type::player_joined: return "player_joined";
    case message_type::player_left: return "player_left";
    case message_type::desync: return "desync";
    case message_type::pong: return "pong";
  }
  return "unknown";
}

}  // namespace skirmish::wire
