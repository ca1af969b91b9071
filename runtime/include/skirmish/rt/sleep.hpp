// Timers on the executor's clock: sleep_for, sleep_until and interval. The
// timer node lives in the awaiting frame; cancelling the task disarms it.
#pragma once

#include <cstdint>

#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/detail/timer_queue.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::rt {

namespace detail {

// A timer node that wakes one task when it fires.
struct waking_timer : timer_node {
  waker w;
  scheduler* sched = nullptr;

  waking_timer() noexcept {
    fire = [](timer_node& n) noexcept { static_cast<waking_timer&>(n).w.wake(); };
  }
  waking_timer(const waking_timer&) = delete;
  waking_timer& operator=(const waking_timer&) = delete;
  ~waking_timer() {
    if (armed()) sched->timers.disarm(*this);
  }

  // Arms the timer for the task `h` runs in; false when `deadline` has passed.
  template <task_promise P>
  bool arm(co::coroutine_handle<P> h, instant at) {
    sched = &scheduler_of(h);
    if (at <= sched->now()) return false;
    w = park(h);
    sched->timers.arm(*this, at);
    return true;
  }
};

}  // namespace detail

class [[nodiscard]] sleep_awaiter {
 public:
  static sleep_awaiter until(instant at) noexcept { return sleep_awaiter(at, duration::zero(), true); }
  static sleep_awaiter after(duration d) noexcept { return sleep_awaiter(instant{}, d, false); }

  sleep_awaiter(sleep_awaiter&& other) noexcept : at_(other.at_), for_(other.for_), absolute_(other.absolute_) {}

  bool await_ready() const noexcept { return !absolute_ && for_ <= duration::zero(); }
  template <task_promise P>
  bool await_suspend(co::coroutine_handle<P> h) {
    instant at = absolute_ ? at_ : scheduler_of(h).now() + for_;
    return timer_.arm(h, at);
  }
  void await_resume() const noexcept {}

 private:
  sleep_awaiter(instant at, duration d, bool absolute) noexcept : at_(at), for_(d), absolute_(absolute) {}

  instant at_;
  duration for_;
  bool absolute_;
  detail::waking_timer timer_;
};

// Resumes once `d` has passed on the executor's clock.
[[nodiscard]] inline sleep_awaiter sleep_for(duration d) noexcept { return sleep_awaiter::after(d); }
// Resumes once the executor's clock reaches `at`.
[[nodiscard]] inline sleep_awaiter sleep_until(instant at) noexcept { return sleep_awaiter::until(at); }

// A periodic clock on a fixed grid: the first tick completes at once, then one
// every `period`. note: ticks that were missed (a busy executor) are skipped,
// not replayed in a burst, and the grid never drifts; each tick says how many
// periods passed since the previous one so a caller can catch up by itself.
class interval {
 public:
  explicit interval(duration period) noexcept : period_(period) {}
  interval(const interval&) = delete;
  interval& operator=(const interval&) = delete;

  class [[nodiscard]] awaiter {
   public:
    explicit awaiter(interval& iv) noexcept : iv_(iv) {}
    bool await_ready() const noexcept { return false; }
    template <task_promise P>
    bool await_suspend(co::coroutine_handle<P> h) {
      instant now = scheduler_of(h).now();
      if (!iv_.started_) {
        iv_.started_ = true;
        iv_.next_ = now;
      }
      return timer_.arm(h, iv_.next_);
    }
    // The number of periods since the previous tick (1 unless ticks were skipped).
    std::uint64_t await_resume() noexcept { return iv_.advance(timer_.sched->now()); }

   private:
    interval& iv_;
    detail::waking_timer timer_;
  };

  // Waits for the next tick of the grid.
  awaiter tick() noexcept { return awaiter(*this); }
  duration period() const noexcept { return period_; }

 private:
  std::uint64_t advance(instant now) noexcept {
    if (first_) {
      first_ = false;
      next_ += period_;
      return 1;
    }
    std::uint64_t periods = 1;
    next_ += period_;
    if (now >= next_) {
      std::uint64_t behind = static_cast<std::uint64_t>((now - next_) / period_) + 1;
      periods += behind;
      next_ += period_ * static_cast<std::int64_t>(behind);
    }
    return periods;
  }

  duration period_;
  instant next_{};
  bool started_ = false;
  bool first_ = true;
};

}  // namespace skirmish::rt
