// yield_now(): lets every other runnable task have a turn, then resumes.
#pragma once

#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::rt {

struct [[nodiscard]] yield_awaiter {
  bool await_ready() const noexcept { return false; }
  template <task_promise P>
  void await_suspend(co::coroutine_handle<P> h) const noexcept {
    detail::task_header* owner = h.promise().owner;
    owner->resume_point = h;
    owner->sched->enqueue(owner);
  }
  void await_resume() const noexcept {}
};

// Resumes on the next tick of the same executor.
[[nodiscard]] inline yield_awaiter yield_now() noexcept { return {}; }

}  // namespace skirmish::rt
