// reconnect_backoff: doubling delays with a cap and a seeded, shortening jitter.
#include "skirmish/game/reconnect_backoff.hpp"

#include <algorithm>

namespace skirmish::game {

namespace {

// splitmix64: a well-mixed number from the seed and the attempt.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

rt::duration reconnect_backoff(unsigned attempt, std::uint64_t seed, const backoff_policy& policy) noexcept {
  if (attempt <= 1 || policy.first <= rt::duration::zero()) return rt::duration::zero();
  rt::duration delay = policy.first;
  for (unsigned i = 2; i < attempt && delay < policy.cap; ++i) delay *= 2;
  delay = std::min(delay, policy.cap);
  const unsigned percent = std::min(policy.jitter_percent, 100u);
  if (percent == 0) return delay;
  const auto cut = static_cast<rt::duration::rep>(mix(seed ^ attempt) % (percent + 1));
  return delay - delay * cut / 100;
}

}  // namespace skirmish::game
