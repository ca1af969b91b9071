// waker: a cheap, copyable handle that reschedules one suspension of a task.
// Waking is harmless after the task moved on, finished or was cancelled.
#pragma once

#include <concepts>
#include <cstdint>
#include <utility>

#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/detail/scheduler.hpp"

namespace skirmish::rt {

class waker {
 public:
  waker() noexcept = default;
  waker(const waker& other) noexcept : h_(other.h_), epoch_(other.epoch_) {
    if (h_ != nullptr) detail::retain(h_);
  }
  waker(waker&& other) noexcept : h_(std::exchange(other.h_, nullptr)), epoch_(other.epoch_) {}
  waker& operator=(waker other) noexcept {
    std::swap(h_, other.h_);
    std::swap(epoch_, other.epoch_);
    return *this;
  }
  ~waker() {
    if (h_ != nullptr) detail::release(h_);
  }

  // Schedules the task on its executor, unless it already is, or this wake is stale.
  void wake() const noexcept {
    if (h_ != nullptr) detail::wake_task(h_, epoch_);
  }

  // True when both wake the same suspension of the same task.
  bool same_as(const waker& other) const noexcept { return h_ == other.h_ && epoch_ == other.epoch_; }

  explicit operator bool() const noexcept { return h_ != nullptr; }

  // The waker for the current suspension of the task `h` belongs to.
  static waker for_task(detail::task_header* h) noexcept {
    detail::retain(h);
    return waker(h, h->epoch);
  }

 private:
  waker(detail::task_header* h, std::uint32_t epoch) noexcept : h_(h), epoch_(epoch) {}

  detail::task_header* h_ = nullptr;
  std::uint32_t epoch_ = 0;
};

// Any coroutine that runs inside a task: its promise names the task it runs in.
template <class P>
concept task_promise = requires(P& p) {
  { p.owner } -> std::convertible_to<detail::task_header*>;
};

// Marks `h` as the frame where its task resumes and returns the waker that
// resumes it. Leaf awaitables call this from await_suspend.
template <task_promise P>
[[nodiscard]] waker park(co::coroutine_handle<P> h) noexcept {
  detail::task_header* owner = h.promise().owner;
  owner->resume_point = h;
  return waker::for_task(owner);
}

// The scheduler of the task `h` runs in, for leaf awaitables that need its
// clock or timers.
template <task_promise P>
detail::scheduler& scheduler_of(co::coroutine_handle<P> h) noexcept {
  return *h.promise().owner->sched;
}

}  // namespace skirmish::rt
