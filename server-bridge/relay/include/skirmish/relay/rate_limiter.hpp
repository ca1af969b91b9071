// rate_limiter: the per-connection message rate limits of PROTOCOL.md "Rate":
// inputs and hash reports judged against the room's tick progress, pings
// against the clock (a token bucket).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "skirmish/relay/room_config.hpp"
#include "skirmish/relay/token_bucket.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/wire/message_type.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::relay {

// note: a well-behaved client sends an input when it applies a bundle (the
// input for that tick + input_delay) and a hash report every hash_interval
// applied ticks, so those two follow the ticks the room has closed, not the
// clock. Judging them against the wall clock punished clients for the
// relay's own stalls: a relay starved for two seconds closes sixty overdue
// ticks at once, its clients answer with sixty inputs at once, and a bucket
// with one second of burst refused them. Counted against the ticks closed
// since the welcome, a stall cannot push a client over (the relay's burst of
// bundles and the client's burst of answers are the same size), and a flood
// is still stopped after `slack` messages. Pings follow the client's own
// clock: a token bucket of `factor` per second with a burst of `factor`.
class rate_limiter {
 public:
  rate_limiter() noexcept = default;
  rate_limiter(const room_config& c, std::uint32_t factor) noexcept {
    using std::chrono::nanoseconds;
    const std::int64_t second = 1'000'000'000;
    const std::uint32_t f = factor < 2 ? 2 : factor;
    // Slack: (factor - 1) seconds' worth of ticks (of hash reports), so a
    // client may run that far ahead of the room, as the spec's "twice the
    // rate, measured over a second" allowed.
    input_slack_ = std::uint64_t{c.input_delay} + std::uint64_t{f - 1} * c.tick_hz;
    hash_interval_ = c.hash_interval == 0 ? 1 : c.hash_interval;
    hash_slack_ = 1 + std::uint64_t{f - 1} * std::max<std::uint64_t>(1, c.tick_hz / hash_interval_);
    ping_ = token_bucket(nanoseconds(second / f), f);
  }

  // The connection was welcomed into a room whose next tick is `next_tick`:
  // inputs and hash reports count from here (a reconnect is a new welcome).
  void joined(wire::tick_t next_tick) noexcept {
    base_tick_ = next_tick;
    inputs_ = 0;
    hashes_ = 0;
  }

  // Takes a token for a message of type `t` at `now`, with the room's next
  // tick `next_tick`; false when over the limit (nothing taken). Types without
  // a limit (hello, leave: once each) always pass.
  [[nodiscard]] bool allow(wire::message_type t, rt::instant now, wire::tick_t next_tick) noexcept {
    const std::uint64_t closed = next_tick > base_tick_ ? std::uint64_t{next_tick - base_tick_} : 0;
    switch (t) {
      case wire::message_type::input: return take(inputs_, closed + input_slack_);
      case wire::message_type::hash_report: return take(hashes_, closed / hash_interval_ + hash_slack_);
      case wire::message_type::ping: return ping_.take(now);
      default: return true;
    }
  }

 private:
  static bool take(std::uint64_t& count, std::uint64_t allowance) noexcept {
    if (count >= allowance) return false;
    ++count;
    return true;
  }

  wire::tick_t base_tick_ = 0;     // the room's next tick at the welcome
  std::uint64_t inputs_ = 0;       // inputs accepted since the welcome
  std::uint64_t hashes_ = 0;       // hash reports accepted since the welcome
  std::uint64_t input_slack_ = 0;  // how many inputs ahead of the closed ticks a client may be
  std::uint64_t hash_slack_ = 0;
  std::uint64_t hash_interval_ = 1;
  token_bucket ping_;
};

}  // namespace skirmish::relay
