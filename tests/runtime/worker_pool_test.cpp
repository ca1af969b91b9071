#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <future>
#include <set>
#include <thread>
#include <vector>

#include "epoll_test_util.hpp"
#include "skirmish/rt/epoll_tcp_listener.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/epoll_worker_pool.hpp"
#include "skirmish/rt/select.hpp"

using namespace skirmish::rt;
using skirmish::test::bytes_of;
using skirmish::test::pattern;
using skirmish::test::text_of;

namespace {

// Reserves a free port that SO_REUSEPORT listeners may share: a socket bound
// to it (with SO_REUSEPORT) but never listening, so it takes no connections.
struct reserved_port {
  int fd = -1;
  std::uint16_t port = 0;
  reserved_port() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    int one = 1;
    REQUIRE(::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
    REQUIRE(::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) == 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port = ntohs(a.sin_port);
  }
  ~reserved_port() { ::close(fd); }
};

// Answers every connection with this worker's index, until asked to stop.
task<> serve_index(worker& w, std::uint16_t port, std::atomic<int>& listening, std::vector<int>& served) {
  auto l = tcp_listener::bind(w.reactor, "127.0.0.1", port);
  if (!l) co_return;
  listening.fetch_add(1);
  auto loop = [](worker& w, tcp_listener& l, int& served) -> task<> {
    for (;;) {
      auto s = co_await l.accept();
      if (!s) co_return;
      auto index = static_cast<char>('0' + w.index);
      (void)co_await s->write(std::string_view(&index, 1));
      ++served;
    }
  };
  (void)co_await select(loop(w, *l, served[w.index]), w.stopping.wait());
}

}  // namespace

