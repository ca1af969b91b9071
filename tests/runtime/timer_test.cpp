#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/manual_driver.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/rt/yield_now.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;

namespace {

task<int> slow(duration d, int v) {
  co_await sleep_for(d);
  co_return v;
}

}  // namespace

TEST_SUITE("timers") {
  TEST_CASE("sleep_for resumes after exactly that much virtual time") {
    manual_driver clock;
    local_executor ex(clock);
    instant start = clock.now();
    std::vector<std::int64_t> woke;
    auto h = ex.spawn([](std::vector<std::int64_t>& woke, manual_driver& clock, instant start) -> task<> {
      for (int i = 1; i <= 3; ++i) {
        co_await sleep_for(std::chrono::milliseconds(10 * i));
        woke.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start).count());
      }
    }(woke, clock, start));
    ex.run_until_idle();
    CHECK(woke.empty());
    clock.advance(9ms);
    ex.run_until_idle();
    CHECK(woke.empty());
    clock.advance(1ms);
    ex.run_until_idle();
    CHECK(woke == std::vector<std::int64_t>{10});
    auto r = ex.run_until(std::move(h));  // jumps the clock from timer to timer
    REQUIRE(r.ok());
    CHECK(woke == std::vector<std::int64_t>{10, 30, 60});
  }

  TEST_CASE("timers with equal deadlines fire in the order they were armed") {
    manual_driver clock;
    local_executor ex(clock);
    std::vector<int> order;
    std::vector<join_handle<void>> hs;
    for (int i = 0; i < 5; ++i) {
      hs.push_back(ex.spawn([](std::vector<int>& order, int i) -> task<> {
        co_await sleep_for(5ms);
        order.push_back(i);
      }(order, i)));
    }
    ex.run_until_idle();
    clock.advance(5ms);
    ex.run_until_idle();
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
  }

  TEST_CASE("sleep_until a past instant and sleep_for zero do not wait") {
    manual_driver clock;
    local_executor ex(clock);
    auto r = ex.run_until([](manual_driver& clock) -> task<int> {
      co_await sleep_until(clock.now() - 1s);
      co_await sleep_for(0ms);
      co_return 1;
    }(clock));
    REQUIRE(r.ok());
    CHECK(ex.pending_timers() == 0);
  }

  TEST_CASE("timeout gives the value when it is in time") {
    manual_driver clock;
    local_executor ex(clock);
    auto r = ex.run_until(timeout(50ms, slow(10ms, 7)));
    REQUIRE(r.ok());
    REQUIRE(r->ok());
    CHECK(r->value() == 7);
    CHECK(ex.pending_timers() == 0);
  }

  TEST_CASE("timeout gives timed_out and cancels the late operation") {
    manual_driver clock;
    local_executor ex(clock);
    instant start = clock.now();
    auto r = ex.run_until(timeout(50ms, slow(100ms, 7)));
    REQUIRE(r.ok());
    CHECK_FALSE(r->ok());
    CHECK(clock.now() - start == 50ms);
    CHECK(ex.pending_timers() == 0);  // the late sleep was disarmed with its task
  }

  TEST_CASE("an interval ticks on a fixed grid and skips missed ticks") {
    manual_driver clock;
    local_executor ex(clock);
    instant start = clock.now();
    std::vector<std::int64_t> at;
    std::vector<std::uint64_t> periods;
    interval every(10ms);
    auto h = ex.spawn([](interval& every, std::vector<std::int64_t>& at, std::vector<std::uint64_t>& periods,
                         manual_driver& clock, instant start) -> task<> {
      for (int i = 0; i < 5; ++i) {
        periods.push_back(co_await every.tick());
        at.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start).count());
      }
    }(every, at, periods, clock, start));
    ex.run_until_idle();  // first tick at once
    clock.advance(10ms);
    ex.run_until_idle();
    clock.advance(35ms);  // a busy stretch: the ticks at 20, 30 and 40 ms are missed
    ex.run_until_idle();
    auto r = ex.run_until(std::move(h));
    REQUIRE(r.ok());
    CHECK(at == std::vector<std::int64_t>{0, 10, 45, 50, 60});
    CHECK(periods == std::vector<std::uint64_t>{1, 1, 3, 1, 1});
  }

  TEST_CASE("100,000 pending timers fire in deadline order") {
    manual_driver clock;
    local_executor ex(clock);
    constexpr int n = 100'000;
    std::vector<int> fired;
    fired.reserve(n);
    std::vector<join_handle<void>> hs;
    hs.reserve(n);
    for (int i = 0; i < n; ++i) {
      int delay = (i * 7919) % n;  // a permutation of 0..n-1
      hs.push_back(ex.spawn([](std::vector<int>& fired, int delay) -> task<> {
        co_await sleep_for(std::chrono::microseconds(delay + 1));
        fired.push_back(delay);
      }(fired, delay)));
    }
    ex.run_until_idle();
    CHECK(ex.pending_timers() == n);
    // Cancel every other one: disarming must keep the heap consistent.
    for (int i = 0; i < n; i += 2) hs[i].cancel();
    CHECK(ex.pending_timers() == n / 2);
    auto r = ex.run_until([](std::vector<join_handle<void>>& hs) -> task<> {
      for (std::size_t i = 1; i < hs.size(); i += 2) co_await hs[i];
    }(hs));
    REQUIRE(r.ok());
    REQUIRE(fired.size() == n / 2);
    CHECK(std::is_sorted(fired.begin(), fired.end()));
  }
}
