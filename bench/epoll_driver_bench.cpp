// Native driver micro-benchmarks: timer arm/cancel with 100,000 pending, the
// cross-thread inbox, and a TCP echo round trip over loopback. Prints a table
// and writes JSON (bench/results/epoll_driver.json by default, or argv[1]).
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "skirmish/rt/detail/timer_queue.hpp"
#include "skirmish/rt/epoll_inbox.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_tcp_listener.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/sleep.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

struct row {
  std::string name;
  double value;
  std::string unit;
};

double ns_since(clock_type::time_point t0, std::uint64_t ops) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(clock_type::now() - t0).count()) /
         static_cast<double>(ops);
}

// The raw intrusive heap: arm and disarm one timer while 100,000 others wait.
void bench_timer_queue(std::vector<row>& rows) {
  constexpr std::size_t pending = 100'000;
  constexpr std::uint64_t ops = 1'000'000;
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::int64_t> dist(0, 1'000'000'000);
  detail::timer_queue q;
  std::vector<detail::timer_node> nodes(pending);
  for (auto& n : nodes) {
    n.fire = [](detail::timer_node&) noexcept {};
    q.arm(n, instant(duration(dist(rng))));
  }
  detail::timer_node probe;
  probe.fire = [](detail::timer_node&) noexcept {};
  std::vector<instant> deadlines(1024);
  for (auto& d : deadlines) d = instant(duration(dist(rng)));
  auto t0 = clock_type::now();
  for (std::uint64_t i = 0; i < ops; ++i) {
    q.arm(probe, deadlines[i & 1023]);
    q.disarm(probe);
  }
  rows.push_back({"timer_queue arm+disarm, 100k pending", ns_since(t0, ops), "ns/op"});
  t0 = clock_type::now();
  std::size_t fired = q.fire_due(instant(duration(2'000'000'000)));
  rows.push_back({"timer_queue fire, 100k due", ns_since(t0, fired), "ns/timer"});
}

task<> sleeper(duration d) { co_await sleep_for(d); }

// Through the executor: spawn a task that sleeps (arming its timer), then
// cancel it (disarming and freeing it), with 100,000 other sleepers pending.
void bench_sleep_tasks(std::vector<row>& rows) {
  constexpr std::size_t pending = 100'000;
  constexpr std::uint64_t ops = 200'000;
  epoll_reactor r;
  local_executor ex(r);
  std::vector<join_handle<void>> keep;
  keep.reserve(pending);
  for (std::size_t i = 0; i < pending; ++i) keep.push_back(ex.spawn(sleeper(1h + std::chrono::microseconds(i * 7919 % pending))));
  ex.run_until_idle();
  auto t0 = clock_type::now();
  for (std::uint64_t i = 0; i < ops; ++i) {
    auto h = ex.spawn(sleeper(30min + std::chrono::microseconds(i % pending)));
    ex.run_until_idle();
    h.cancel();
  }
  rows.push_back({"spawn + sleep_for arm + cancel, 100k pending", ns_since(t0, ops), "ns/op"});
}

// One producer thread posts small functions to an inbox drained by this thread.
void bench_inbox(std::vector<row>& rows) {
  constexpr std::uint64_t posts = 1'000'000;
  epoll_reactor r;
  local_executor ex(r);
  inbox in(r, ex);
  std::uint64_t received = 0;
  event done;
  auto t0 = clock_type::now();
  std::thread producer([&in, &received, &done] {
    for (std::uint64_t i = 0; i < posts; ++i) {
      in.post([&received, &done] {
        if (++received == posts) done.set();
      });
    }
  });
  (void)ex.run_until(done.wait());
  double ns = ns_since(t0, posts);
  producer.join();
  rows.push_back({"inbox post, 1 producer thread to 1 consumer", ns, "ns/item"});
  rows.push_back({"inbox reactor wakeups per 1000 items", 1000.0 * static_cast<double>(r.waits()) / posts, "waits"});
}

task<> echo_server(tcp_listener& l) {
  auto s = co_await l.accept();
  if (!s) co_return;
  std::array<std::byte, 4096> buf;
  for (;;) {
    auto n = co_await s->read(buf);
    if (!n || *n == 0) co_return;
    if (!co_await s->write(std::span(buf).first(*n))) co_return;
  }
}

task<double> echo_client(epoll_reactor& r, std::uint16_t port, std::uint64_t rounds) {
  auto c = co_await tcp_stream::connect(r, "127.0.0.1", port);
  if (!c) co_return -1.0;
  std::array<std::byte, 64> msg{};
  std::array<std::byte, 64> back{};
  auto t0 = clock_type::now();
  for (std::uint64_t i = 0; i < rounds; ++i) {
    if (!co_await c->write(msg)) co_return -1.0;
    std::size_t got = 0;
    while (got < back.size()) {
      auto n = co_await c->read(std::span(back).subspan(got));
      if (!n || *n == 0) co_return -1.0;
      got += *n;
    }
  }
  co_return ns_since(t0, rounds) / 1000.0;
}

// Client and server on one thread and one executor: the cost of the whole
// path (two sends, two recvs, epoll, wakes) per 64-byte round trip.
void bench_echo(std::vector<row>& rows) {
  constexpr std::uint64_t rounds = 50'000;
  epoll_reactor r;
  local_executor ex(r);
  auto l = tcp_listener::bind(r, "127.0.0.1", 0);
  if (!l) return;
  auto server = ex.spawn(echo_server(*l));
  auto us = ex.run_until(echo_client(r, l->port(), rounds));
  if (us.ok()) rows.push_back({"tcp echo round trip, 64 B, one thread", *us, "us/round trip"});
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<row> rows;
  bench_timer_queue(rows);
  bench_sleep_tasks(rows);
  bench_inbox(rows);
  bench_echo(rows);
  std::printf("%-48s %12s  %s\n", "benchmark", "value", "unit");
  for (const row& r : rows) std::printf("%-48s %12.2f  %s\n", r.name.c_str(), r.value, r.unit.c_str());
  const char* path = argc > 1 ? argv[1] : "bench/results/epoll_driver.json";
  if (FILE* f = std::fopen(path, "w")) {
    std::fprintf(f, "{\n  \"benchmark\": \"epoll_driver\",\n  \"results\": [\n");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::fprintf(f, "    { \"name\": \"%s\", \"value\": %.2f, \"unit\": \"%s\" }%s\n", rows[i].name.c_str(), rows[i].value,
                   rows[i].unit.c_str(), i + 1 < rows.size() ? "," : "");
    }
    std::fprintf(f, "  ]\n}\n");
    std::fclose(f);
    std::printf("\nwrote %s\n", path);
  }
  return 0;
}
