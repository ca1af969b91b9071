// reconnect_backoff: an immediate first retry, then doubling delays up to a
// cap, shortened by a jitter that depends on the seed alone.
#include <doctest/doctest.h>

#include <chrono>

#include "skirmish/game/reconnect_backoff.hpp"

using namespace skirmish;
using namespace skirmish::game;
using namespace std::chrono_literals;

TEST_SUITE("session: reconnect backoff") {
  TEST_CASE("without jitter: 0, then 250 ms doubling up to the cap") {
    const backoff_policy p{.first = 250ms, .cap = 5s, .jitter_percent = 0};
    CHECK(reconnect_backoff(0, 1, p) == 0ms);
    CHECK(reconnect_backoff(1, 1, p) == 0ms);
    CHECK(reconnect_backoff(2, 1, p) == 250ms);
    CHECK(reconnect_backoff(3, 1, p) == 500ms);
    CHECK(reconnect_backoff(4, 1, p) == 1000ms);
    CHECK(reconnect_backoff(6, 1, p) == 4000ms);
    CHECK(reconnect_backoff(7, 1, p) == 5s);
    CHECK(reconnect_backoff(1000000, 1, p) == 5s);
  }

  TEST_CASE("jitter only shortens, by at most its share, and is a pure function of seed and attempt") {
    const backoff_policy p{};  // 250 ms, 5 s, 20 %
    bool some_differ = false;
    for (unsigned attempt = 2; attempt < 12; ++attempt) {
      const rt::duration plain = reconnect_backoff(attempt, 0, {.jitter_percent = 0});
      for (std::uint64_t seed = 0; seed < 50; ++seed) {
        const rt::duration d = reconnect_backoff(attempt, seed, p);
        CHECK(d <= plain);
        CHECK(d >= plain - plain / 5);
        CHECK(d == reconnect_backoff(attempt, seed, p));
        some_differ |= d != reconnect_backoff(attempt, seed + 1, p);
      }
    }
    CHECK(some_differ);
  }
}
