// The runtime module's tasks: small programs on the browser driver that the
// Node and Chromium tests, the benchmarks and the demo page run through JS.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "skirmish/rt/driver.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::web {

using emscripten::val;

// Awaits `p` and describes what C++ saw: {ok, value} or {ok: false, reason, message}.
rt::task<val> await_value(val p);
// Spawns one task per promise of the array `promises`; each stores what its
// own promise gave. Gives the array of values (numbers) in promise order.
rt::task<val> await_each(rt::local_executor& ex, val promises);
// Awaits `p`, then counts itself in `resumed`; a cancelled one never does.
rt::task<void> await_and_count(val p, int& resumed);
// Calls log("task: first step"), yields, calls log("task: after yield_now").
rt::task<void> log_steps(val log);
// yield_now() n times; gives n.
rt::task<double> yields(double n);
// Spawns and joins a trivial task n times; gives the sum of their results.
rt::task<double> spawn_join(rt::local_executor& ex, double n);
// Awaits the same promise n times; gives how many times it was fulfilled.
rt::task<double> await_same(val p, double n);
// Awaits each promise of an array in turn: {fulfilled, ms}, where ms is the
// time of the awaits alone (taking the promises out of the array is not counted).
rt::task<val> await_fresh(rt::driver& clock, val promises);
// Sleeps and gives how long it really slept, in ms on the driver's clock.
rt::task<double> sleep_ms(rt::driver& clock, double ms);
// Sleeps, timeouts and an interval from one start instant; gives the order
// of what happened, which must not depend on the driver.
rt::task<std::vector<std::string>> timer_trace(rt::driver& clock);
// An interval of `period_ms`, ticked `ticks` times, with the thread blocked
// for `block_ms` after tick `block_after`: {start, periods[], resumed_at[]} in ms.
rt::task<val> interval_probe(rt::driver& clock, double period_ms, int ticks, int block_after, double block_ms);
// The timestamps (ms) of the next n animation frames.
rt::task<val> next_frames(int n);
// Connects, sends each Uint8Array of `payloads` (and one text message),
// receives the echo of each, closes with `code` and `reason`:
// {echoes: [Uint8Array], text, close: {code, reason, clean}}.
rt::task<rt::result<val, std::string>> ws_echo(std::string url, val payloads, int code, std::string reason);
// Tries to connect; gives {ok, error, reason} without throwing.
rt::task<val> ws_try(std::string url, double timeout_ms);
// Doubles x after ms; an export that resolves.
rt::task<int> double_later(int x, double ms);
// Fails with `message` after ms; an export that rejects.
rt::task<rt::result<int, std::string>> fail_later(std::string message, double ms);

}  // namespace skirmish::web
