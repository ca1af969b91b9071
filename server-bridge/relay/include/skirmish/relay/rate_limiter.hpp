// rate_limiter: the per-connection message rate limits of PROTOCOL.md "Rate",
// one token bucket per kind of message.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "skirmish/relay/room_config.hpp"
#include "skirmish/relay/token_bucket.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/wire/message_type.hpp"

namespace skirmish::relay {

// note: a well-behaved client sends one input per tick, one hash_report per
// hash_interval ticks and one ping per second. Each bucket allows `factor`
// times that rate (the spec asks for at least twice) with a burst of one
// second's worth at that rate (and at least `factor`), so a client that
// catches up after a stall is not punished, and one that floods is stopped
// within a second.
class rate_limiter {
 public:
  rate_limiter() noexcept = default;
  rate_limiter(const room_config& c, std::uint32_t factor) noexcept {
    using std::chrono::nanoseconds;
    const std::int64_t second = 1'000'000'000;
    const std::int64_t f = factor < 2 ? 2 : factor;
    const std::int64_t per_s_input = f * c.tick_hz;
    input_ = token_bucket(nanoseconds(second / per_s_input), static_cast<std::uint32_t>(per_s_input));
    // hash reports: f * tick_hz / hash_interval per second, kept in integers.
    const std::int64_t hash_interval_ns = second * c.hash_interval / (f * c.tick_hz);
    const std::int64_t hash_burst = std::max<std::int64_t>(f, f * c.tick_hz / c.hash_interval);
    hash_ = token_bucket(nanoseconds(hash_interval_ns), static_cast<std::uint32_t>(hash_burst));
    ping_ = token_bucket(nanoseconds(second / f), static_cast<std::uint32_t>(f));
  }

  // Takes a token for a message of type `t` at `now`; false when over the
  // limit. Types without a limit (hello, leave: once each) always pass.
  [[nodiscard]] bool allow(wire::message_type t, rt::instant now) noexcept {
    switch (t) {
      case wire::message_type::input: return input_.take(now);
      case wire::message_type::hash_report: return hash_.take(now);
      case wire::message_type::ping: return ping_.take(now);
      default: return true;
    }
  }

 private:
  token_bucket input_;
  token_bucket hash_;
  token_bucket ping_;
};

}  // namespace skirmish::relay
