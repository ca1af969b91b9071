#include <doctest/doctest.h>

#include <optional>

#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/waker_cell.hpp"

using namespace skirmish::rt;

namespace {

// A minimal leaf awaitable built on a waker cell, the way timers, sockets and
// promises are built: it waits until someone stores a value and wakes it.
struct mailbox {
  std::optional<int> value;
  waker_cell cell;

  void put(int v) {
    value = v;
    cell.wake();
  }

  struct awaiter {
    mailbox& box;
    bool await_ready() const noexcept { return box.value.has_value(); }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      box.cell.register_waker(park(h));
    }
    int await_resume() { return *std::exchange(box.value, std::nullopt); }
  };
  awaiter next() { return awaiter{*this}; }
};

task<int> take_two(mailbox& box, int& resumes) {
  int a = co_await box.next();
  ++resumes;
  int b = co_await box.next();
  ++resumes;
  co_return a + b;
}

// Captures the waker of its current suspension, then waits until told to go.
struct waker_thief {
  waker stolen;
  bool go = false;
  waker_cell cell;
  struct awaiter {
    waker_thief& t;
    bool await_ready() const noexcept { return t.go; }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      t.stolen = park(h);
      t.cell.register_waker(t.stolen);
    }
    void await_resume() const noexcept {}
  };
  awaiter wait() { return awaiter{*this}; }
};

}  // namespace

TEST_SUITE("waker") {
  TEST_CASE("a waker cell holds one waker and wake() resumes its task") {
    mailbox box;
    int resumes = 0;
    local_executor ex;
    auto h = ex.spawn(take_two(box, resumes));
    ex.run_until_idle();
    CHECK(box.cell.has_waker());
    box.put(1);
    CHECK_FALSE(box.cell.has_waker());
    ex.run_until_idle();
    CHECK(resumes == 1);
    box.put(2);
    ex.run_until_idle();
    CHECK(h.is_finished());
    CHECK(resumes == 2);
  }

  TEST_CASE("waking an already-queued task costs nothing and runs it once") {
    waker_thief thief;
    int steps = 0;
    local_executor ex;
    auto h = ex.spawn([](waker_thief& t, int& steps) -> task<> {
      co_await t.wait();
      ++steps;
      co_await t.wait();
      ++steps;
    }(thief, steps));
    ex.run_until_idle();
    REQUIRE(thief.stolen);
    for (int i = 0; i < 1000; ++i) thief.stolen.wake();
    CHECK(ex.tick() == 1);
    CHECK(steps == 1);
    CHECK_FALSE(ex.has_ready());
  }

  TEST_CASE("a stale waker from an earlier suspension does not resume the task") {
    waker_thief thief;
    int steps = 0;
    local_executor ex;
    auto h = ex.spawn([](waker_thief& t, int& steps) -> task<> {
      co_await t.wait();
      ++steps;
      co_await t.wait();
      ++steps;
    }(thief, steps));
    ex.run_until_idle();
    waker first = thief.stolen;
    first.wake();
    ex.run_until_idle();
    CHECK(steps == 1);
    // The task now waits on its second suspension; the old waker must not
    // resume it there.
    first.wake();
    ex.run_until_idle();
    CHECK(steps == 1);
    thief.stolen.wake();
    ex.run_until_idle();
    CHECK(steps == 2);
    CHECK(h.is_finished());
  }

  TEST_CASE("waking a finished or a cancelled task is harmless") {
    waker_thief thief;
    int steps = 0;
    waker kept;
    local_executor ex;
    {
      auto h = ex.spawn([](waker_thief& t, int& steps) -> task<> {
        co_await t.wait();
        ++steps;
      }(thief, steps));
      ex.run_until_idle();
      kept = thief.stolen;
      h.cancel();
    }
    kept.wake();
    ex.run_until_idle();
    CHECK(steps == 0);

    auto done = ex.spawn([]() -> task<int> { co_return 3; }());
    ex.run_until_idle();
    CHECK(done.is_finished());
    kept.wake();
    ex.run_until_idle();
  }

  TEST_CASE("a waker copied out keeps its task's header alive, not its frame") {
    waker_thief thief;
    waker survivor;
    {
      local_executor ex;
      auto h = ex.spawn([](waker_thief& t) -> task<> { co_await t.wait(); }(thief));
      ex.run_until_idle();
      survivor = thief.stolen;
    }
    // Executor and frame are gone; the waker still points at a valid header.
    survivor.wake();
    thief.stolen = waker{};
    thief.cell.clear();
  }
}
