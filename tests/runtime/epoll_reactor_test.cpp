#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "epoll_test_util.hpp"
#include "skirmish/rt/epoll_async_fd.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/rt/yield_now.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;
using skirmish::test::run;

namespace {

// A non-blocking pipe: [0] reads, [1] writes.
struct pipe_pair {
  int fds[2] = {-1, -1};
  pipe_pair() { REQUIRE(::pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0); }
  ~pipe_pair() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  int take_read_end() { return std::exchange(fds[0], -1); }
  void put(char c) { REQUIRE(::write(fds[1], &c, 1) == 1); }
};

// One read() on a pipe, as an io_attempt.
struct read_byte {
  int fd;
  char* out;
  io_result<std::size_t> operator()() const noexcept {
    ssize_t n = ::read(fd, out, 1);
    if (n < 0) return fail(io_error{errno});
    return static_cast<std::size_t>(n);
  }
};

task<io_result<std::size_t>> read_one(async_fd& fd, char& out) {
  co_return co_await fd.run(io_direction::read, read_byte{fd.fd(), &out});
}

task<> put_later(pipe_pair& p, char c) {
  co_await yield_now();
  p.put(c);
}

// The deadlines of fired timers, in the order they fired.
struct fire_log {
  std::vector<std::int64_t> order;
  std::size_t expected = 0;
  event all_fired;
};

task<> sleep_then_record(instant at, fire_log& log) {
  co_await sleep_until(at);
  log.order.push_back(at.time_since_epoch().count());
  if (log.order.size() == log.expected) log.all_fired.set();
}

// The reactor's clock plus a shift the test moves: 100000 timers are armed
// an hour ahead (so none is due while they are armed, however slow or
// loaded the build), then the shift brings them due. Waiting still happens
// in the reactor, with the timeout to the next deadline.
struct shifted_clock final : driver {
  explicit shifted_clock(epoll_reactor& r) : reactor(r) {}
  instant now() override { return reactor.now() + shift; }
  bool wait(std::optional<instant> deadline) override {
    return reactor.wait(deadline ? std::optional<instant>(*deadline - shift) : std::nullopt);
  }
  epoll_reactor& reactor;
  duration shift{};
};

// Spawns n sleepers with deadlines in a scrambled order over 100 ms, an
// hour ahead, and lets them arm.
std::vector<join_handle<void>> arm_scrambled(local_executor& ex, shifted_clock& clock, std::size_t n, fire_log& log) {
  std::vector<join_handle<void>> tasks;
  tasks.reserve(n);
  instant base = clock.now() + std::chrono::hours(1);
  for (std::size_t i = 0; i < n; ++i) {
    tasks.push_back(ex.spawn(sleep_then_record(base + std::chrono::microseconds((i * 7919) % n), log)));
  }
  ex.run_until_idle();
  return tasks;
}

}  // namespace

