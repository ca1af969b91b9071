// vec2: a 2-D vector of fixed-point world coordinates (see fixed_math.hpp for the unit).
#pragma once

#include <cstdint>

namespace skirmish::game {

struct vec2 {
  std::int32_t x = 0;
  std::int32_t y = 0;

  friend constexpr vec2 operator+(vec2 a, vec2 b) { return {a.x + b.x, a.y + b.y}; }
  friend constexpr vec2 operator-(vec2 a, vec2 b) { return {a.x - b.x, a.y - b.y}; }
  friend constexpr vec2 operator-(vec2 a) { return {-a.x, -a.y}; }
  friend constexpr vec2 operator*(vec2 a, std::int32_t k) { return {a.x * k, a.y * k}; }
  constexpr vec2& operator+=(vec2 b) { x += b.x; y += b.y; return *this; }
  constexpr vec2& operator-=(vec2 b) { x -= b.x; y -= b.y; return *this; }
  friend constexpr bool operator==(vec2, vec2) = default;
};

// Dot product, widened so that products of world coordinates cannot overflow.
[[nodiscard]] constexpr std::int64_t dot(vec2 a, vec2 b) {
  return std::int64_t{a.x} * b.x + std::int64_t{a.y} * b.y;
}

[[nodiscard]] constexpr std::int64_t length_sq(vec2 a) { return dot(a, a); }

[[nodiscard]] constexpr std::int64_t distance_sq(vec2 a, vec2 b) { return length_sq(a - b); }

}  // namespace skirmish::game
