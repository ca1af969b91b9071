// timeout(d, a): runs `a` in the current task and gives up after `d` on the
// executor's clock, cancelling it. One timer, no extra task.
#pragma once

#include <utility>

#include "skirmish/rt/as_task.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

struct timed_out {};

template <class T>
class [[nodiscard]] timeout_awaiter : detail::completion_hook {
 public:
  timeout_awaiter(duration limit, task<T> body) noexcept
      : completion_hook(&finished), limit_(limit), body_(std::move(body)) {}
  timeout_awaiter(timeout_awaiter&& other) noexcept
      : completion_hook(&finished), limit_(other.limit_), body_(std::move(other.body_)) {}

  bool await_ready() const noexcept { return false; }
  template <task_promise P>
  bool await_suspend(co::coroutine_handle<P> h) {
    detail::scheduler& sched = scheduler_of(h);
    instant deadline = sched.now() + limit_;
    if (detail::start_branch(body_.handle(), sched, this)) return false;
    // note: the timer's waker doubles as the parent's waker for the body.
    return timer_.arm(h, deadline);
  }
  result<stored_t<T>, timed_out> await_resume() {
    if (timer_.armed()) timer_.sched->timers.disarm(timer_);
    if (!body_.done()) {
      body_ = {};
      return fail(timed_out{});
    }
    return detail::take_stored(body_);
  }

 private:
  static void finished(detail::completion_hook& self, detail::task_header&) noexcept {
    static_cast<timeout_awaiter&>(self).timer_.w.wake();
  }

  duration limit_;
  task<T> body_;
  detail::waking_timer timer_;
};

// Gives the result of `a`, or timed_out once `limit` has passed first (and
// then `a` is cancelled).
template <class A>
  requires awaitable<std::decay_t<A>>
[[nodiscard]] auto timeout(duration limit, A&& a) {
  return timeout_awaiter<await_result_t<std::decay_t<A>>>(limit, as_task(std::forward<A>(a)));
}

}  // namespace skirmish::rt
