#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "skirmish/rt/channel.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/manual_driver.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/rt/zip.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;

namespace {

struct guard {
  std::vector<std::string>& log;
  std::string name;
  ~guard() { log.push_back(name + " destroyed"); }
};

task<std::string> sleeper(duration d, std::string name, std::vector<std::string>& log) {
  guard g{log, name};
  co_await sleep_for(d);
  log.push_back(name + " finished");
  co_return name;
}

task<int> at_once(int v) { co_return v; }

}  // namespace

TEST_SUITE("select") {
  TEST_CASE("select gives the first to finish and cancels the losers") {
    manual_driver clock;
    local_executor ex(clock);
    std::vector<std::string> log;
    auto r = ex.run_until([](std::vector<std::string>& log) -> task<std::string> {
      auto won = co_await select(sleeper(50ms, "slow", log), sleeper(10ms, "fast", log));
      log.push_back("resumed");
      CHECK(won.index() == 1);
      co_return std::get<1>(won);
    }(log));
    REQUIRE(r.ok());
    CHECK(*r == "fast");
    // The loser was destroyed before the parent resumed, and it never finished.
    CHECK(log == std::vector<std::string>{"fast finished", "fast destroyed", "slow destroyed", "resumed"});
    CHECK(ex.pending_timers() == 0);
  }

  TEST_CASE("a branch that finishes at once wins before the rest even start") {
    std::vector<std::string> log;
    local_executor ex;
    auto r = ex.run_until([](std::vector<std::string>& log) -> task<int> {
      auto won = co_await select(at_once(5), sleeper(10ms, "never started", log));
      co_return std::get<0>(won);
    }(log));
    REQUIRE(r.ok());
    CHECK(*r == 5);
    CHECK(log.empty());  // never started: its guard was never constructed
  }

  TEST_CASE("select over different kinds of awaitables") {
    manual_driver clock;
    local_executor ex(clock);
    channel<int> ch;
    event stop;
    auto h = ex.spawn([](channel<int>& ch, event& stop) -> task<int> {
      int got = 0;
      for (;;) {
        auto v = co_await select(ch.recv(), stop.wait(), sleep_for(1s));
        if (v.index() == 0) got += **std::get_if<0>(&v);
        if (v.index() == 1) co_return got;
        if (v.index() == 2) got += 1000;
      }
    }(ch, stop));
    ex.run_until_idle();
    REQUIRE(ch.try_send(1) == send_status::sent);
    REQUIRE(ch.try_send(2) == send_status::sent);
    ex.run_until_idle();
    clock.advance(1s);
    ex.run_until_idle();
    stop.set();
    ex.run_until_idle();
    REQUIRE(h.is_finished());
    auto r = ex.run_until(std::move(h));
    REQUIRE(r.ok());
    CHECK(*r == 1003);
  }

  TEST_CASE("a cancelled receiver in a select loses no message") {
    local_executor ex;
    channel<int> ch;
    event other;
    auto h = ex.spawn([](channel<int>& ch, event& other) -> task<int> {
      auto v = co_await select(other.wait(), ch.recv());
      co_return static_cast<int>(v.index());
    }(ch, other));
    ex.run_until_idle();
    // Both become ready in the same turn; whichever wins, the value must survive.
    other.set();
    REQUIRE(ch.try_send(9) == send_status::sent);
    ex.run_until_idle();
    REQUIRE(h.is_finished());
    auto r = ex.run_until(std::move(h));
    REQUIRE(r.ok());
    if (*r == 0) {
      auto left = ch.try_recv();
      REQUIRE(left.has_value());
      CHECK(*left == 9);
    }
  }

  TEST_CASE("race over a vector gives the index of the winner") {
    manual_driver clock;
    local_executor ex(clock);
    std::vector<std::string> log;
    auto r = ex.run_until([](std::vector<std::string>& log) -> task<std::size_t> {
      std::vector<task<std::string>> runners;
      runners.push_back(sleeper(30ms, "a", log));
      runners.push_back(sleeper(20ms, "b", log));
      runners.push_back(sleeper(40ms, "c", log));
      auto won = co_await race(std::move(runners));
      CHECK(won.value == "b");
      co_return won.index;
    }(log));
    REQUIRE(r.ok());
    CHECK(*r == 1);
    CHECK(std::count(log.begin(), log.end(), std::string("a destroyed")) == 1);
    CHECK(std::count(log.begin(), log.end(), std::string("c destroyed")) == 1);
    CHECK(std::count(log.begin(), log.end(), std::string("a finished")) == 0);
  }
}

TEST_SUITE("combinators under cancellation") {
  TEST_CASE("destroying the executor in the middle of nested select, zip and timeout frees everything") {
    std::vector<std::string> log;
    {
      channel<int> ch;  // borrowed by the tasks, so it must outlive the executor
      manual_driver clock;
      local_executor ex(clock);
      for (int i = 0; i < 3; ++i) {
        ex.spawn([](channel<int>& ch, std::vector<std::string>& log) -> task<> {
          auto inner = [](channel<int>& ch, std::vector<std::string>& log) -> task<int> {
            auto [a, b] = co_await zip(sleeper(50ms, "zip-a", log), timeout(1s, ch.recv()));
            (void)a;
            (void)b;
            co_return 1;
          };
          co_await select(inner(ch, log), sleeper(10s, "outer", log));
        }(ch, log)).detach();
      }
      ex.run_until_idle();
      clock.advance(60ms);  // the zip's first branch finishes; the rest still wait
      ex.run_until_idle();
      CHECK(ex.pending_timers() == 6);  // per task: the timeout and the outer sleeper
    }
    // Every sleeper's guard ran exactly once, whether it finished or was destroyed.
    CHECK(std::count(log.begin(), log.end(), std::string("zip-a destroyed")) == 3);
    CHECK(std::count(log.begin(), log.end(), std::string("outer destroyed")) == 3);
  }

  TEST_CASE("cancelling a joiner leaves the joined task running and joinable") {
    manual_driver clock;
    local_executor ex(clock);
    std::vector<std::string> log;
    auto worker = ex.spawn(sleeper(20ms, "worker", log));
    auto impatient = ex.spawn([](join_handle<std::string>& w) -> task<> { (void)co_await w; }(worker));
    ex.run_until_idle();
    impatient.cancel();  // its hook on the worker must go with it
    auto r = ex.run_until(std::move(worker));
    REQUIRE(r.ok());
    CHECK(*r == "worker");
  }
}
