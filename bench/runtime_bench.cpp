// Runtime micro-benchmarks, the same source natively and in wasm: spawn+join,
// a batch of a million spawns, yield, a channel ping-pong and zip of two.
// Prints one JSON object per line for bench/runtime.bench.mjs to collect.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "skirmish/rt/channel.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/yield_now.hpp"
#include "skirmish/rt/zip.hpp"

using namespace skirmish::rt;

namespace {

// Keeps results observable so the optimizer cannot drop the work.
std::uint64_t sink = 0;

task<int> trivial(int v) { co_return v; }

task<> spawn_join(local_executor& ex, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) sink += static_cast<std::uint64_t>(co_await ex.spawn(trivial(1)));
}

task<> batch_spawn(local_executor& ex, std::uint64_t n) {
  std::vector<join_handle<int>> handles;
  handles.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) handles.push_back(ex.spawn(trivial(1)));
  for (auto& h : handles) sink += static_cast<std::uint64_t>(co_await h);
}

task<> yields(std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) co_await yield_now();
}

task<> ponger(channel<std::uint64_t>& in, channel<std::uint64_t>& out) {
  while (auto v = co_await in.recv()) (void)co_await out.send(*v + 1);
}

task<> ping_pong(local_executor& ex, std::uint64_t n) {
  channel<std::uint64_t> ping;
  channel<std::uint64_t> pong;
  auto other = ex.spawn(ponger(ping, pong));
  std::uint64_t ball = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    (void)co_await ping.send(ball);
    ball = *co_await pong.recv();
  }
  ping.close();
  co_await other;
  sink += ball;
}

task<> zip_two(std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) {
    auto [a, b] = co_await zip(trivial(1), trivial(2));
    sink += static_cast<std::uint64_t>(a + b);
  }
}

template <class Make>
double ns_per_op(std::uint64_t ops, Make make) {
  // note: the median of five runs, each on a fresh executor, resists the
  // noise of a shared machine better than one long run.
  std::vector<double> runs;
  for (int rep = 0; rep < 5; ++rep) {
    local_executor ex;
    auto start = std::chrono::steady_clock::now();
    auto r = ex.run_until(make(ex));
    auto stop = std::chrono::steady_clock::now();
    if (!r.ok()) std::fprintf(stderr, "benchmark stalled\n");
    runs.push_back(std::chrono::duration<double, std::nano>(stop - start).count() / static_cast<double>(ops));
  }
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

void report(const char* name, std::uint64_t ops, double ns) {
  std::printf("{\"benchmark\":\"%s\",\"ops\":%llu,\"ns_per_op\":%.3f}\n", name, static_cast<unsigned long long>(ops), ns);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  // An optional argument runs only the benchmark of that name (for profiling).
  std::string_view only = argc > 1 ? argv[1] : "";
  auto wanted = [&](std::string_view name) { return only.empty() || only == name; };
  constexpr std::uint64_t n = 1'000'000;
  if (wanted("spawn_join")) report("spawn_join", n, ns_per_op(n, [&](local_executor& ex) { return spawn_join(ex, n); }));
  if (wanted("batch_spawn_1m")) report("batch_spawn_1m", n, ns_per_op(n, [&](local_executor& ex) { return batch_spawn(ex, n); }));
  if (wanted("yield")) report("yield", n * 5, ns_per_op(n * 5, [&](local_executor&) { return yields(n * 5); }));
  if (wanted("channel_ping_pong")) report("channel_ping_pong", n, ns_per_op(n, [&](local_executor& ex) { return ping_pong(ex, n); }));
  if (wanted("zip_two")) report("zip_two", n, ns_per_op(n, [&](local_executor&) { return zip_two(n); }));
  return sink == 0 ? 1 : 0;
}
