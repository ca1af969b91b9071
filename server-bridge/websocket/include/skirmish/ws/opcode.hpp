// opcode: the frame types of RFC 6455 (section 5.2) that this engine speaks.
#pragma once

#include <cstdint>

namespace skirmish::ws {

enum class opcode : std::uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xA,
};

// Control frames (close, ping, pong) have the high opcode bit set.
constexpr bool is_control(opcode op) noexcept { return (static_cast<std::uint8_t>(op) & 0x8) != 0; }

// The 4-bit values RFC 6455 defines; the others are reserved and fail the connection.
constexpr bool is_known_opcode(std::uint8_t bits) noexcept { return bits <= 0x2 || (bits >= 0x8 && bits <= 0xA); }

}  // namespace skirmish::ws