TEST_SUITE("epoll_reactor") {
  TEST_CASE("with nothing registered and no timer, run_until reports a stall instead of hanging") {
    epoll_reactor r;
    REQUIRE(r.ok());
    local_executor ex(r);
    event never;
    auto out = ex.run_until(never.wait());
    CHECK_FALSE(out.ok());
  }

  TEST_CASE("sleep_for and timeout run on the reactor's monotonic clock") {
    epoll_reactor r;
    local_executor ex(r);
    instant before = r.now();
    CHECK(ex.now() >= before);
    run(ex, sleep_for(20ms));
    CHECK(r.now() - before >= 20ms);  // a sleep never ends early
    event never;
    auto t = run(ex, timeout(5ms, never.wait()));
    CHECK_FALSE(t.ok());
    CHECK(r.waits() >= 2);
  }

  TEST_CASE("100000 pending timers fire in deadline order") {
    constexpr std::size_t n = 100'000;
    epoll_reactor r;
    shifted_clock clock(r);
    local_executor ex(clock);
    fire_log log;
    log.expected = n;
    log.order.reserve(n);
    auto tasks = arm_scrambled(ex, clock, n, log);
    REQUIRE(ex.pending_timers() == n);
    clock.shift = std::chrono::hours(1);
    run(ex, log.all_fired.wait());
    REQUIRE(log.order.size() == n);
    CHECK(std::is_sorted(log.order.begin(), log.order.end()));
    CHECK(ex.pending_timers() == 0);
  }

  TEST_CASE("cancelling half of 100000 pending timers disarms them and the rest fire in order") {
    constexpr std::size_t n = 100'000;
    epoll_reactor r;
    shifted_clock clock(r);
    local_executor ex(clock);
    fire_log log;
    log.expected = n / 2;
    auto tasks = arm_scrambled(ex, clock, n, log);
    REQUIRE(ex.pending_timers() == n);
    for (std::size_t i = 0; i < n; i += 2) tasks[i].cancel();
    CHECK(ex.pending_timers() == n / 2);
    clock.shift = std::chrono::hours(1);
    run(ex, log.all_fired.wait());
    CHECK(log.order.size() == n / 2);
    CHECK(std::is_sorted(log.order.begin(), log.order.end()));
    CHECK(ex.pending_timers() == 0);
  }

  TEST_CASE("a read on a pipe waits for the write end, then gives the byte") {
    epoll_reactor r;
    local_executor ex(r);
    pipe_pair p;
    auto fd = async_fd::adopt(r, p.take_read_end());
    REQUIRE(fd.ok());
    CHECK(r.registered() == 1);
    char c = 0;
    auto reader = ex.spawn(read_one(*fd, c));
    ex.run_until_idle();
    CHECK(fd->waiting(io_direction::read));  // it tried, saw EAGAIN and waits
    auto writer = ex.spawn(put_later(p, 'x'));
    auto got = run(ex, std::move(reader));
    REQUIRE(got.ok());
    CHECK(*got == 1);
    CHECK(c == 'x');
    CHECK_FALSE(fd->waiting(io_direction::read));
    run(ex, std::move(writer));
  }

  TEST_CASE("readable() completes at once until cleared, then waits for the next edge") {
    epoll_reactor r;
    local_executor ex(r);
    pipe_pair p;
    auto fd = async_fd::adopt(r, p.take_read_end());
    REQUIRE(fd.ok());
    CHECK(run(ex, fd->readable()).ok());  // not known to block yet
    fd->clear_readable();
    auto waiting = ex.spawn(fd->readable());
    ex.run_until_idle();
    CHECK(fd->waiting(io_direction::read));
    p.put('y');
    CHECK(run(ex, std::move(waiting)).ok());
  }

  TEST_CASE("cancelling a task that waits on a read leaves nothing registered behind") {
    epoll_reactor r;
    local_executor ex(r);
    pipe_pair p;
    auto fd = async_fd::adopt(r, p.take_read_end());
    REQUIRE(fd.ok());
    char c = 0;
    auto reader = ex.spawn(read_one(*fd, c));
    ex.run_until_idle();
    REQUIRE(fd->waiting(io_direction::read));
    reader.cancel();  // destroys the frame, and the awaiter in it
    CHECK_FALSE(fd->waiting(io_direction::read));
    p.put('z');
    CHECK(r.wait(r.now()));  // the event comes and finds nobody: nothing to touch
    CHECK(c == 0);
    char d = 0;
    auto again = run(ex, read_one(*fd, d));  // a new reader gets the byte
    REQUIRE(again.ok());
    CHECK(d == 'z');
  }

  TEST_CASE("closing an fd wakes the task waiting on it with ECANCELED") {
    epoll_reactor r;
    local_executor ex(r);
    pipe_pair p;
    auto fd = async_fd::adopt(r, p.take_read_end());
    REQUIRE(fd.ok());
    char c = 0;
    auto reader = ex.spawn(read_one(*fd, c));
    ex.run_until_idle();
    REQUIRE(fd->waiting(io_direction::read));
    fd->close();
    CHECK(r.registered() == 0);
    auto got = run(ex, std::move(reader));
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().code == ECANCELED);
    auto after = run(ex, read_one(*fd, c));  // a closed fd fails at once
    REQUIRE_FALSE(after.ok());
    CHECK(after.error().code == EBADF);
  }

  TEST_CASE("destroying an async_fd while a task waits on it wakes the task with ECANCELED") {
    epoll_reactor r;
    local_executor ex(r);
    pipe_pair p;
    std::optional<async_fd> fd;
    {
      auto opened = async_fd::adopt(r, p.take_read_end());
      REQUIRE(opened.ok());
      fd.emplace(std::move(*opened));
    }
    char c = 0;
    auto reader = ex.spawn(read_one(*fd, c));
    ex.run_until_idle();
    fd.reset();
    auto got = run(ex, std::move(reader));
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().code == ECANCELED);
  }

  TEST_CASE("a task that keeps yielding does not starve I/O") {
    epoll_reactor r;
    local_executor ex(r);
    pipe_pair p;
    auto fd = async_fd::adopt(r, p.take_read_end());
    REQUIRE(fd.ok());
    bool stop = false;
    auto spinner = ex.spawn([](bool& stop) -> task<> {
      while (!stop) co_await yield_now();
    }(stop));
    auto writer = ex.spawn(put_later(p, 'q'));
    char c = 0;
    auto got = run(ex, read_one(*fd, c));  // only a reactor poll can deliver the byte
    REQUIRE(got.ok());
    CHECK(c == 'q');
    stop = true;
    run(ex, std::move(spinner));
  }
}
