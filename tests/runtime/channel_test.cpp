#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "skirmish/rt/channel.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/yield_now.hpp"
#include "skirmish/rt/zip.hpp"

using namespace skirmish::rt;

namespace {

task<> produce(channel<int>& ch, int from, int to, std::vector<int>* sent_log = nullptr) {
  for (int i = from; i < to; ++i) {
    auto sent = co_await ch.send(i);
    if (!sent.ok()) co_return;
    if (sent_log != nullptr) sent_log->push_back(i);
  }
}

task<std::vector<int>> drain(channel<int>& ch) {
  std::vector<int> got;
  while (auto v = co_await ch.recv()) got.push_back(*v);
  co_return got;
}

}  // namespace

TEST_SUITE("channel") {
  TEST_CASE("unbounded: values arrive in order and close ends the stream") {
    channel<int> ch;
    local_executor ex;
    auto consumer = ex.spawn(drain(ch));
    auto r = ex.run_until([](channel<int>& ch) -> task<> {
      co_await produce(ch, 0, 1000);
      ch.close();
    }(ch));
    REQUIRE(r.ok());
    auto got = ex.run_until(std::move(consumer));
    REQUIRE(got.ok());
    REQUIRE(got->size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK((*got)[i] == i);
  }

  TEST_CASE("bounded: a sender waits while the channel is full") {
    channel<int> ch(2);
    local_executor ex;
    std::vector<int> sent;
    auto producer = ex.spawn(produce(ch, 0, 5, &sent));
    ex.run_until_idle();
    CHECK(sent == std::vector<int>{0, 1});  // the third send waits for room
    CHECK(ch.size() == 2);
    CHECK(ch.try_recv() == 0);
    ex.run_until_idle();
    CHECK(sent == std::vector<int>{0, 1, 2});
    CHECK(ch.size() == 2);
    ch.close();  // the waiting sender fails
    ex.run_until_idle();
    CHECK(producer.is_finished());
    CHECK(sent == std::vector<int>{0, 1, 2});
    // What was queued before close() can still be received.
    CHECK(ch.try_recv() == 1);
    CHECK(ch.try_recv() == 2);
    CHECK_FALSE(ch.try_recv().has_value());
  }

  TEST_CASE("capacity zero: every send meets a receiver") {
    channel<std::string> ch(0);
    local_executor ex;
    CHECK(ch.try_send("nobody listens") == send_status::full);
    auto consumer = ex.spawn([](channel<std::string>& ch) -> task<std::string> {
      auto a = co_await ch.recv();
      auto b = co_await ch.recv();
      co_return *a + *b;
    }(ch));
    auto r = ex.run_until([](channel<std::string>& ch) -> task<> {
      (void)co_await ch.send("ping");
      (void)co_await ch.send("pong");
    }(ch));
    REQUIRE(r.ok());
    auto got = ex.run_until(std::move(consumer));
    REQUIRE(got.ok());
    CHECK(*got == "pingpong");
  }

  TEST_CASE("several producers and consumers share one channel") {
    channel<int> ch(4);
    local_executor ex;
    std::vector<join_handle<std::vector<int>>> consumers;
    for (int i = 0; i < 3; ++i) consumers.push_back(ex.spawn(drain(ch)));
    auto r = ex.run_until([](channel<int>& ch) -> task<> {
      std::vector<task<>> producers;
      for (int p = 0; p < 4; ++p) producers.push_back(produce(ch, p * 250, (p + 1) * 250));
      co_await join_all(std::move(producers));
      ch.close();
    }(ch));
    REQUIRE(r.ok());
    std::vector<int> all;
    for (auto& c : consumers) {
      auto got = ex.run_until(std::move(c));
      REQUIRE(got.ok());
      CHECK_FALSE(got->empty());  // every consumer got a share
      all.insert(all.end(), got->begin(), got->end());
    }
    std::sort(all.begin(), all.end());
    REQUIRE(all.size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK(all[i] == i);
  }

  TEST_CASE("move-only values and a ping-pong between two tasks") {
    channel<std::unique_ptr<int>> ping;
    channel<std::unique_ptr<int>> pong;
    local_executor ex;
    auto echo = ex.spawn([](channel<std::unique_ptr<int>>& in, channel<std::unique_ptr<int>>& out) -> task<> {
      while (auto v = co_await in.recv()) {
        **v += 1;
        (void)co_await out.send(std::move(*v));
      }
      out.close();
    }(ping, pong));
    auto r = ex.run_until([](channel<std::unique_ptr<int>>& ping, channel<std::unique_ptr<int>>& pong) -> task<int> {
      auto ball = std::make_unique<int>(0);
      for (int i = 0; i < 10'000; ++i) {
        (void)co_await ping.send(std::move(ball));
        ball = std::move(*co_await pong.recv());
      }
      ping.close();
      co_return *ball;
    }(ping, pong));
    REQUIRE(r.ok());
    CHECK(*r == 10'000);
  }

  TEST_CASE("a receiver cancelled after being handed a value gives it back") {
    channel<int> ch;
    local_executor ex;
    auto first = ex.spawn(ch.recv());
    auto second = ex.spawn(drain(ch));
    ex.run_until_idle();
    REQUIRE(ch.try_send(7) == send_status::sent);  // handed to `first`, which has not run yet
    first.cancel();
    ch.close();
    auto got = ex.run_until(std::move(second));
    REQUIRE(got.ok());
    CHECK(*got == std::vector<int>{7});
  }
}
