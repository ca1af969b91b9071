// input: one player's controls for one tick, and its 4-byte wire encoding.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "skirmish/game/limits.hpp"
#include "skirmish/game/trig.hpp"

namespace skirmish::game {

// What one player does during one tick. A plain value: the session carries its
// encoding verbatim as the relay's per-slot input payload.
//
// Wire encoding, 4 bytes (input::wire_size), little-endian:
//   byte 0   buttons: bit 0 up, 1 down, 2 left, 3 right, 4 fire, 5 ability,
//            6 aim (bytes 1-2 hold a new aim), bit 7 reserved (sent as 0)
//   byte 1-2 aim: a binary angle (trig.hpp: 0 = right, 16384 = down),
//            ignored unless the aim bit is set
//   byte 3   reserved, sent as 0
// All zero bytes, or an empty payload, mean "no input": nothing pressed and
// the aim kept from the previous tick. That is what the relay substitutes
// for an input that arrived late, so a late player stops rather than
// snapping around. A client with a mouse should therefore always set the aim
// bit. Decoding never fails: missing bytes count as zero, extra bytes and
// reserved bits are ignored, so every payload means exactly one input.
struct input {
  static constexpr std::uint8_t up = 1 << 0;
  static constexpr std::uint8_t down = 1 << 1;
  static constexpr std::uint8_t left = 1 << 2;
  static constexpr std::uint8_t right = 1 << 3;
  static constexpr std::uint8_t fire = 1 << 4;
  static constexpr std::uint8_t ability = 1 << 5;
  static constexpr std::uint8_t aim_set = 1 << 6;
  static constexpr std::uint8_t known_buttons = 0x7f;

  static constexpr std::size_t wire_size = 4;

  std::uint8_t buttons = 0;
  angle16 aim = 0;

  [[nodiscard]] constexpr bool held(std::uint8_t button) const { return (buttons & button) != 0; }
  [[nodiscard]] constexpr bool empty() const { return buttons == 0; }

  // An input aiming at a, with the given buttons held.
  [[nodiscard]] static constexpr input aiming(angle16 a, std::uint8_t held_buttons = 0) {
    return {static_cast<std::uint8_t>(held_buttons | aim_set), a};
  }

  [[nodiscard]] std::array<std::uint8_t, wire_size> encode() const;
  [[nodiscard]] static input decode(std::span<const std::uint8_t> bytes);

  friend constexpr bool operator==(const input&, const input&) = default;
};

// One tick's inputs, indexed by slot; inactive slots' inputs are ignored.
using inputs_by_slot = std::array<input, max_slots>;

}  // namespace skirmish::game
