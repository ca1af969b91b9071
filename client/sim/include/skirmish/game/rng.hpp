// rng: the simulation's own seeded PRNG (SplitMix64), part of the state it drives.
#pragma once

#include <cstdint>

namespace skirmish::game {

struct rng {
  std::uint64_t state = 0;

  // The next 64 pseudo-random bits.
  constexpr std::uint64_t next() {
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // A value in 0 .. n - 1 (0 when n is 0), by multiply-shift on the top 32 bits.
  constexpr std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }

  // A value in lo .. hi inclusive; needs lo <= hi.
  constexpr std::int32_t between(std::int32_t lo, std::int32_t hi) {
    return lo + static_cast<std::int32_t>(below(static_cast<std::uint32_t>(hi - lo) + 1));
  }

  // True with probability percent / 100.
  constexpr bool chance(std::uint32_t percent) { return below(100) < percent; }

  friend constexpr bool operator==(const rng&, const rng&) = default;
};

}  // namespace skirmish::game
