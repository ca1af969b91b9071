// The state an executor shares with the tasks it runs: the intrusive run
// queue, the timers, the list of spawned tasks and the driver. Wakers and
// leaf awaitables reach it through their task's header.
#pragma once

#include <chrono>
#include <optional>

#include "skirmish/rt/detail/task_header.hpp"
#include "skirmish/rt/detail/timer_queue.hpp"
#include "skirmish/rt/driver.hpp"

namespace skirmish::rt::detail {

struct scheduler {
  task_header* head = nullptr;  // run queue, FIFO
  task_header* tail = nullptr;
  task_header* live = nullptr;  // spawned tasks whose frames this executor owns
  timer_queue timers;
  driver* drv = nullptr;
  // Called when the run queue goes from empty to non-empty (the browser
  // driver schedules its microtask here). note: a plain function pointer, not
  // std::function, because it sits on the wake path.
  void (*on_ready)(void*) = nullptr;
  void* on_ready_ctx = nullptr;

  instant now() const {
    if (drv) return drv->now();
    return std::chrono::time_point_cast<duration>(std::chrono::steady_clock::now());
  }

  bool has_ready() const noexcept { return head != nullptr; }

  void enqueue(task_header* h) noexcept {
    if ((h->flags & (task_header::queued | task_header::dead | task_header::done)) != 0) return;
    h->flags |= task_header::queued;
    h->next_ready = nullptr;
    if (tail != nullptr) {
      tail->next_ready = h;
      tail = h;
      return;
    }
    head = tail = h;
    if (on_ready != nullptr) on_ready(on_ready_ctx);
  }

  void link_live(task_header* h) noexcept {
    h->prev_live = nullptr;
    h->next_live = live;
    if (live != nullptr) live->prev_live = h;
    live = h;
  }

  void unlink_live(task_header* h) noexcept {
    if (h->prev_live != nullptr) h->prev_live->next_live = h->next_live;
    else if (live == h) live = h->next_live;
    if (h->next_live != nullptr) h->next_live->prev_live = h->prev_live;
    h->prev_live = h->next_live = nullptr;
  }

  // Destroys a spawned task's frame. A task cannot be destroyed in the middle
  // of its own step, so that case is deferred to the end of the step.
  void destroy_root(task_header* h) noexcept {
    if (h->has(task_header::dead)) return;
    if (h->has(task_header::running)) {
      h->flags |= task_header::cancel_requested;
      return;
    }
    destroy_frame(h);
  }

  void destroy_frame(task_header* h) noexcept {
    h->flags &= ~task_header::cancel_requested;
    unlink_live(h);
    co::coroutine_handle<>::from_address(h->frame()).destroy();
  }
};

// Enqueues the task if this wake is still current: a wake from an older
// suspension, or of a finished or cancelled task, does nothing.
inline void wake_task(task_header* h, std::uint32_t epoch) noexcept {
  constexpr std::uint8_t not_wakeable = task_header::queued | task_header::dead | task_header::done;
  // note: checked before touching the scheduler, which is gone if the frame is.
  if (h->epoch != epoch || (h->flags & not_wakeable) != 0) return;
  h->sched->enqueue(h);
}

}  // namespace skirmish::rt::detail
