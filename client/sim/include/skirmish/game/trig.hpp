// Integer trigonometry on binary angles: sine and cosine from a table built at
// compile time with integer arithmetic, and atan2 by searching that table.
#pragma once

#include <cstdint>

#include "skirmish/game/vec2.hpp"

namespace skirmish::game {

// A binary angle: 65536 units make a full turn. 0 points along +x (right) and
// 16384 along +y, which is down on screen, so angles grow clockwise as seen.
using angle16 = std::uint16_t;

inline constexpr std::uint32_t full_turn = 65536;
inline constexpr angle16 quarter_turn = 16384;

// sin and cos in Q16 (65536 is 1.0), resolved to 1/4096 of a turn.
[[nodiscard]] std::int32_t sin_q16(angle16 a);
[[nodiscard]] std::int32_t cos_q16(angle16 a);

// The angle of the vector (dx, dy); 0 for the zero vector. Accurate to about
// 2 units (0.01 degree) for any input.
[[nodiscard]] angle16 atan2_angle(std::int64_t dy, std::int64_t dx);

// The vector of the given length pointing along a.
[[nodiscard]] vec2 direction(angle16 a, std::int32_t length);

// The signed difference b - a, wrapped into -32768 .. 32767.
[[nodiscard]] constexpr std::int32_t angle_diff(angle16 a, angle16 b) {
  return static_cast<std::int16_t>(static_cast<std::uint16_t>(b - a));
}

}  // namespace skirmish::game
