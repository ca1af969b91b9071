// The browser driver: when the executor runs, for how long, and what it waits on.
#include "skirmish/rt/browser_driver.hpp"

#include <emscripten/emscripten.h>

#include <cmath>
#include <utility>

#include "browser_js.hpp"
#include "skirmish/rt/check.hpp"

namespace skirmish::rt {

namespace {

// The JS callback C++ is running on behalf of, if any (see js_callback_scope).
int callback_depth = 0;
browser_driver* deferred_driver = nullptr;

bool starts_new_turn(browser_driver::entry e) noexcept {
  // note: a promise reaction or a call from page code may run in the same
  // turn as the executor's last slice; these cannot.
  return e == browser_driver::entry::macrotask || e == browser_driver::entry::timer ||
         e == browser_driver::entry::frame || e == browser_driver::entry::js_event;
}

// Most ticks between two clock reads: performance.now() is a JS call that
// costs more than the tick of a task that only yields.
constexpr std::uint32_t max_stride = 128;

}  // namespace

// note: the executor is gone by now (it is declared after its driver), so
// only the JS side is told; its callbacks already queued become no-ops.
browser_driver::~browser_driver() {
  if (ex_ != nullptr) skirmish_js_driver_detach(this);
  if (deferred_driver == this) deferred_driver = nullptr;
}

void browser_driver::attach(local_executor& ex) {
  expect(ex.get_driver() == this, "browser_driver::attach: the executor was built with another driver");
  expect(ex_ == nullptr, "browser_driver::attach called twice");
  ex_ = &ex;
  skirmish_js_driver_attach(this);
  ex.set_ready_callback(&browser_driver::on_ready, this);
  if (ex.has_ready()) schedule();
  sync_timer();
}

instant browser_driver::now() {
  return instant(std::chrono::duration_cast<duration>(std::chrono::duration<double, std::milli>(skirmish_js_now())));
}

browser_driver& browser_driver::of(detail::scheduler& sched) noexcept {
  if constexpr (checks_enabled) {
    expect(dynamic_cast<browser_driver*>(sched.drv) != nullptr,
           "next_frame() awaited on an executor without a browser_driver");
  }
  return *static_cast<browser_driver*>(sched.drv);
}

void browser_driver::on_ready(void* self) noexcept { static_cast<browser_driver*>(self)->schedule(); }

// The run queue went non-empty: make sure a slice will run soon.
void browser_driver::schedule() noexcept {
  if (running_ || microtask_pending_ || yield_pending_) return;  // one is already coming
  if (callback_depth > 0 && (deferred_driver == nullptr || deferred_driver == this)) {
    deferred_driver = this;
    return;
  }
  microtask_pending_ = true;
  ++stats_.microtasks;
  skirmish_js_queue_microtask(this);
}

void browser_driver::enter(entry e) {
  switch (e) {
    case entry::microtask: microtask_pending_ = false; break;
    case entry::macrotask: macrotask_pending_ = false; break;
    case entry::timer: timer_at_.reset(); break;
    default: break;
  }
  if (starts_new_turn(e)) {
    // The page had its turn since the executor last ran: the budget starts over.
    turn_start_.reset();
    yield_pending_ = false;
  }
  // note: a microtask or a promise reaction must wait for the yield.
  if (yield_pending_) return;
  run_slice();
}

// Runs ticks until the run queue is empty or the turn's budget is spent.
//
// note: the budget is the wall time of the current turn of the event loop
// from the executor's first slice in it, so back-to-back slices (a chain of
// promise reactions, one slice each) and the JS between them count too. The
// turn is known to be over when the macrotask posted at its first slice runs;
// the same macrotask resumes the executor when the budget ran out. The clock
// is read once per turn and then every `stride_` ticks, never per slice:
// performance.now() costs 0.1 to 0.6 us on some machines, more than a tick.
void browser_driver::run_slice() {
  if (running_ || ex_ == nullptr) return;
  if (!ex_->has_ready()) {
    // note: nothing to run (a timer that fired early, a macrotask after the
    // queue drained); starting a turn here would post a macrotask per macrotask.
    std::optional<instant> next = ex_->next_deadline();
    if (!next || *next > now()) {
      sync_timer();
      return;
    }
  }
  running_ = true;
  ++stats_.slices;
  if (!turn_start_) {
    turn_start_ = last_check_ = now();
    since_check_ = 0;
    if (!macrotask_pending_) {
      macrotask_pending_ = true;
      ++stats_.macrotasks;
      skirmish_js_post_macrotask(this);
    }
  }
  for (;;) {
    ex_->tick();
    ++stats_.ticks;
    bool more = ex_->has_ready();
    if (++since_check_ >= stride_ && budget_spent()) {
      yield_pending_ = true;
      ++stats_.macrotask_yields;
      break;
    }
    if (!more) break;
  }
  running_ = false;
  sync_timer();
}

bool browser_driver::budget_spent() {
  instant t = now();
  duration between = t - last_check_;
  last_check_ = t;
  since_check_ = 0;
  // note: the stride grows while many ticks fit in a small part of the
  // budget, and drops to one as soon as ticks get long, so a check is never
  // more than ~budget/16 late unless a single tick is longer than that.
  if (between < options_.budget / 64) {
    if (stride_ < max_stride) stride_ *= 2;
  } else if (between > options_.budget / 16) {
    stride_ = 1;
  }
  return t - *turn_start_ >= options_.budget;
}

// Keeps exactly one setTimeout armed for the earliest timer, when there is one.
void browser_driver::sync_timer() {
  std::optional<instant> next = ex_->next_deadline();
  if (!next) {
    if (timer_at_) {
      skirmish_js_clear_timer(this);
      timer_at_.reset();
    }
    return;
  }
  // An armed timeout at or before the next deadline re-arms when it fires.
  if (timer_at_ && *timer_at_ <= *next) return;
  double delay_ms = std::chrono::duration<double, std::milli>(*next - now()).count();
  // note: setTimeout rounds down to whole milliseconds and may fire a little
  // early by performance.now(); rounding up avoids an extra empty wake-up.
  delay_ms = delay_ms <= 0 ? 0 : std::ceil(delay_ms);
  timer_at_ = next;
  ++stats_.timers_set;
  skirmish_js_set_timer(this, delay_ms);
}

void browser_driver::add_frame_waiter(detail::frame_waiter& n) {
  frame_waiters_.push_back(n);
  if (!frame_requested_) {
    frame_requested_ = true;
    skirmish_js_request_frame(this);
  }
}

void browser_driver::deliver_frame(double timestamp_ms) {
  frame_requested_ = false;
  if (frame_waiters_.empty()) return;
  ++stats_.frames;
  // note: only wakes; the tasks run when the callback scope ends, and those
  // that wait again then are queued for the next frame.
  while (auto* n = frame_waiters_.pop_front()) {
    static_cast<detail::frame_waiter*>(n)->timestamp_ms = timestamp_ms;
    n->w.wake();
  }
}

js_callback_scope::js_callback_scope(browser_driver::entry e) noexcept : entry_(e) { ++callback_depth; }

js_callback_scope::~js_callback_scope() {
  if (--callback_depth > 0) return;
  if (browser_driver* d = std::exchange(deferred_driver, nullptr)) {
    std::uint64_t slices = d->stats_.slices;
    d->enter(entry_);
    if (d->stats_.slices != slices) ++d->stats_.inline_slices;
  }
}

}  // namespace skirmish::rt

extern "C" {

EMSCRIPTEN_KEEPALIVE void skirmish_driver_enter(skirmish::rt::browser_driver* d, int e) {
  d->enter(static_cast<skirmish::rt::browser_driver::entry>(e));
}

EMSCRIPTEN_KEEPALIVE void skirmish_driver_frame(skirmish::rt::browser_driver* d, double timestamp_ms) {
  skirmish::rt::js_callback_scope scope(skirmish::rt::browser_driver::entry::frame);
  d->deliver_frame(timestamp_ms);
}

}  // extern "C"
