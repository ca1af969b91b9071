// The runtime module's tasks (see scenarios.hpp).
#include "scenarios.hpp"

#include <chrono>
#include <cstddef>
#include <span>
#include <utility>

#include "skirmish/rt/browser_await_promise.hpp"
#include "skirmish/rt/browser_next_frame.hpp"
#include "skirmish/rt/browser_websocket.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/rt/yield_now.hpp"
#include "skirmish/rt/zip.hpp"

namespace skirmish::web {

using namespace std::chrono_literals;
using rt::task;

namespace {

double ms_between(rt::instant from, rt::instant to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

rt::duration from_ms(double ms) {
  return std::chrono::duration_cast<rt::duration>(std::chrono::duration<double, std::milli>(ms));
}

task<void> await_into(val p, double& slot, std::size_t& done, std::size_t n, rt::event& all_done) {
  auto r = co_await rt::await_promise(std::move(p));
  slot = r.ok() ? r->as<double>() : -1;
  if (++done == n) all_done.set();
}

task<int> identity(int i) { co_return i; }

task<void> sleep_then_log(rt::duration d, std::vector<std::string>& trace, std::string what) {
  co_await rt::sleep_for(d);
  trace.push_back(std::move(what));
}

task<void> sleep_until_then_log(rt::instant at, std::vector<std::string>& trace, std::string what) {
  co_await rt::sleep_until(at);
  trace.push_back(std::move(what));
}

// note: the slow bodies sleep until absolute instants and the two timeouts
// run side by side, so the order of events does not depend on how late the
// driver delivers a timer.
task<void> timeout_then_log(rt::duration limit, rt::instant body_until, std::vector<std::string>& trace,
                            std::string what) {
  auto r = co_await rt::timeout(limit, rt::sleep_until(body_until));
  trace.push_back(what + (r.ok() ? ": in time" : ": timed out"));
}

task<void> ticks(std::vector<std::string>& trace) {
  rt::interval every(40ms);
  for (int i = 0; i < 3; ++i) {
    co_await every.tick();
    trace.push_back("interval tick " + std::to_string(i));
  }
}

val bytes_to_js(const std::vector<std::byte>& b) {
  return val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(b.size(), reinterpret_cast<const std::uint8_t*>(b.data())));
}

std::vector<std::byte> bytes_from_js(const val& a) {
  std::vector<std::byte> out(a["length"].as<std::size_t>());
  val view(emscripten::typed_memory_view(out.size(), reinterpret_cast<std::uint8_t*>(out.data())));
  view.call<void>("set", a);
  return out;
}

const char* errc_name(rt::ws_errc c) {
  switch (c) {
    case rt::ws_errc::unsupported: return "unsupported";
    case rt::ws_errc::invalid_url: return "invalid_url";
    case rt::ws_errc::connect_failed: return "connect_failed";
    case rt::ws_errc::timed_out: return "timed_out";
    case rt::ws_errc::not_open: return "not_open";
    case rt::ws_errc::invalid_close: return "invalid_close";
    case rt::ws_errc::send_failed: return "send_failed";
    case rt::ws_errc::closed: return "closed";
  }
  return "?";
}

}  // namespace

task<val> await_value(val p) {
  auto r = co_await rt::await_promise(std::move(p));
  val out = val::object();
  out.set("ok", r.ok());
  if (r.ok()) {
    out.set("value", *r);
  } else {
    out.set("reason", r.error().reason);
    out.set("message", r.error().message);
  }
  co_return out;
}

task<val> await_each(rt::local_executor& ex, val promises) {
  std::size_t n = promises["length"].as<std::size_t>();
  std::vector<double> got(n, 0);
  std::size_t done = 0;
  rt::event all_done;
  if (n == 0) all_done.set();
  std::vector<rt::join_handle<void>> tasks;
  tasks.reserve(n);
  for (std::size_t i = 0; i < n; ++i) tasks.push_back(ex.spawn(await_into(promises[i], got[i], done, n, all_done)));
  co_await all_done.wait();
  co_return val::array(got);
}

task<void> await_and_count(val p, int& resumed) {
  (void)co_await rt::await_promise(std::move(p));
  ++resumed;
}

task<void> log_steps(val log) {
  log(val("task: first step"));
  co_await rt::yield_now();
  log(val("task: after yield_now"));
}

task<double> yields(double n) {
  for (double i = 0; i < n; ++i) co_await rt::yield_now();
  co_return n;
}

task<double> spawn_join(rt::local_executor& ex, double n) {
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += co_await ex.spawn(identity(i));
  co_return sum;
}

task<double> await_same(val p, double n) {
  double fulfilled = 0;
  for (double i = 0; i < n; ++i) {
    auto r = co_await rt::await_promise(p);
    if (r.ok()) ++fulfilled;
  }
  co_return fulfilled;
}

task<val> await_fresh(rt::driver& clock, val promises) {
  // note: reading a JS array from C++ through Embind costs more than an
  // await, so the promises are taken out before the clock starts.
  std::size_t n = promises["length"].as<std::size_t>();
  std::vector<val> each;
  each.reserve(n);
  for (std::size_t i = 0; i < n; ++i) each.push_back(promises[i]);
  double fulfilled = 0;
  rt::instant start = clock.now();
  for (const val& p : each) {
    auto r = co_await rt::await_promise(p);
    if (r.ok()) ++fulfilled;
  }
  double ms = ms_between(start, clock.now());
  val out = val::object();
  out.set("fulfilled", fulfilled);
  out.set("ms", ms);
  co_return out;
}

task<double> sleep_ms(rt::driver& clock, double ms) {
  rt::instant start = clock.now();
  co_await rt::sleep_for(from_ms(ms));
  co_return ms_between(start, clock.now());
}

task<std::vector<std::string>> timer_trace(rt::driver& clock) {
  std::vector<std::string> trace;
  rt::instant start = clock.now();
  // Deadlines at 0, 40 and 80 ms (the interval), 20, 30, 50, 60 (two sleeps
  // that must keep their arm order) and 150 ms: at least 10 ms apart, and an
  // interval tick would have to be 40 ms late to meet another event.
  auto all = co_await rt::zip(ticks(trace), sleep_then_log(20ms, trace, "sleep_for(20ms)"),
                              timeout_then_log(30ms, start + 100ms, trace, "timeout(30ms) of a 100 ms sleep"),
                              timeout_then_log(200ms, start + 50ms, trace, "timeout(200ms) of a 50 ms sleep"),
                              sleep_until_then_log(start + 60ms, trace, "sleep_until(60ms), armed first"),
                              sleep_until_then_log(start + 60ms, trace, "sleep_until(60ms), armed second"),
                              sleep_then_log(150ms, trace, "sleep_for(150ms)"));
  (void)all;
  co_return trace;
}

task<val> interval_probe(rt::driver& clock, double period_ms, int ticks, int block_after, double block_ms) {
  rt::interval every(from_ms(period_ms));
  val periods = val::array();
  val resumed = val::array();
  rt::instant start = clock.now();
  for (int i = 0; i < ticks; ++i) {
    periods.call<void>("push", static_cast<double>(co_await every.tick()));
    resumed.call<void>("push", ms_between(start, clock.now()));
    if (i == block_after) {
      // A busy stretch: the thread does not return to the event loop at all.
      rt::instant until = clock.now() + from_ms(block_ms);
      while (clock.now() < until) {
      }
    }
  }
  val out = val::object();
  out.set("periods", periods);
  out.set("resumed_at", resumed);
  co_return out;
}

task<val> next_frames(int n) {
  val stamps = val::array();
  for (int i = 0; i < n; ++i) {
    rt::instant t = co_await rt::next_frame();
    stamps.call<void>("push", std::chrono::duration<double, std::milli>(t.time_since_epoch()).count());
  }
  co_return stamps;
}

task<rt::result<val, std::string>> ws_echo(std::string url, val payloads, int code, std::string reason) {
  auto connected = co_await rt::browser_websocket::connect(url, 5s);
  if (!connected.ok()) co_return rt::fail(connected.error().reason);
  rt::browser_websocket ws = std::move(connected).value();
  std::size_t n = payloads["length"].as<std::size_t>();
  for (std::size_t i = 0; i < n; ++i) {
    if (auto sent = ws.send(bytes_from_js(payloads[i])); !sent.ok()) co_return rt::fail(sent.error().reason);
  }
  if (auto sent = ws.send_text("hello from wasm"); !sent.ok()) co_return rt::fail(sent.error().reason);
  val echoes = val::array();
  for (std::size_t i = 0; i < n; ++i) {
    auto m = co_await ws.recv();
    if (!m.ok()) co_return rt::fail(m.error().reason);
    if (!m->binary) co_return rt::fail(std::string("expected a binary echo, got text"));
    echoes.call<void>("push", bytes_to_js(m->data));
  }
  auto text = co_await ws.recv();
  if (!text.ok()) co_return rt::fail(text.error().reason);
  if (text->binary) co_return rt::fail(std::string("expected a text echo, got binary"));
  auto closed = co_await ws.close(code, reason);
  if (!closed.ok()) co_return rt::fail(closed.error().reason);
  auto after = co_await ws.recv();  // a closed socket answers with an error value
  auto late_send = ws.send_text("too late");
  val out = val::object();
  out.set("echoes", echoes);
  out.set("text", std::string(text->text()));
  val close = val::object();
  close.set("code", closed->code);
  close.set("reason", closed->reason);
  close.set("clean", closed->clean);
  out.set("close", close);
  out.set("recv_after_close", after.ok() ? std::string("a message") : after.error().reason);
  out.set("send_after_close", late_send.ok() ? std::string("sent") : late_send.error().reason);
  co_return out;
}

task<val> ws_try(std::string url, double timeout_ms) {
  auto r = co_await rt::browser_websocket::connect(url, from_ms(timeout_ms));
  val out = val::object();
  out.set("ok", r.ok());
  if (!r.ok()) {
    out.set("error", std::string(errc_name(r.error().code)));
    out.set("reason", r.error().reason);
  } else {
    auto closed = co_await r->close(4000, "just trying");
    out.set("closed", closed.ok());
  }
  co_return out;
}

task<int> double_later(int x, double ms) {
  co_await rt::sleep_for(from_ms(ms));
  co_return 2 * x;
}

task<rt::result<int, std::string>> fail_later(std::string message, double ms) {
  co_await rt::sleep_for(from_ms(ms));
  co_return rt::fail(std::move(message));
}

}  // namespace skirmish::web
