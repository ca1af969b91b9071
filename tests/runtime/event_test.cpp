#include <doctest/doctest.h>

#include <vector>

#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"

using namespace skirmish::rt;

TEST_SUITE("event") {
  TEST_CASE("set() releases every waiter") {
    event go;
    int released = 0;
    local_executor ex;
    std::vector<join_handle<void>> waiters;
    for (int i = 0; i < 5; ++i) {
      waiters.push_back(ex.spawn([](event& go, int& released) -> task<> {
        co_await go.wait();
        ++released;
      }(go, released)));
    }
    ex.run_until_idle();
    CHECK(released == 0);
    go.set();
    ex.run_until_idle();
    CHECK(released == 5);
  }

  TEST_CASE("waiting on a set event does not suspend; reset() makes later waiters wait") {
    event go;
    local_executor ex;
    go.set();
    auto r = ex.run_until(go.wait());
    CHECK(r.ok());
    go.reset();
    auto h = ex.spawn(go.wait());
    ex.run_until_idle();
    CHECK_FALSE(h.is_finished());
    go.set();
    ex.run_until_idle();
    CHECK(h.is_finished());
  }

  TEST_CASE("a cancelled waiter leaves the list") {
    event go;
    local_executor ex;
    auto a = ex.spawn(go.wait());
    auto b = ex.spawn(go.wait());
    ex.run_until_idle();
    a.cancel();
    go.set();
    ex.run_until_idle();
    CHECK(b.is_finished());
  }
}
