// Embind entry points of the runtime module: one browser driver and its
// executor, and functions that start the scenarios as JS promises.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "scenarios.hpp"
#include "skirmish/rt/browser_await_promise.hpp"
#include "skirmish/rt/browser_driver.hpp"
#include "skirmish/rt/browser_spawn_promise.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/manual_driver.hpp"

namespace skirmish::web {
namespace {

using emscripten::val;

// The module's runtime. note: the driver is declared first so the executor,
// and with it every task frame, is gone before the driver detaches.
struct runtime {
  rt::browser_driver driver;
  rt::local_executor executor{driver};
  std::map<int, rt::join_handle<void>> awaits;  // started by start_await, by id
  int next_id = 1;
  int resumed = 0;  // awaits that resumed (a cancelled one never may)

  explicit runtime(rt::duration budget) : driver(rt::browser_driver_options{budget}) { driver.attach(executor); }
};

rt::duration default_budget = std::chrono::milliseconds(4);
std::unique_ptr<runtime> current;

runtime& rt_() {
  if (!current) current = std::make_unique<runtime>(default_budget);
  return *current;
}

rt::duration ms(double v) {
  return std::chrono::duration_cast<rt::duration>(std::chrono::duration<double, std::milli>(v));
}

template <class T>
val start(rt::task<T> t, val signal = val::undefined()) {
  return rt::spawn_promise(rt_().executor, std::move(t), std::move(signal));
}

val strings_to_js(const std::vector<std::string>& v) {
  val out = val::array();
  for (const auto& s : v) out.call<void>("push", s);
  return out;
}

rt::task<val> trace_task(rt::driver& clock) { co_return strings_to_js(co_await timer_trace(clock)); }

// ---- entry points ----

void set_budget_ms(double v) {
  default_budget = ms(v);
  rt_().driver.set_budget(default_budget);
}

val stats() {
  const rt::browser_driver_stats& s = rt_().driver.stats();
  val out = val::object();
  out.set("slices", static_cast<double>(s.slices));
  out.set("ticks", static_cast<double>(s.ticks));
  out.set("microtasks", static_cast<double>(s.microtasks));
  out.set("inlineSlices", static_cast<double>(s.inline_slices));
  out.set("macrotasks", static_cast<double>(s.macrotasks));
  out.set("macrotaskYields", static_cast<double>(s.macrotask_yields));
  out.set("timersSet", static_cast<double>(s.timers_set));
  out.set("frames", static_cast<double>(s.frames));
  out.set("liveTasks", static_cast<double>(rt_().executor.live_tasks()));
  out.set("pendingTimers", static_cast<double>(rt_().executor.pending_timers()));
  out.set("pendingAwaits", static_cast<double>(rt::detail::pending_promise_awaits()));
  out.set("resumedAwaits", rt_().resumed);
  return out;
}

// Destroys the executor with everything on it and starts a fresh one.
void reset() {
  current.reset();
  (void)rt_();
}

int start_await(val p) {
  runtime& r = rt_();
  int id = r.next_id++;
  r.awaits.emplace(id, r.executor.spawn(await_and_count(std::move(p), r.resumed)));
  return id;
}

bool cancel_await(int id) {
  runtime& r = rt_();
  auto it = r.awaits.find(id);
  if (it == r.awaits.end()) return false;
  r.awaits.erase(it);  // dropping the join handle cancels the task
  return true;
}

val await_value_js(val p) { return start(await_value(std::move(p))); }
val await_each_js(val promises) { return start(await_each(rt_().executor, std::move(promises))); }
val log_steps_js(val log) { return start(log_steps(std::move(log))); }
val yields_js(double n) { return start(yields(n)); }
val spawn_join_js(double n) { return start(spawn_join(rt_().executor, n)); }
val await_same_js(val p, double n) { return start(await_same(std::move(p), n)); }
val await_fresh_js(val promises) { return start(await_fresh(rt_().driver, std::move(promises))); }
val sleep_ms_js(double v) { return start(sleep_ms(rt_().driver, v)); }
val timer_trace_js() { return start(trace_task(rt_().driver)); }
val interval_probe_js(double period, int ticks, int block_after, double block_ms) {
  return start(interval_probe(rt_().driver, period, ticks, block_after, block_ms));
}
val next_frames_js(int n) { return start(next_frames(n)); }
val ws_echo_js(std::string url, val payloads, int code, std::string reason) {
  return start(ws_echo(std::move(url), std::move(payloads), code, std::move(reason)));
}
val ws_try_js(std::string url, double timeout_ms) { return start(ws_try(std::move(url), timeout_ms)); }
val double_later_js(int x, double delay, val signal) { return start(double_later(x, delay), std::move(signal)); }
val fail_later_js(std::string message, double delay, val signal) {
  return start(fail_later(std::move(message), delay), std::move(signal));
}

// The timer scenario under a manual driver's virtual clock, synchronously.
val timer_trace_manual() {
  rt::manual_driver clock;
  rt::local_executor ex(clock);
  auto r = ex.run_until(timer_trace(clock));
  return r.ok() ? strings_to_js(*r) : val::null();
}

}  // namespace
}  // namespace skirmish::web

EMSCRIPTEN_BINDINGS(skirmish_runtime_module) {
  using namespace skirmish::web;
  emscripten::function("setBudgetMs", &set_budget_ms);
  emscripten::function("stats", &stats);
  emscripten::function("reset", &reset);
  emscripten::function("startAwait", &start_await);
  emscripten::function("cancelAwait", &cancel_await);
  emscripten::function("awaitValue", &await_value_js);
  emscripten::function("awaitEach", &await_each_js);
  emscripten::function("logSteps", &log_steps_js);
  emscripten::function("yields", &yields_js);
  emscripten::function("spawnJoin", &spawn_join_js);
  emscripten::function("awaitSame", &await_same_js);
  emscripten::function("awaitFresh", &await_fresh_js);
  emscripten::function("sleepMs", &sleep_ms_js);
  emscripten::function("timerTrace", &timer_trace_js);
  emscripten::function("timerTraceManual", &timer_trace_manual);
  emscripten::function("intervalProbe", &interval_probe_js);
  emscripten::function("nextFrames", &next_frames_js);
  emscripten::function("wsEcho", &ws_echo_js);
  emscripten::function("wsTry", &ws_try_js);
  emscripten::function("doubleLater", &double_later_js);
  emscripten::function("failLater", &fail_later_js);
}
