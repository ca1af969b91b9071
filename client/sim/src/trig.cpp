// The sine table (built at compile time with integer Taylor series) and the
// functions on binary angles that read it.
#include "skirmish/game/trig.hpp"

#include <array>

namespace skirmish::game {
namespace {

// Entries per quarter turn; an index step is 16 angle units.
constexpr int quarter = 1024;

// sin(i/quarter * pi/2) in Q16 for i = 0 .. quarter. The series runs in Q30
// on int64: x <= pi/2 keeps every product below 2^63.
constexpr std::array<std::int32_t, quarter + 1> make_sin_table() {
  constexpr std::int64_t q30 = std::int64_t{1} << 30;
  constexpr std::int64_t half_pi_q30 = 1686629713;  // round(pi/2 * 2^30)
  std::array<std::int32_t, quarter + 1> table{};
  for (int i = 0; i <= quarter; ++i) {
    const std::int64_t x = half_pi_q30 * i / quarter;
    const std::int64_t x2 = x * x / q30;
    std::int64_t term = x;
    std::int64_t sum = x;
    for (std::int64_t k = 1; term != 0; ++k) {
      term = -term * x2 / q30 / ((2 * k) * (2 * k + 1));
      sum += term;
    }
    table[static_cast<std::size_t>(i)] = static_cast<std::int32_t>((sum + (1 << 13)) >> 14);
  }
  return table;
}

constexpr std::array<std::int32_t, quarter + 1> sin_table = make_sin_table();
static_assert(sin_table[0] == 0 && sin_table[quarter] == 65536, "sin(0) = 0 and sin(pi/2) = 1 exactly");

// atan(small/big) for 0 <= small <= big, big > 0, in angle units 0 .. 8192
// (an eighth of a turn): the last table index with tan <= small/big, then a
// linear step between it and the next.
std::int32_t atan_octant(std::int64_t small, std::int64_t big) {
  // Keep products with table values (< 2^17) well inside int64.
  while (big > (std::int64_t{1} << 40)) {
    big >>= 1;
    small >>= 1;
  }
  if (big == 0) return 0;
  // f(i) = small*cos(i) - big*sin(i) falls as i grows and crosses 0 at the answer.
  auto f = [&](int i) {
    return small * sin_table[static_cast<std::size_t>(quarter - i)] - big * sin_table[static_cast<std::size_t>(i)];
  };
  int lo = 0, hi = quarter / 2;  // f(lo) >= 0; the answer is at most 45 degrees
  if (f(hi) >= 0) return quarter / 2 * 16;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (f(mid) >= 0) lo = mid;
    else hi = mid;
  }
  const std::int64_t a = f(lo), b = f(hi);
  return static_cast<std::int32_t>(lo * 16 + 16 * a / (a - b));
}

}  // namespace

std::int32_t sin_q16(angle16 a) {
  const int i = a >> 4;  // 0 .. 4095
  const int q = i / quarter;
  const int r = i % quarter;
  switch (q) {
    case 0: return sin_table[static_cast<std::size_t>(r)];
    case 1: return sin_table[static_cast<std::size_t>(quarter - r)];
    case 2: return -sin_table[static_cast<std::size_t>(r)];
    default: return -sin_table[static_cast<std::size_t>(quarter - r)];
  }
}

std::int32_t cos_q16(angle16 a) { return sin_q16(static_cast<angle16>(a + quarter_turn)); }

angle16 atan2_angle(std::int64_t dy, std::int64_t dx) {
  if (dx == 0 && dy == 0) return 0;
  const std::int64_t ax = dx < 0 ? -dx : dx;
  const std::int64_t ay = dy < 0 ? -dy : dy;
  // The angle within the first quadrant, 0 .. 16384.
  const std::int32_t first = ay <= ax ? atan_octant(ay, ax) : quarter_turn - atan_octant(ax, ay);
  std::int32_t full;
  if (dx >= 0 && dy >= 0) full = first;
  else if (dx < 0 && dy >= 0) full = 2 * quarter_turn - first;
  else if (dx < 0) full = 2 * quarter_turn + first;
  else full = 4 * quarter_turn - first;
  return static_cast<angle16>(full);
}

vec2 direction(angle16 a, std::int32_t length) {
  const std::int64_t c = cos_q16(a), s = sin_q16(a);
  // Round half up in Q16; the same rule on every machine is all that matters.
  return {static_cast<std::int32_t>((c * length + (1 << 15)) >> 16),
          static_cast<std::int32_t>((s * length + (1 << 15)) >> 16)};
}

}  // namespace skirmish::game
