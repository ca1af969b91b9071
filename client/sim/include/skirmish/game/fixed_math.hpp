// Fixed-point units and integer helpers (square root, scaling) the simulation
// uses instead of floating point, so that wasm and native agree bit for bit.
#pragma once

#include <cstdint>

#include "skirmish/game/vec2.hpp"

namespace skirmish::game {

// One world pixel in position units: positions and speeds carry 8 fraction bits.
// note: 1/256 px keeps slow diagonal speeds exact enough while the whole arena
// (1280 px) still fits in 19 bits, so squared distances fit an int64 easily.
inline constexpr std::int32_t px = 256;

// Fractions use 16 bits: q16_one is 1.0 (sines, cosines, lerp factors).
inline constexpr std::int32_t q16_one = 1 << 16;

// floor(sqrt(v)) for any 64-bit value, exact.
[[nodiscard]] constexpr std::uint32_t isqrt(std::uint64_t v) {
  std::uint64_t result = 0;
  std::uint64_t bit = std::uint64_t{1} << 62;
  while (bit > v) bit >>= 2;
  while (bit != 0) {
    if (v >= result + bit) {
      v -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  return static_cast<std::uint32_t>(result);
}

// |v| rounded down, in position units.
[[nodiscard]] constexpr std::int32_t length(vec2 v) {
  return static_cast<std::int32_t>(isqrt(static_cast<std::uint64_t>(length_sq(v))));
}

// v scaled by num/den, each component rounded toward zero; den must not be 0.
[[nodiscard]] constexpr vec2 scale(vec2 v, std::int64_t num, std::int64_t den) {
  return {static_cast<std::int32_t>(v.x * num / den), static_cast<std::int32_t>(v.y * num / den)};
}

// v with its length set to len (toward zero by rounding); the zero vector stays zero.
[[nodiscard]] constexpr vec2 with_length(vec2 v, std::int32_t len) {
  const std::int32_t l = length(v);
  return l == 0 ? vec2{} : scale(v, len, l);
}

[[nodiscard]] constexpr std::int32_t clamp(std::int32_t v, std::int32_t lo, std::int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

}  // namespace skirmish::game
