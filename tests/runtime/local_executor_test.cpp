#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/yield_now.hpp"

using namespace skirmish::rt;

namespace {

// Counts live instances, to prove frames are destroyed.
struct tracked {
  static inline int alive = 0;
  static inline int constructed = 0;
  tracked() {
    ++alive;
    ++constructed;
  }
  tracked(const tracked&) = delete;
  ~tracked() { --alive; }
};

task<int> forever_pending(event& never) {
  tracked guard;
  co_await never.wait();
  co_return 1;
}

task<> yielder(int& counter) {
  for (;;) {
    ++counter;
    co_await yield_now();
  }
}

task<> bump(int& value, int times) {
  for (int i = 0; i < times; ++i) {
    ++value;
    co_await yield_now();
  }
}

struct world {
  std::vector<std::string> names;
  int turns = 0;
};

task<> take_turn(world& w, std::string name) {
  w.names.push_back(std::move(name));
  ++w.turns;
  co_return;
}

}  // namespace

TEST_SUITE("local_executor") {
  TEST_CASE("a spawned task borrows a local that outlives the executor") {
    int counter = 0;  // declared before the executor, so it outlives every task
    {
      local_executor ex;
      auto h = ex.spawn(bump(counter, 5));
      ex.run_until_idle();
      CHECK(h.is_finished());
    }
    CHECK(counter == 5);
  }

  TEST_CASE("tasks share a plain struct by reference, no shared pointers") {
    world w;
    local_executor ex;
    auto a = ex.spawn(take_turn(w, "ada"));
    auto b = ex.spawn(take_turn(w, "bob"));
    auto r = ex.run_until([](join_handle<void>& a, join_handle<void>& b) -> task<> {
      co_await a;
      co_await b;
    }(a, b));
    REQUIRE(r.ok());
    CHECK(w.turns == 2);
    CHECK(w.names == std::vector<std::string>{"ada", "bob"});
  }

  TEST_CASE("spawn returns a join_handle that gives the result") {
    local_executor ex;
    auto r = ex.run_until([](local_executor& ex) -> task<int> {
      auto h = ex.spawn([]() -> task<int> { co_return 7; }());
      int v = co_await h;
      CHECK_FALSE(h.valid());
      co_return v * 6;
    }(ex));
    REQUIRE(r.ok());
    CHECK(*r == 42);
  }

  TEST_CASE("one allocation per spawned task") {
    local_executor ex;
    auto trivial = []() -> task<int> { co_return 1; };
    // Warm up: the frame pool may fetch a fresh slab for the first block.
    ex.spawn(trivial()).detach();
    ex.run_until_idle();
    std::size_t before = skirmish::test::allocations();
    auto h = ex.spawn(trivial());
    std::size_t spawn_cost = skirmish::test::allocations() - before;
    // The frame and its header are one block: from the thread's frame pool
    // (no heap call at all), or from the heap when the pool is bypassed
    // (AddressSanitizer builds).
    CHECK(spawn_cost == (skirmish::rt::detail::pool_frames ? 0 : 1));
    ex.run_until_idle();
    CHECK(skirmish::test::allocations() - before == spawn_cost);  // running and finishing allocate nothing
    CHECK(h.is_finished());
  }

  TEST_CASE("dropping the join handle cancels the task and runs its destructors") {
    event never;
    local_executor ex;
    tracked::alive = 0;
    {
      auto h = ex.spawn(forever_pending(never));
      ex.run_until_idle();
      CHECK(tracked::alive == 1);
    }
    CHECK(tracked::alive == 0);
    CHECK(ex.live_tasks() == 0);
  }

  TEST_CASE("cancel() destroys the task at once") {
    event never;
    local_executor ex;
    tracked::alive = 0;
    auto h = ex.spawn(forever_pending(never));
    ex.tick();
    CHECK(tracked::alive == 1);
    h.cancel();
    CHECK(tracked::alive == 0);
    CHECK_FALSE(h.valid());
    never.set();  // the cancelled task's waker fires into nothing
    ex.run_until_idle();
  }

  TEST_CASE("a cancelled task that was already queued never runs") {
    int counter = 0;
    local_executor ex;
    auto h = ex.spawn(bump(counter, 10));
    h.cancel();
    ex.run_until_idle();
    CHECK(counter == 0);
  }

  TEST_CASE("a detached task runs to the end and is freed") {
    int counter = 0;
    local_executor ex;
    ex.spawn(bump(counter, 3)).detach();
    CHECK(ex.live_tasks() == 1);
    ex.run_until_idle();
    CHECK(counter == 3);
    CHECK(ex.live_tasks() == 0);
  }

  TEST_CASE("destroying the executor destroys every pending frame") {
    event never;
    tracked::alive = 0;
    tracked::constructed = 0;
    {
      local_executor ex;
      std::vector<join_handle<int>> kept;
      for (int i = 0; i < 50; ++i) kept.push_back(ex.spawn(forever_pending(never)));
      for (int i = 0; i < 50; ++i) ex.spawn(forever_pending(never)).detach();
      ex.run_until_idle();
      CHECK(tracked::constructed == 100);
      CHECK(tracked::alive == 100);
      // `kept` is destroyed after the executor: its handles must stay safe.
      kept.clear();
      CHECK(tracked::alive == 50);
      kept.push_back(ex.spawn(forever_pending(never)));
      ex.run_until_idle();
      // Some never even start:
      for (int i = 0; i < 10; ++i) ex.spawn(forever_pending(never)).detach();
      CHECK(ex.live_tasks() == 61);
    }
    CHECK(tracked::constructed == 101);
    CHECK(tracked::alive == 0);
  }

  TEST_CASE("join handles that outlive their executor are harmless") {
    event never;
    tracked::alive = 0;
    join_handle<int> outlives;
    {
      local_executor ex;
      outlives = ex.spawn(forever_pending(never));
      ex.run_until_idle();
      CHECK(tracked::alive == 1);
    }
    CHECK(tracked::alive == 0);
    CHECK_FALSE(outlives.is_finished());
    outlives.cancel();
  }

  TEST_CASE("tick() runs only the tasks queued when it began") {
    int a = 0;
    int b = 0;
    local_executor ex;
    auto ha = ex.spawn(bump(a, 100));
    auto hb = ex.spawn(bump(b, 100));
    CHECK(ex.tick() == 2);
    CHECK(a == 1);
    CHECK(b == 1);
    CHECK(ex.tick() == 2);
    CHECK(a == 2);
    CHECK(b == 2);
  }

  TEST_CASE("a task that yields forever does not starve the others") {
    int spins = 0;
    int work = 0;
    local_executor ex;
    auto spinner = ex.spawn(yielder(spins));
    auto r = ex.run_until(bump(work, 1000));
    REQUIRE(r.ok());
    CHECK(work == 1000);
    // Round-robin: the spinner got about as many turns as the worker, no more.
    CHECK(spins >= 1000);
    CHECK(spins <= 1002);
  }

  TEST_CASE("run_until reports a stall instead of hanging") {
    event never;
    local_executor ex;
    auto r = ex.run_until(forever_pending(never));
    CHECK_FALSE(r.ok());
  }

  TEST_CASE("a task can cancel itself through its own handle") {
    local_executor ex;
    tracked::alive = 0;
    join_handle<void> self;
    self = ex.spawn([](join_handle<void>& self) -> task<> {
      tracked guard;
      co_await yield_now();
      self.cancel();  // deferred to the end of this step
      co_await yield_now();
      FAIL("a cancelled task resumed");
    }(self));
    ex.run_until_idle();
    CHECK(tracked::alive == 0);
    CHECK(ex.live_tasks() == 0);
  }

  TEST_CASE("spawn accepts any awaitable") {
    event ev;
    local_executor ex;
    auto h = ex.spawn(ev.wait());
    ex.run_until_idle();
    CHECK_FALSE(h.is_finished());
    ev.set();
    ex.run_until_idle();
    CHECK(h.is_finished());
  }
}
