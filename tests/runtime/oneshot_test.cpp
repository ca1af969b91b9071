#include <doctest/doctest.h>

#include <string>

#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/oneshot.hpp"

using namespace skirmish::rt;

TEST_SUITE("oneshot") {
  TEST_CASE("a value sent once is received once") {
    oneshot<std::string> slot;
    local_executor ex;
    auto receiver = ex.spawn(slot.recv());
    ex.run_until_idle();
    CHECK_FALSE(receiver.is_finished());
    CHECK(slot.send("hello"));
    CHECK_FALSE(slot.send("again"));
    auto r = ex.run_until(std::move(receiver));
    REQUIRE(r.ok());
    REQUIRE(r->ok());
    CHECK(r->value() == "hello");
  }

  TEST_CASE("a value sent before anyone waits is there when they do") {
    oneshot<int> slot;
    local_executor ex;
    CHECK(slot.send(5));
    auto r = ex.run_until(slot.recv());
    REQUIRE(r.ok());
    CHECK(r->value() == 5);
  }

  TEST_CASE("close() tells the receiver no value will come") {
    oneshot<int> slot;
    local_executor ex;
    auto receiver = ex.spawn(slot.recv());
    ex.run_until_idle();
    slot.close();
    CHECK_FALSE(slot.send(1));
    auto r = ex.run_until(std::move(receiver));
    REQUIRE(r.ok());
    CHECK_FALSE(r->ok());
  }

  TEST_CASE("a sender dropped unsent (its task cancelled) closes the oneshot") {
    oneshot<int> slot;
    event never;
    local_executor ex;
    auto producer = ex.spawn([](oneshot_sender<int> tx, event& never) -> task<> {
      co_await never.wait();
      tx.send(1);
    }(oneshot_sender<int>(slot), never));
    auto receiver = ex.spawn(slot.recv());
    ex.run_until_idle();
    producer.cancel();
    auto r = ex.run_until(std::move(receiver));
    REQUIRE(r.ok());
    CHECK_FALSE(r->ok());
  }
}
