// reconnect_backoff: how long to wait before the next connection attempt; a
// pure function, so the transport layer and tests get the same schedule.
#pragma once

#include <chrono>
#include <cstdint>

#include "skirmish/rt/time.hpp"

namespace skirmish::game {

struct backoff_policy {
  rt::duration first = std::chrono::milliseconds(250);  // the delay before the second attempt
  rt::duration cap = std::chrono::seconds(5);           // no delay is longer
  unsigned jitter_percent = 20;                          // up to this much is taken off, by `seed`
};

// The delay before attempt `attempt` (1 = the first retry after a drop: it is
// immediate, a dropped connection is often just a blip), doubling from
// `policy.first` up to `policy.cap`. The jitter only shortens a delay, and
// depends on `seed` alone (say, the player's slot or name hash), so peers
// that dropped together do not retry in lockstep and a test can predict it.
[[nodiscard]] rt::duration reconnect_backoff(unsigned attempt, std::uint64_t seed = 0,
                                             const backoff_policy& policy = {}) noexcept;

}  // namespace skirmish::game
