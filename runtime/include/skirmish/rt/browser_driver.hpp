// browser_driver: runs a local_executor on the page's own event loop (wasm
// builds only). Ticks run in a microtask, a busy executor yields to a
// macrotask after a time budget so the page can paint, and timers ride on
// one setTimeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "skirmish/rt/detail/waiter_list.hpp"
#include "skirmish/rt/driver.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/time.hpp"

namespace skirmish::rt {

namespace detail {
// A task waiting for the next animation frame, and the frame's timestamp once it came.
struct frame_waiter : waiter_node {
  double timestamp_ms = 0;
};
}  // namespace detail

struct browser_driver_options {
  // How long a turn of the page's event loop may last, from the executor's
  // first slice in it, before the executor lets the page paint and handle
  // input; past it, the driver continues in a macrotask.
  duration budget = std::chrono::milliseconds(4);
};

// What the driver did so far, for tests, benchmarks and a debug overlay.
struct browser_driver_stats {
  std::uint64_t slices = 0;             // times the executor was run, whatever the cause
  std::uint64_t ticks = 0;              // executor ticks inside those slices
  std::uint64_t microtasks = 0;         // queueMicrotask calls (at most one pending)
  std::uint64_t inline_slices = 0;      // slices run at the end of a JS callback, no microtask needed
  std::uint64_t macrotasks = 0;         // macrotasks posted (one per turn the executor ran in)
  std::uint64_t macrotask_yields = 0;   // the budget ran out: the executor waited for that macrotask
  std::uint64_t timers_set = 0;         // setTimeout calls
  std::uint64_t frames = 0;             // animation frames delivered to waiting tasks
};

class browser_driver final : public driver {
 public:
  explicit browser_driver(browser_driver_options options = {}) noexcept : options_(options) {}
  browser_driver(const browser_driver&) = delete;
  browser_driver& operator=(const browser_driver&) = delete;
  // Detaches from the page: pending JS callbacks turn into no-ops.
  ~browser_driver() override;

  // Starts driving `ex` (which must have been built with this driver): from
  // now on a wake schedules a tick, and armed timers fire on their own.
  // note: `ex` must be destroyed before the driver; declare the driver first.
  void attach(local_executor& ex);

  // performance.now(), in the runtime's units.
  instant now() override;
  // The page's event loop does the waiting; run_until cannot block a browser
  // thread, so it reports `stalled` instead of waiting.
  bool wait(std::optional<instant>) override { return false; }

  void set_budget(duration budget) noexcept { options_.budget = budget; }
  duration budget() const noexcept { return options_.budget; }
  const browser_driver_stats& stats() const noexcept { return stats_; }

  // The driver of the executor a task runs on. Misuse (another driver) is
  // reported in checked builds.
  static browser_driver& of(detail::scheduler& sched) noexcept;

  // Where the executor is entered from; decides whether a new turn of the
  // event loop began (the budget starts over).
  enum class entry : int { microtask = 0, macrotask = 1, timer = 2, frame = 3, js_callback = 4, js_event = 5 };

  // For the driver's JS side and the JS callbacks of this runtime.
  void enter(entry e);
  void deliver_frame(double timestamp_ms);
  void add_frame_waiter(detail::frame_waiter& n);
  void remove_frame_waiter(detail::frame_waiter& n) noexcept { frame_waiters_.remove(n); }

 private:
  static void on_ready(void* self) noexcept;
  void schedule() noexcept;
  void run_slice();
  bool budget_spent();
  void sync_timer();

  browser_driver_options options_;
  browser_driver_stats stats_;
  local_executor* ex_ = nullptr;
  detail::waiter_list frame_waiters_;
  std::optional<instant> turn_start_;  // the executor's first slice in this turn of the event loop
  instant last_check_{};               // the last clock read of the budget check
  std::uint32_t stride_ = 1;           // ticks between two budget checks
  std::uint32_t since_check_ = 0;
  std::optional<instant> timer_at_;    // the deadline the armed setTimeout is for
  bool running_ = false;
  bool microtask_pending_ = false;
  bool macrotask_pending_ = false;
  bool yield_pending_ = false;  // the budget is spent: wait for the macrotask
  bool frame_requested_ = false;

  friend struct js_callback_scope;
};

// Marks C++ code that runs on behalf of a JS callback (a promise reaction, a
// socket event). A driver woken inside it runs its slice when the callback
// ends instead of queueing a microtask: the callback already is one turn of
// the event loop, and a promise await costs one hop instead of two.
struct js_callback_scope {
  explicit js_callback_scope(browser_driver::entry e = browser_driver::entry::js_callback) noexcept;
  ~js_callback_scope();
  js_callback_scope(const js_callback_scope&) = delete;
  js_callback_scope& operator=(const js_callback_scope&) = delete;

 private:
  browser_driver::entry entry_;
};

}  // namespace skirmish::rt
