// tick_history: the encoded bundles of a room's most recent ticks, the very
// blocks that were broadcast, kept for joiners and reconnects up to a cap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "skirmish/relay/shared_bytes.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::relay {

class tick_history {
 public:
  // Keeps at most `cap` ticks (at least 1); older ones are forgotten.
  tick_history(wire::tick_t first_tick, std::size_t cap)
      : cap_(cap == 0 ? 1 : cap), origin_(first_tick), first_(first_tick), next_(first_tick) {}

  // Appends the bundle of the next tick.
  void push(shared_bytes bundle) {
    if (ring_.size() < cap_) {
      // note: grows as the room lives, so a short game never pays for the cap.
      ring_.push_back(std::move(bundle));
    } else {
      ring_[index(next_)] = std::move(bundle);
      ++first_;
    }
    ++next_;
  }

  // The oldest tick still held (== end() when nothing is).
  [[nodiscard]] wire::tick_t begin() const noexcept { return first_; }
  // One past the newest tick held: the room's next tick.
  [[nodiscard]] wire::tick_t end() const noexcept { return next_; }
  [[nodiscard]] std::size_t size() const noexcept { return next_ - first_; }
  [[nodiscard]] std::size_t cap() const noexcept { return cap_; }
  [[nodiscard]] bool holds(wire::tick_t t) const noexcept { return t >= first_ && t < next_; }

  // The encoded bundle of tick `t`; `holds(t)` must be true.
  [[nodiscard]] const shared_bytes& at(wire::tick_t t) const noexcept {
    return ring_[index(t)];
  }

 private:
  // note: counted from the room's first tick, so the slots filled while the
  // ring grows are the ones the full ring uses: no rotation when it fills.
  [[nodiscard]] std::size_t index(wire::tick_t t) const noexcept { return (t - origin_) % cap_; }

  std::size_t cap_;
  wire::tick_t origin_;
  wire::tick_t first_;
  wire::tick_t next_;
  std::vector<shared_bytes> ring_;
};

}  // namespace skirmish::relay
