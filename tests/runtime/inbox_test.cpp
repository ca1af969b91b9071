#include <doctest/doctest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "epoll_test_util.hpp"
#include "skirmish/rt/epoll_inbox.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/sleep.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;
using skirmish::test::bytes_of;
using skirmish::test::run;
using skirmish::test::text_of;

namespace {

// State that only the inbox's owning thread touches, from posted functions.
struct tally {
  std::vector<std::uint64_t> next;  // per producer: the sequence number expected next
  std::uint64_t received = 0;
  std::uint64_t out_of_order = 0;
  std::uint64_t expected = 0;
  std::thread::id owner = std::this_thread::get_id();
  std::uint64_t wrong_thread = 0;
  event done;

  void take(std::size_t producer, std::uint64_t seq) {
    if (std::this_thread::get_id() != owner) ++wrong_thread;
    if (seq != next[producer]) ++out_of_order;
    next[producer] = seq + 1;
    if (++received == expected) done.set();
  }
};

}  // namespace

TEST_SUITE("inbox") {
  TEST_CASE("several producer threads hammering one inbox: every item runs once, on the owner, in order per producer") {
    constexpr std::size_t producers = 4;
    constexpr std::uint64_t per_producer = 20'000;
    epoll_reactor r;
    local_executor ex(r);
    inbox in(r, ex);
    REQUIRE(in.ok());
    tally t;
    t.next.assign(producers, 0);
    t.expected = producers * per_producer;
    std::vector<std::thread> threads;
    for (std::size_t p = 0; p < producers; ++p) {
      threads.emplace_back([&in, &t, p] {
        for (std::uint64_t i = 0; i < per_producer; ++i) {
          in.post([&t, p, i] { t.take(p, i); });
          if (i % 1000 == 0) std::this_thread::yield();  // vary the interleaving
        }
      });
    }
    run(ex, t.done.wait());
    for (auto& th : threads) th.join();
    CHECK(t.received == producers * per_producer);
    CHECK(in.delivered() == producers * per_producer);
    CHECK(t.out_of_order == 0);
    CHECK(t.wrong_thread == 0);
  }

  TEST_CASE("a function posted from another thread can spawn a task on the owner's executor") {
    epoll_reactor r;
    local_executor ex(r);
    inbox in(r, ex);
    REQUIRE(in.ok());
    event done;
    std::thread::id ran_on;
    std::thread poster([&] {
      in.post([&ex, &done, &ran_on] {
        ex.spawn([](event& done, std::thread::id& ran_on) -> task<> {
            co_await sleep_for(1ms);
            ran_on = std::this_thread::get_id();
            done.set();
          }(done, ran_on))
            .detach();
      });
    });
    run(ex, done.wait());
    poster.join();
    CHECK(ran_on == std::this_thread::get_id());
  }

  TEST_CASE("a connection posted from another thread arrives registered, with its bytes") {
    epoll_reactor r;
    local_executor ex(r);
    inbox in(r, ex);
    REQUIRE(in.ok());
    int pair[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0);
    struct received {
      std::optional<tcp_stream> stream;
      std::string bytes;
      event arrived;
    } got;
    std::thread sender([&] {
      auto head = bytes_of("already read");
      in.post_connection(tcp_handoff(pair[0], std::vector<std::byte>(head.begin(), head.end())),
                         [&got](io_result<tcp_stream> s, std::vector<std::byte> bytes) {
                           REQUIRE(s.ok());
                           got.stream.emplace(std::move(*s));
                           got.bytes = text_of(bytes);
                           got.arrived.set();
                         });
    });
    run(ex, got.arrived.wait());
    sender.join();
    CHECK(got.bytes == "already read");
    REQUIRE(skirmish::test::blocking_send(pair[1], bytes_of("and more")));
    std::array<std::byte, 16> buf;
    auto n = run(ex, got.stream->read(buf));
    REQUIRE(n.ok());
    CHECK(text_of(std::span(buf).first(*n)) == "and more");
    ::close(pair[1]);
  }

  TEST_CASE("items still queued when the inbox goes are freed, and a queued connection is closed") {
    int pair[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0);
    bool ran = false;
    {
      epoll_reactor r;
      local_executor ex(r);
      inbox in(r, ex);
      std::thread poster([&] {
        in.post([&ran] { ran = true; });
        in.post_connection(tcp_handoff(pair[0], {}), [&ran](io_result<tcp_stream>, std::vector<std::byte>) { ran = true; });
      });
      poster.join();
    }  // never run: destroyed undelivered
    CHECK_FALSE(ran);
    std::array<std::byte, 4> buf;
    CHECK(::recv(pair[1], buf.data(), buf.size(), 0) == 0);  // the handed end was closed
    ::close(pair[1]);
  }
}
