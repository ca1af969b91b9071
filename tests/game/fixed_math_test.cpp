// The integer math under the simulation: isqrt, the sine table, atan2 and
// direction vectors, checked against the C library's floating point (which
// the tests may use; the simulation never does).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstdint>

#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/rng.hpp"
#include "skirmish/game/trig.hpp"

using namespace skirmish::game;

namespace {
constexpr double two_pi = 6.283185307179586;
double radians(std::uint32_t a) { return a * two_pi / 65536.0; }
}  // namespace

TEST_SUITE("fixed_math") {
  TEST_CASE("isqrt is the exact floor of the square root") {
    rng r{7};
    for (int i = 0; i < 20000; ++i) {
      // Values of every magnitude, not just small ones.
      const std::uint64_t v = r.next() >> r.below(64);
      const std::uint64_t s = isqrt(v);
      CHECK(s * s <= v);
      CHECK((s + 1) * (s + 1) > v);
    }
    CHECK(isqrt(0) == 0);
    CHECK(isqrt(1) == 1);
    CHECK(isqrt(UINT64_MAX) == 0xffffffffu);
    static_assert(isqrt(1ull << 62) == 1u << 31);
  }

  TEST_CASE("the sine table matches sin() to within one Q16 step at every table angle") {
    int worst = 0;
    for (std::uint32_t a = 0; a < 65536; a += 16) {
      const int exact = static_cast<int>(std::lround(std::sin(radians(a)) * 65536.0));
      worst = std::max(worst, std::abs(sin_q16(static_cast<angle16>(a)) - exact));
      CHECK(std::abs(cos_q16(static_cast<angle16>(a)) - static_cast<int>(std::lround(std::cos(radians(a)) * 65536.0))) <= 1);
    }
    CHECK(worst <= 1);
    CHECK(sin_q16(0) == 0);
    CHECK(sin_q16(quarter_turn) == 65536);
    CHECK(cos_q16(0) == 65536);
    CHECK(sin_q16(2 * quarter_turn) == 0);
    CHECK(sin_q16(3 * quarter_turn) == -65536);
  }

  TEST_CASE("sin^2 + cos^2 stays 1 and the quadrants mirror exactly") {
    for (std::uint32_t a = 0; a < 65536; a += 16) {
      const std::int64_t s = sin_q16(static_cast<angle16>(a)), c = cos_q16(static_cast<angle16>(a));
      CHECK(std::llabs(s * s + c * c - (std::int64_t{1} << 32)) < (std::int64_t{1} << 18));
      CHECK(sin_q16(static_cast<angle16>(65536 - a)) == -s);
    }
  }

  TEST_CASE("atan2_angle inverts direction and agrees with atan2()") {
    for (std::uint32_t a = 0; a < 65536; a += 37) {
      const vec2 v = direction(static_cast<angle16>(a), 100000);
      CHECK(std::abs(angle_diff(static_cast<angle16>(a), atan2_angle(v.y, v.x))) <= 16);
    }
    rng r{11};
    for (int i = 0; i < 20000; ++i) {
      const std::int64_t dx = r.between(-400000, 400000), dy = r.between(-400000, 400000);
      if (dx == 0 && dy == 0) continue;
      double expected = std::atan2(static_cast<double>(dy), static_cast<double>(dx)) / two_pi * 65536.0;
      if (expected < 0) expected += 65536.0;
      const auto want = static_cast<angle16>(static_cast<std::uint32_t>(std::lround(expected)) & 0xffff);
      CHECK(std::abs(angle_diff(want, atan2_angle(dy, dx))) <= 3);
    }
    CHECK(atan2_angle(0, 0) == 0);
    CHECK(atan2_angle(0, 5) == 0);
    CHECK(atan2_angle(5, 0) == quarter_turn);
    CHECK(atan2_angle(0, -5) == 2 * quarter_turn);
    CHECK(atan2_angle(-5, 0) == 3 * quarter_turn);
    CHECK(atan2_angle(7, 7) == quarter_turn / 2);
    // Huge vectors are scaled down, not overflowed.
    CHECK(std::abs(angle_diff(quarter_turn / 2, atan2_angle(INT64_MAX / 4, INT64_MAX / 4))) <= 1);
  }

  TEST_CASE("direction has the asked length and points the right way") {
    CHECK(direction(0, 1000) == vec2{1000, 0});
    CHECK(direction(quarter_turn, 1000) == vec2{0, 1000});
    CHECK(direction(2 * quarter_turn, 1000) == vec2{-1000, 0});
    for (std::uint32_t a = 0; a < 65536; a += 101) {
      const vec2 v = direction(static_cast<angle16>(a), 18 * px);
      CHECK(std::abs(length(v) - 18 * px) <= 2);
    }
  }

  TEST_CASE("angle_diff wraps around the full turn") {
    CHECK(angle_diff(100, 200) == 100);
    CHECK(angle_diff(200, 100) == -100);
    CHECK(angle_diff(65500, 30) == 66);
    CHECK(angle_diff(30, 65500) == -66);
  }

  TEST_CASE("with_length and scale keep direction and round toward zero") {
    CHECK(with_length({3, 4}, 10) == vec2{6, 8});
    CHECK(with_length({}, 10) == vec2{});
    CHECK(scale({-7, 7}, 1, 2) == vec2{-3, 3});
    CHECK(length({3000, 4000}) == 5000);
  }

  TEST_CASE("rng is a pure function of its seed and spreads below() evenly") {
    rng a{42}, b{42};
    for (int i = 0; i < 100; ++i) CHECK(a.next() == b.next());
    rng c{1};
    int buckets[6] = {};
    for (int i = 0; i < 60000; ++i) ++buckets[c.below(6)];
    for (int n : buckets) CHECK(std::abs(n - 10000) < 500);
    for (int i = 0; i < 1000; ++i) {
      const std::int32_t v = c.between(-3, 3);
      CHECK(v >= -3);
      CHECK(v <= 3);
    }
  }
}
