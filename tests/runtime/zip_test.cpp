#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/manual_driver.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/yield_now.hpp"
#include "skirmish/rt/zip.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;

namespace {

task<int> after(duration d, int v, std::vector<int>& order) {
  co_await sleep_for(d);
  order.push_back(v);
  co_return v;
}

task<int> immediately(int v) { co_return v; }

task<> interleave(std::vector<std::string>& log, std::string name, int steps) {
  for (int i = 0; i < steps; ++i) {
    log.push_back(name + std::to_string(i));
    co_await yield_now();
  }
}

}  // namespace

TEST_SUITE("zip") {
  TEST_CASE("zip runs both concurrently inside one task and gives both results") {
    manual_driver clock;
    local_executor ex(clock);
    std::vector<int> order;
    instant start = clock.now();
    auto r = ex.run_until([](std::vector<int>& order) -> task<int> {
      auto [a, b] = co_await zip(after(30ms, 1, order), after(10ms, 2, order));
      co_return a * 10 + b;
    }(order));
    REQUIRE(r.ok());
    CHECK(*r == 12);
    CHECK(order == std::vector<int>{2, 1});  // the shorter sleep finished first
    CHECK(clock.now() - start == 30ms);      // concurrently: 30 ms, not 40
    CHECK(ex.live_tasks() == 0);
  }

  TEST_CASE("zip of branches that finish at once does not suspend") {
    local_executor ex;
    auto r = ex.run_until([]() -> task<int> {
      auto [a, b, c] = co_await zip(immediately(1), immediately(2), immediately(3));
      co_return a + b + c;
    }());
    REQUIRE(r.ok());
    CHECK(*r == 6);
  }

  TEST_CASE("zip interleaves its branches step by step") {
    std::vector<std::string> log;
    local_executor ex;
    auto r = ex.run_until([](std::vector<std::string>& log) -> task<> {
      auto both = co_await zip(interleave(log, "a", 3), interleave(log, "b", 3));
      (void)both;
    }(log));
    REQUIRE(r.ok());
    CHECK(log == std::vector<std::string>{"a0", "b0", "a1", "b1", "a2", "b2"});
  }

  TEST_CASE("join_all gives every result in order") {
    manual_driver clock;
    local_executor ex(clock);
    std::vector<int> order;
    auto r = ex.run_until([](std::vector<int>& order) -> task<int> {
      std::vector<task<int>> tasks;
      for (int i = 0; i < 10; ++i) tasks.push_back(after(std::chrono::milliseconds(10 - i), i, order));
      auto values = co_await join_all(std::move(tasks));
      int weighted = 0;
      for (std::size_t i = 0; i < values.size(); ++i) weighted += static_cast<int>(i) * values[i];
      co_return weighted;
    }(order));
    REQUIRE(r.ok());
    CHECK(*r == 285);  // results by position, whatever order they finished in
    CHECK(order.front() == 9);
    CHECK(order.back() == 0);
  }

  TEST_CASE("cancelling a task in the middle of zip destroys its branches") {
    manual_driver clock;
    local_executor ex(clock);
    std::vector<int> order;
    auto h = ex.spawn([](std::vector<int>& order) -> task<> {
      co_await zip(after(10ms, 1, order), after(1000ms, 2, order));
    }(order));
    ex.tick();
    CHECK(ex.pending_timers() == 2);
    h.cancel();
    CHECK(ex.pending_timers() == 0);
    CHECK(order.empty());
  }
}
