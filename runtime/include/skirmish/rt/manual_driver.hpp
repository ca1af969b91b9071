// manual_driver: a virtual clock for deterministic tests. Time moves only
// when a test advances it, or when run_until would otherwise wait for a
// timer, in which case it jumps straight to that timer's deadline.
#pragma once

#include <optional>

#include "skirmish/rt/driver.hpp"

namespace skirmish::rt {

class manual_driver final : public driver {
 public:
  explicit manual_driver(instant start = instant{}) noexcept : now_(start) {}

  instant now() override { return now_; }
  bool wait(std::optional<instant> deadline) override {
    if (!deadline) return false;
    if (*deadline > now_) now_ = *deadline;
    return true;
  }

  // Moves the clock forward; due timers fire on the executor's next tick.
  void advance(duration d) noexcept { now_ += d; }

 private:
  instant now_;
};

}  // namespace skirmish::rt
