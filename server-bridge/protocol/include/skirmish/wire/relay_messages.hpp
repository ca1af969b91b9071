// The messages the relay sends to clients (PROTOCOL.md 4.2), except history (history.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "skirmish/wire/bounded_list.hpp"
#include "skirmish/wire/error_code.hpp"
#include "skirmish/wire/message_type.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::wire {

// Sent right before the relay closes the connection; its layout never changes.
struct error {
  static constexpr message_type type = message_type::error;
  error_code code = error_code::bad_message;
  std::string_view reason;  // for people, at most max_reason_bytes
  friend bool operator==(const error&, const error&) = default;
};

// One occupied slot of a room.
struct roster_entry {
  std::uint8_t slot = 0;
  bool connected = true;  // false: the player dropped and the slot is held for a reconnect
  std::string_view name;
  friend bool operator==(const roster_entry&, const roster_entry&) = default;
};

// The answer to a hello: everything a client needs to run the room's simulation.
struct welcome {
  static constexpr message_type type = message_type::welcome;
  std::uint16_t version = protocol_version;
  std::uint8_t slot = 0;  // spectator_slot for a spectator
  std::uint8_t max_slots = wire::max_slots;  // the room's slots, 1 to wire::max_slots
  std::uint8_t tick_hz = 30;
  std::uint8_t input_delay = 2;
  std::uint16_t hash_interval = 30;
  std::uint16_t reconnect_window_s = 30;
  std::uint64_t seed = 0;
  tick_t start_tick = 0;
  tick_t current_tick = 0;  // the first live bundle; history covers the ticks before it
  token reconnect_token{};
  std::string_view room;  // the real room id, never auto_room
  bounded_list<roster_entry, wire::max_slots> roster;  // occupied slots, increasing

  [[nodiscard]] bool is_spectator() const noexcept { return slot == spectator_slot; }
  friend bool operator==(const welcome&, const welcome&) = default;
};

// The inputs of every present slot for one tick, in slot order. The relay
// encodes one per tick and sends the same bytes to everyone in the room.
struct bundle {
  static constexpr message_type type = message_type::bundle;
  tick_t tick = 0;
  std::uint8_t presence = 0;                // bit i: slot i is present
  std::array<bytes_view, max_slots> inputs{};  // inputs[i] counts only when slot i is present

  [[nodiscard]] bool present(std::size_t slot) const noexcept {
    return slot < max_slots && (presence >> slot & 1u) != 0;
  }
  // Marks `slot` present with `payload` (empty: no input).
  void set(std::size_t slot, bytes_view payload) noexcept {
    if (slot >= max_slots) return;
    presence = static_cast<std::uint8_t>(presence | 1u << slot);
    inputs[slot] = payload;
  }
  friend bool operator==(const bundle& a, const bundle& b) {
    if (a.tick != b.tick || a.presence != b.presence) return false;
    for (std::size_t i = 0; i < max_slots; ++i) {
      if (a.present(i) && !same_bytes(a.inputs[i], b.inputs[i])) return false;
    }
    return true;
  }
};

// A slot became present (a new player), or its player came back (reconnected).
struct player_joined {
  static constexpr message_type type = message_type::player_joined;
  tick_t tick = 0;
  std::uint8_t slot = 0;
  bool reconnected = false;
  std::string_view name;
  friend bool operator==(const player_joined&, const player_joined&) = default;
};

// Why a player_left notice was sent; only `disconnected` keeps the slot.
enum class leave_reason : std::uint8_t { left = 0, disconnected = 1, timed_out = 2, kicked = 3 };
inline constexpr std::uint8_t leave_reason_count = 4;

// A player left (the slot is absent from `tick`) or dropped (the slot is held).
struct player_left {
  static constexpr message_type type = message_type::player_left;
  tick_t tick = 0;
  std::uint8_t slot = 0;
  leave_reason reason = leave_reason::left;
  std::string_view name;
  friend bool operator==(const player_left&, const player_left&) = default;
};

// One slot's reported state hash.
struct slot_hash {
  std::uint8_t slot = 0;
  std::uint64_t hash = 0;
  friend bool operator==(const slot_hash&, const slot_hash&) = default;
};

// The clients' simulations diverged at `tick`.
struct desync {
  static constexpr message_type type = message_type::desync;
  tick_t tick = 0;
  std::uint8_t disagreeing = 0;  // mask of the slots that disagree with the majority
  bounded_list<slot_hash, max_slots> reports;  // 2 or more, slots increasing
  friend bool operator==(const desync&, const desync&) = default;
};

// The answer to a ping.
struct pong {
  static constexpr message_type type = message_type::pong;
  std::uint64_t client_time = 0;
  tick_t relay_tick = 0;  // the tick the relay closes next
  friend bool operator==(const pong&, const pong&) = default;
};

}  // namespace skirmish::wire