TEST_SUITE("worker_pool") {
  TEST_CASE("each worker runs its body on a thread of its own until asked to stop") {
    worker_pool pool(3);
    std::vector<std::thread::id> ids(3);
    pool.start([&ids](worker& w) -> task<void> {
      return [](worker& w, std::thread::id& id) -> task<> {
        id = std::this_thread::get_id();
        co_await w.stopping.wait();
      }(w, ids[w.index]);
    });
    CHECK(pool.failed_workers() == 0);
    pool.request_stop();
    pool.join();
    std::set<std::thread::id> distinct(ids.begin(), ids.end());
    CHECK(distinct.size() == 3);
    CHECK(distinct.count(std::this_thread::get_id()) == 0);
  }

  TEST_CASE("post runs a function on the chosen worker's thread") {
    worker_pool pool(2);
    std::vector<std::thread::id> ids(2);
    pool.start([&ids](worker& w) -> task<void> {
      return [](worker& w, std::thread::id& id) -> task<> {
        id = std::this_thread::get_id();
        co_await w.stopping.wait();
      }(w, ids[w.index]);
    });
    std::promise<std::thread::id> ran_on;
    pool.post(1, [&ran_on](worker& w) {
      CHECK(w.index == 1);
      ran_on.set_value(std::this_thread::get_id());
    });
    std::thread::id where = ran_on.get_future().get();
    pool.request_stop();
    pool.join();
    CHECK(where == ids[1]);
  }

  TEST_CASE("SO_REUSEPORT listeners on every worker share one port") {
    reserved_port reserved;
    constexpr std::size_t workers = 2;
    constexpr int clients = 40;
    std::atomic<int> listening{0};
    std::vector<int> served(workers, 0);
    worker_pool pool(workers);
    pool.start([&](worker& w) { return serve_index(w, reserved.port, listening, served); });
    while (listening.load() < static_cast<int>(workers)) std::this_thread::yield();
    std::array<int, workers> answered{};
    for (int i = 0; i < clients; ++i) {
      int fd = skirmish::test::blocking_connect(reserved.port);
      REQUIRE(fd >= 0);
      std::array<std::byte, 1> b;
      REQUIRE(skirmish::test::blocking_recv(fd, b) == 1);
      auto index = static_cast<std::size_t>(static_cast<char>(b[0]) - '0');
      REQUIRE(index < workers);
      ++answered[index];
      ::close(fd);
    }
    pool.request_stop();
    pool.join();
    CHECK(answered[0] + answered[1] == clients);
    CHECK(served[0] == answered[0]);
    CHECK(served[1] == answered[1]);
    // note: the kernel hashes each connection to a listener; all 40 landing
    // on one of two has odds of about 1 in 10^12.
    CHECK(answered[0] > 0);
    CHECK(answered[1] > 0);
  }

  TEST_CASE("a connection handed to another worker keeps the bytes already read, then continues there") {
    struct shared {
      std::promise<std::uint16_t> port;
      std::thread::id accepted_on;
      std::thread::id echoed_on;
      std::size_t read_before_handoff = 0;
    } sh;
    const std::vector<std::byte> first = pattern(32 * 1024, 5);
    const std::vector<std::byte> second = pattern(20 * 1024, 9);
    worker_pool pool(2);
    // Worker 1 echoes what it is handed, then the rest of the stream, until EOF.
    auto echo_handed = [](tcp_stream s, std::vector<std::byte> already, shared& sh) -> task<> {
      sh.echoed_on = std::this_thread::get_id();
      if (!co_await s.write(already)) co_return;
      std::array<std::byte, 4096> buf;
      for (;;) {
        auto n = co_await s.read(buf);
        if (!n || *n == 0) co_return;
        if (!co_await s.write(std::span(buf).first(*n))) co_return;
      }
    };
    // Worker 0 accepts, reads a first piece (like an HTTP upgrade), and hands the connection on.
    auto accept_and_hand_off = [](worker& w, worker_pool& pool, shared& sh, decltype(echo_handed) echo) -> task<> {
      auto l = tcp_listener::bind(w.reactor, "127.0.0.1", 0, {.reuse_port = false});
      if (!l) co_return;
      sh.port.set_value(l->port());
      auto s = co_await l->accept();
      if (!s) co_return;
      sh.accepted_on = std::this_thread::get_id();
      std::vector<std::byte> already(8 * 1024);
      auto n = co_await s->read(already);
      if (!n) co_return;
      already.resize(*n);
      sh.read_before_handoff = *n;
      pool.post_connection(1, s->hand_off(std::move(already)),
                           [&sh, echo](worker& to, io_result<tcp_stream> s, std::vector<std::byte> bytes) {
                             if (!s) return;
                             to.executor.spawn(echo(std::move(*s), std::move(bytes), sh)).detach();
                           });
      co_await w.stopping.wait();
    };
    pool.start([&](worker& w) -> task<void> {
      if (w.index == 0) return accept_and_hand_off(w, pool, sh, echo_handed);
      return [](worker& w) -> task<> { co_await w.stopping.wait(); }(w);
    });
    std::uint16_t port = sh.port.get_future().get();
    int fd = skirmish::test::blocking_connect(port);
    REQUIRE(fd >= 0);
    REQUIRE(skirmish::test::blocking_send(fd, first));
    std::vector<std::byte> back(first.size());
    REQUIRE(skirmish::test::blocking_recv(fd, back) == first.size());
    CHECK(back == first);  // the handed bytes first, then the rest, in order
    REQUIRE(skirmish::test::blocking_send(fd, second));
    std::vector<std::byte> back2(second.size());
    REQUIRE(skirmish::test::blocking_recv(fd, back2) == second.size());
    CHECK(back2 == second);
    REQUIRE(::shutdown(fd, SHUT_WR) == 0);
    std::array<std::byte, 1> end;
    CHECK(skirmish::test::blocking_recv(fd, end) == 0);  // worker 1 closed after EOF
    ::close(fd);
    pool.request_stop();
    pool.join();
    CHECK(sh.read_before_handoff > 0);
    CHECK(sh.accepted_on != sh.echoed_on);
  }
}
