#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <vector>

#include "tcp_test_util.hpp"
#include "skirmish/rt/sleep.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;
using skirmish::test::connect_local;
using skirmish::test::echo_one;
using skirmish::test::listen_local;
using skirmish::test::read_n;
using skirmish::test::run;
using skirmish::test::text_of;

TEST_SUITE("tcp_listener") {
  TEST_CASE("an address that is not numeric is EINVAL, not a blocking DNS lookup") {
    epoll_reactor r;
    local_executor ex(r);
    auto s = run(ex, tcp_stream::connect(r, "example.invalid", 80));
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == EINVAL);
    auto l = tcp_listener::bind(r, "300.1.2.3", 0);
    REQUIRE_FALSE(l.ok());
    CHECK(l.error().code == EINVAL);
  }

  TEST_CASE("two listeners share a port through SO_REUSEPORT and every connection is accepted once") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener a = listen_local(r);
    auto b_or = tcp_listener::bind(r, "127.0.0.1", a.port());
    REQUIRE(b_or.ok());
    tcp_listener b = std::move(*b_or);
    CHECK(b.port() == a.port());
    auto without = tcp_listener::bind(r, "127.0.0.1", a.port(), {.reuse_port = false});
    REQUIRE_FALSE(without.ok());
    CHECK(without.error().code == EADDRINUSE);
    constexpr int clients = 20;
    int accepted = 0;
    auto acceptor = [](tcp_listener& l, int& accepted) -> task<> {
      std::vector<tcp_stream> keep;
      for (;;) {
        auto s = co_await l.accept();
        if (!s) co_return;
        keep.push_back(std::move(*s));
        ++accepted;
      }
    };
    auto ha = ex.spawn(acceptor(a, accepted));
    auto hb = ex.spawn(acceptor(b, accepted));
    std::vector<tcp_stream> conns;
    for (int i = 0; i < clients; ++i) conns.push_back(connect_local(ex, r, a.port()));
    run(ex, [](int& accepted) -> task<> {
      while (accepted < clients) co_await sleep_for(1ms);
    }(accepted));
    CHECK(accepted == clients);
    a.close();  // wakes its acceptor with ECANCELED
    b.close();
    run(ex, std::move(ha));
    run(ex, std::move(hb));
  }

  TEST_CASE("out of fds accept reports EMFILE and sheds the pending connection without spinning") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    constexpr int pending = 3;
    std::vector<int> clients;
    for (int i = 0; i < pending; ++i) {
      int fd = skirmish::test::blocking_connect(l.port());  // completes in the backlog, unaccepted
      REQUIRE(fd >= 0);
      clients.push_back(fd);
    }
    rlimit saved{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit low = saved;
    low.rlim_cur = 256;
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
    std::vector<int> fillers;
    for (;;) {  // take every fd that is left
      int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (fd < 0) break;
      fillers.push_back(fd);
    }
    // note: no doctest assertion until the fds are back: doctest's reporting
    // and UBSan's vptr check both need a free fd and misbehave without one.
    std::vector<io_error> errors;
    bool all_ran = true;
    for (int i = 0; i < pending; ++i) {
      auto s = ex.run_until(l.accept());
      if (!s.ok()) all_ran = false;
      else if (!s->ok()) errors.push_back(s->error());
    }
    // Nothing is pending any more, so accept waits rather than spin on EMFILE.
    auto next = ex.spawn(l.accept());
    ex.run_until_idle();
    bool polled = r.wait(r.now());
    ex.run_until_idle();
    bool still_waiting = l.io().waiting(io_direction::read) && !next.is_finished();
    for (int fd : fillers) ::close(fd);
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
    CHECK(all_ran);
    CHECK(polled);
    CHECK(still_waiting);
    REQUIRE(errors.size() == static_cast<std::size_t>(pending));
    for (const io_error& e : errors) CHECK(e.code == EMFILE);
    for (int fd : clients) {  // each shed client sees its connection closed
      std::array<std::byte, 8> buf;
      ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
      CHECK((n == 0 || (n < 0 && errno == ECONNRESET)));
      ::close(fd);
    }
    // With fds back, the waiting accept takes the next connection.
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, std::move(next));
    REQUIRE(s.ok());
    REQUIRE(run(ex, c.write("ok")).ok());
    auto back = run(ex, read_n(*s, 2));
    REQUIRE(back.ok());
    CHECK(text_of(*back) == "ok");
  }
}
