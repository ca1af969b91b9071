// local_executor: a single-threaded executor. Tasks are plain coroutine
// frames linked into an intrusive FIFO; there are no atomics, no locks and no
// std::function anywhere on the way from a wake to a resume.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <thread>
#include <utility>

#include "skirmish/rt/as_task.hpp"
#include "skirmish/rt/check.hpp"
#include "skirmish/rt/detail/scheduler.hpp"
#include "skirmish/rt/driver.hpp"
#include "skirmish/rt/join_handle.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

// Why run_until gave up: no task can run and nothing outside can wake one.
struct stalled {};

class local_executor {
 public:
  // Without a driver the executor reads std::chrono::steady_clock and sleeps
  // the thread when only timers are pending.
  local_executor() noexcept = default;
  explicit local_executor(driver& d) noexcept { sched_.drv = &d; }
  local_executor(const local_executor&) = delete;
  local_executor& operator=(const local_executor&) = delete;

  // Destroys every task frame it still owns, pending or finished.
  ~local_executor() {
    // note: frames woken while others are destroyed may still be queued; the
    // drain below frees them. No driver may schedule another tick meanwhile.
    sched_.on_ready = nullptr;
    while (sched_.live != nullptr) sched_.destroy_root(sched_.live);
    while (sched_.head != nullptr) {
      detail::task_header* h = sched_.head;
      sched_.head = h->next_ready;
      h->flags &= ~detail::task_header::queued;
      detail::maybe_free(h);
    }
    sched_.tail = nullptr;
  }

  // Starts `a` as a task of its own; it first runs on a later tick. The task
  // may borrow anything that outlives this executor.
  template <class T>
  join_handle<T> spawn(task<T> t) noexcept {
    auto h = t.release();
    expect(static_cast<bool>(h), "spawning a moved-from or empty task");
    detail::task_header* header = detail::task_header::of_frame(h.address());
    header->sched = &sched_;
    header->resume_point = h;
    h.promise().owner = header;
    sched_.link_live(header);
    sched_.enqueue(header);
    detail::retain(header);
    return join_handle<T>(header);
  }
  template <class A>
    requires(awaitable<std::decay_t<A>> && !is_task_v<std::decay_t<A>>)
  auto spawn(A&& a) {
    return spawn(as_task(std::forward<A>(a)));
  }

  // Fires due timers, then runs the tasks that were queued when it began
  // (tasks woken meanwhile wait for the next tick). Returns how many ran.
  std::size_t tick() {
    if constexpr (checks_enabled) {
      expect(!in_tick_, "local_executor::tick() called from inside a task");
      in_tick_ = true;
    }
    if (!sched_.timers.empty()) sched_.timers.fire_due(sched_.now());
    detail::task_header* batch = std::exchange(sched_.head, nullptr);
    sched_.tail = nullptr;
    std::size_t ran = 0;
    while (batch != nullptr) {
      detail::task_header* h = batch;
      batch = h->next_ready;
      run(h);
      ++ran;
    }
    if constexpr (checks_enabled) in_tick_ = false;
    return ran;
  }

  // Ticks until no task is runnable; does not wait for timers.
  void run_until_idle() {
    do {
      tick();
    } while (sched_.has_ready());
  }

  // Runs `a` to completion on this executor, waiting on the driver (or the
  // steady clock) whenever every task is blocked. Fails with `stalled` when no
  // task can run and nothing could ever wake one.
  template <class A>
    requires awaitable<std::decay_t<A>>
  auto run_until(A&& a) -> result<stored_t<await_result_t<std::decay_t<A>>>, stalled> {
    using value = await_result_t<std::decay_t<A>>;
    auto handle = spawn(as_task(std::forward<A>(a)));
    std::uint32_t busy_ticks = 0;
    for (;;) {
      tick();
      if (handle.is_finished()) {
        if constexpr (std::is_void_v<value>) {
          co_await_free_join(handle);
          return unit{};
        } else {
          return co_await_free_join(handle);
        }
      }
      if (sched_.has_ready()) {
        // note: a task that stays runnable (yield_now in a loop) would
        // otherwise keep the driver from ever being asked about I/O, so it
        // is polled, without waiting, every so often.
        if (sched_.drv != nullptr && ++busy_ticks % busy_ticks_per_poll == 0) sched_.drv->wait(sched_.now());
        continue;
      }
      std::optional<instant> deadline;
      if (!sched_.timers.empty()) deadline = sched_.timers.next_deadline();
      if (!wait(deadline)) return fail(stalled{});
    }
  }

  // Ticks with runnable tasks after which run_until polls the driver anyway.
  static constexpr std::uint32_t busy_ticks_per_poll = 32;

  // The executor's clock (the driver's, or the steady clock).
  instant now() const { return sched_.now(); }
  // Tasks that are runnable right now.
  bool has_ready() const noexcept { return sched_.has_ready(); }
  // Spawned tasks whose frames this executor still owns.
  std::size_t live_tasks() const noexcept {
    std::size_t n = 0;
    for (auto* h = sched_.live; h != nullptr; h = h->next_live) ++n;
    return n;
  }
  // Armed timers (sleeps, timeouts, intervals).
  std::size_t pending_timers() const noexcept { return sched_.timers.size(); }
  std::optional<instant> next_deadline() const noexcept {
    if (sched_.timers.empty()) return std::nullopt;
    return sched_.timers.next_deadline();
  }

  // For drivers: called whenever the run queue goes from empty to non-empty.
  void set_ready_callback(void (*fn)(void*), void* ctx) noexcept {
    sched_.on_ready = fn;
    sched_.on_ready_ctx = ctx;
  }
  driver* get_driver() const noexcept { return sched_.drv; }

 private:
  void run(detail::task_header* h) {
    using th = detail::task_header;
    if (h->has(th::dead)) [[unlikely]] {
      h->flags &= ~th::queued;
      detail::maybe_free(h);
      return;
    }
    h->flags = static_cast<std::uint8_t>((h->flags & ~th::queued) | th::running);
    ++h->epoch;
    h->resume_point.resume();
    if ((h->flags & (th::done | th::cancel_requested)) != 0) [[unlikely]] {
      bool finished_unowned = h->has(th::done) && h->has(th::detached);
      if (finished_unowned || h->has(th::cancel_requested)) {
        // note: still flagged running, so the block outlives the frame until
        // the flag is cleared below.
        sched_.destroy_frame(h);
        h->flags &= ~th::running;
        detail::maybe_free(h);
        return;
      }
    }
    // A live frame holds a reference, so there is nothing to free here.
    h->flags &= ~th::running;
  }

  // Takes a finished task's result without a coroutine around it.
  template <class T>
  static decltype(auto) co_await_free_join(join_handle<T>& handle) {
    auto aw = handle.operator co_await();
    return aw.await_resume();
  }

  bool wait(std::optional<instant> deadline) {
    if (sched_.drv != nullptr) return sched_.drv->wait(deadline);
    if (!deadline) return false;
    std::this_thread::sleep_until(*deadline);
    return true;
  }

  detail::scheduler sched_;
  bool in_tick_ = false;
};

}  // namespace skirmish::rt
