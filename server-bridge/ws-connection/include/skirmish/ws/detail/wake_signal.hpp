// wake_signal: how one half of a connection tells a task of the same
// connection that it has work: a flag and at most one waiter, which may also
// give up at a deadline. Cheaper than an event plus a select: one waker, one
// optional timer, no extra task.
#pragma once

#include <optional>
#include <utility>

#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::ws::detail {

class wake_signal {
 public:
  wake_signal() = default;
  wake_signal(const wake_signal&) = delete;
  wake_signal& operator=(const wake_signal&) = delete;

  // Sets the flag and wakes the waiter, if one waits.
  void notify() noexcept {
    notified_ = true;
    if (waiter_) std::exchange(waiter_, rt::waker{}).wake();
  }

  class [[nodiscard]] awaiter {
   public:
    awaiter(wake_signal& s, std::optional<rt::instant> deadline) noexcept : s_(s), deadline_(deadline) {}
    awaiter(awaiter&& other) noexcept : s_(other.s_), deadline_(other.deadline_) {}
    ~awaiter() { s_.waiter_ = rt::waker{}; }

    bool await_ready() const noexcept { return s_.notified_; }
    template <rt::task_promise P>
    bool await_suspend(rt::co::coroutine_handle<P> h) {
      // note: the timer parks the same suspension again; two wakers for one
      // suspension are harmless (the second wake finds the task queued or moved on).
      if (deadline_ && !timer_.arm(h, *deadline_)) return false;
      s_.waiter_ = rt::park(h);
      return true;
    }
    // True if notified, false if the deadline came first. Clears the flag.
    bool await_resume() noexcept {
      if (timer_.armed()) timer_.sched->timers.disarm(timer_);
      s_.waiter_ = rt::waker{};
      return std::exchange(s_.notified_, false);
    }

   private:
    wake_signal& s_;
    std::optional<rt::instant> deadline_;
    rt::detail::waking_timer timer_;
  };

  // Resumes once notified (at once if notified since the last wait), or at
  // `deadline`; gives whether it was notified.
  awaiter wait(std::optional<rt::instant> deadline = std::nullopt) noexcept { return awaiter(*this, deadline); }

 private:
  rt::waker waiter_;
  bool notified_ = false;
};

}  // namespace skirmish::ws::detail
