// hash_tracker: a room's state-hash reports, compared per tick once every
// expected player has reported or a while after the first report, and the
// desync notice for the first tick whose hashes disagree (PROTOCOL.md 3).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "skirmish/rt/time.hpp"
#include "skirmish/wire/protocol.hpp"
#include "skirmish/wire/relay_messages.hpp"

namespace skirmish::relay {

class hash_tracker {
 public:
  // note: ticks are compared within `wait` of their first report, and reports
  // come about one tick after the tick closed, so few ticks wait at once; the
  // cap only guards against a client reporting many old ticks on purpose.
  static constexpr std::size_t max_pending_ticks = 32;

  explicit hash_tracker(rt::duration wait) noexcept : wait_(wait) {}

  // Records `slot`'s hash of tick `t`. Ignored after the room's desync, for a
  // tick already compared, or for a second report of one slot.
  void report(wire::tick_t t, std::uint8_t slot, std::uint64_t hash, rt::instant now);

  // Compares every tick that is ready: all of `expected(t)` reported, or
  // `wait` passed since its first report. Earlier ticks are compared along
  // with a later ready one, in order, so the first bad tick is the one named.
  // Returns the desync notice the first time two hashes of a tick differ;
  // after that the tracker is done and ignores everything.
  // `expected(t)` gives the mask of the slots that owe a report for tick t.
  template <class Expected>
  [[nodiscard]] std::optional<wire::desync> check(rt::instant now, Expected&& expected) {
    std::size_t ready = 0;  // compare pending_[0, ready)
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      const entry& e = pending_[i];
      const std::uint8_t owed = expected(e.tick);
      if ((e.reported & owed) == owed || now >= e.first_at + wait_) ready = i + 1;
    }
    return compare_first(ready);
  }

  [[nodiscard]] bool done() const noexcept { return done_; }
  [[nodiscard]] std::size_t pending() const noexcept { return pending_.size(); }

 private:
  struct entry {
    wire::tick_t tick = 0;
    rt::instant first_at{};
    std::uint8_t reported = 0;  // bit s: slot s reported
    std::array<std::uint64_t, wire::max_slots> hashes{};
  };

  // Compares and forgets pending_[0, n); the first disagreement ends tracking.
  std::optional<wire::desync> compare_first(std::size_t n);
  static std::optional<wire::desync> compare(const entry& e);

  rt::duration wait_;
  std::vector<entry> pending_;  // increasing ticks
  std::optional<wire::tick_t> compared_through_;  // reports up to here are too late
  bool done_ = false;
};

}  // namespace skirmish::relay
