#include <doctest/doctest.h>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "tcp_test_util.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/rt/yield_now.hpp"
#include "skirmish/rt/zip.hpp"

using namespace skirmish::rt;
using namespace std::chrono_literals;
using skirmish::test::connect_local;
using skirmish::test::echo_one;
using skirmish::test::listen_local;
using skirmish::test::read_n;
using skirmish::test::run;
using skirmish::test::text_of;
using skirmish::test::pattern;
using skirmish::test::set_buffer;

TEST_SUITE("tcp_stream") {
  TEST_CASE("echo round trip, then an orderly EOF on both sides") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    auto server = ex.spawn(echo_one(l));
    tcp_stream c = connect_local(ex, r, l.port());
    REQUIRE(run(ex, c.write("hello, skirmish")).ok());
    auto back = run(ex, read_n(c, 15));
    REQUIRE(back.ok());
    CHECK(text_of(*back) == "hello, skirmish");
    REQUIRE(c.shutdown_write().ok());
    auto echoed = run(ex, std::move(server));
    REQUIRE(echoed.ok());
    CHECK(*echoed == 15);
    std::array<std::byte, 16> buf;
    auto eof = run(ex, c.read(buf));  // the server's stream closed with its task
    REQUIRE(eof.ok());
    CHECK(*eof == 0);
  }

  TEST_CASE("one task reads while another writes on the same stream") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    auto server = ex.spawn(echo_one(l));
    tcp_stream c = connect_local(ex, r, l.port());
    constexpr std::size_t messages = 2000;
    auto writer = [](tcp_stream& c) -> task<io_result<void>> {
      for (std::size_t i = 0; i < messages; ++i) {
        std::string m = "message " + std::to_string(i) + ";";
        if (auto w = co_await c.write(m); !w) co_return w;
        if (i % 100 == 0) co_await yield_now();
      }
      co_return c.shutdown_write();
    };
    std::string expected;
    for (std::size_t i = 0; i < messages; ++i) expected += "message " + std::to_string(i) + ";";
    auto [w, got] = run(ex, zip(writer(c), read_n(c, expected.size() + 1, 1000)));
    REQUIRE(w.ok());
    REQUIRE(got.ok());
    CHECK(text_of(*got) == expected);  // read_n stopped at EOF
    CHECK(run(ex, std::move(server)).ok());
  }

  TEST_CASE("closing a stream from one task wakes the task reading it with ECANCELED") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, l.accept());
    REQUIRE(s.ok());
    auto reader = ex.spawn(read_n(*s, 1));
    auto closer = ex.spawn([](tcp_stream& s) -> task<> {
      co_await yield_now();
      s.close();  // say, the write half giving up on a dead peer
    }(*s));
    auto got = run(ex, std::move(reader));
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().code == ECANCELED);
    run(ex, std::move(closer));
    std::array<std::byte, 4> buf;
    auto eof = run(ex, c.read(buf));  // the peer sees the close
    REQUIRE(eof.ok());
    CHECK(*eof == 0);
  }

  TEST_CASE("a read abandoned by timeout leaves the stream usable") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, l.accept());
    REQUIRE(s.ok());
    std::array<std::byte, 16> buf;
    auto timed = run(ex, timeout(10ms, s->read(buf)));
    CHECK_FALSE(timed.ok());
    CHECK_FALSE(s->io().waiting(io_direction::read));
    REQUIRE(run(ex, c.write("late")).ok());
    auto late = run(ex, read_n(*s, 4));
    REQUIRE(late.ok());
    CHECK(text_of(*late) == "late");
  }

  TEST_CASE("a 1 MiB write against a slow reader goes out in pieces, intact") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, l.accept());
    REQUIRE(s.ok());
    // note: small buffers on both ends, so the kernel holds far less than
    // 1 MiB and the write must wait for the reader many times.
    set_buffer(s->fd(), SO_SNDBUF, 16 * 1024);
    set_buffer(c.fd(), SO_RCVBUF, 16 * 1024);
    const std::vector<std::byte> data = pattern(1 << 20);
    std::size_t read_so_far = 0;
    std::size_t read_when_write_done = 0;
    auto writer = [](tcp_stream& s, const std::vector<std::byte>& data, std::size_t& progress,
                     std::size_t& at_done) -> task<io_result<void>> {
      auto w = co_await s.write(data);
      at_done = progress;
      co_return w;
    };
    auto slow_reader = [](tcp_stream& c, std::size_t want, std::size_t& progress) -> task<io_result<std::vector<std::byte>>> {
      std::vector<std::byte> out;
      std::array<std::byte, 4096> buf;
      while (out.size() < want) {
        co_await sleep_for(100us);
        auto n = co_await c.read(buf);
        if (!n) co_return fail(n.error());
        if (*n == 0) break;
        out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n));
        progress = out.size();
      }
      co_return out;
    };
    auto [w, got] = run(ex, zip(writer(*s, data, read_so_far, read_when_write_done), slow_reader(c, data.size(), read_so_far)));
    REQUIRE(w.ok());
    REQUIRE(got.ok());
    CHECK(*got == data);
    CHECK(read_when_write_done > data.size() / 2);  // the write could only finish as the reader drained
  }

  TEST_CASE("a vectored write sends every part in order, across partial writes") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, l.accept());
    REQUIRE(s.ok());
    set_buffer(s->fd(), SO_SNDBUF, 16 * 1024);
    const auto head = pattern(10, 1);
    const std::vector<std::byte> empty;
    const auto body = pattern(300 * 1024, 2);
    const auto tail = pattern(7, 3);
    const std::array<std::span<const std::byte>, 4> parts{head, empty, body, tail};
    std::vector<std::byte> expected;
    for (auto p : parts) expected.insert(expected.end(), p.begin(), p.end());
    auto [w, got] = run(ex, zip(s->write_all(parts), read_n(c, expected.size())));
    REQUIRE(w.ok());
    REQUIRE(got.ok());
    CHECK(*got == expected);
  }

  TEST_CASE("a peer reset mid-stream is ECONNRESET as a value") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, l.accept());
    REQUIRE(s.ok());
    REQUIRE(run(ex, c.write("abc")).ok());
    auto first = run(ex, read_n(*s, 3));
    REQUIRE(first.ok());
    CHECK(text_of(*first) == "abc");
    // The server waits for more; the client aborts: SO_LINGER 0 makes close send RST.
    auto waiting = ex.spawn(read_n(*s, 1));
    ex.run_until_idle();
    linger hard{1, 0};
    REQUIRE(::setsockopt(c.fd(), SOL_SOCKET, SO_LINGER, &hard, sizeof hard) == 0);
    c.close();
    auto reset = run(ex, std::move(waiting));
    REQUIRE_FALSE(reset.ok());
    CHECK(reset.error().code == ECONNRESET);
    auto write_after = run(ex, s->write("still there?"));
    REQUIRE_FALSE(write_after.ok());
    CHECK(write_after.error().code == EPIPE);
  }

  TEST_CASE("writing to a peer that closed is EPIPE as a value, and SIGPIPE never fires") {
    // note: the default action of SIGPIPE kills the process; leave it in place
    // to prove that MSG_NOSIGNAL, not a handler, keeps it from firing.
    ::signal(SIGPIPE, SIG_DFL);
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    {
      auto s = run(ex, l.accept());
      REQUIRE(s.ok());
    }  // the server closes at once
    auto until_error = [](tcp_stream& c) -> task<io_error> {
      const auto chunk = pattern(1024);
      for (;;) {
        if (auto w = co_await c.write(chunk); !w) co_return w.error();
        co_await sleep_for(1ms);  // lets the peer's RST arrive
      }
    };
    io_error first = run(ex, until_error(c));
    CHECK((first.code == EPIPE || first.code == ECONNRESET));
    auto again = run(ex, c.write("more"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == EPIPE);
    CHECK(std::string(again.error().name()) == "EPIPE");
  }

  TEST_CASE("after the peer's shutdown(write) reads give EOF and this side can still write") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, l.accept());
    REQUIRE(s.ok());
    REQUIRE(run(ex, c.write("last words")).ok());
    REQUIRE(c.shutdown_write().ok());
    auto all = run(ex, read_n(*s, 1000));  // stops at EOF
    REQUIRE(all.ok());
    CHECK(text_of(*all) == "last words");
    std::array<std::byte, 8> buf;
    auto eof_again = run(ex, s->read(buf));
    REQUIRE(eof_again.ok());
    CHECK(*eof_again == 0);
    REQUIRE(run(ex, s->write("bye")).ok());
    auto bye = run(ex, read_n(c, 3));
    REQUIRE(bye.ok());
    CHECK(text_of(*bye) == "bye");
  }

  TEST_CASE("connecting to a port nobody listens on is ECONNREFUSED as a value") {
    epoll_reactor r;
    local_executor ex(r);
    // A socket bound to a port but not listening: the port is ours and refuses.
    int holder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(holder >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(holder, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    REQUIRE(::getsockname(holder, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    auto s = run(ex, tcp_stream::connect(r, "127.0.0.1", ntohs(a.sin_port)));
    ::close(holder);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ECONNREFUSED);
    CHECK(r.registered() == 0);  // the failed socket was closed and deregistered
  }

  TEST_CASE("IPv6 loopback works when the machine has it") {
    epoll_reactor r;
    local_executor ex(r);
    auto l = tcp_listener::bind(r, "::1", 0);
    if (!l) {
      MESSAGE("no IPv6 loopback here: " << l.error().message());
      return;
    }
    auto server = ex.spawn(echo_one(*l));
    auto c = run(ex, tcp_stream::connect(r, "::1", l->port()));
    REQUIRE(c.ok());
    REQUIRE(run(ex, c->write("v6")).ok());
    auto back = run(ex, read_n(*c, 2));
    REQUIRE(back.ok());
    CHECK(text_of(*back) == "v6");
  }

  TEST_CASE("a stream handed off and adopted again keeps its bytes and its connection") {
    epoll_reactor r;
    local_executor ex(r);
    tcp_listener l = listen_local(r);
    tcp_stream c = connect_local(ex, r, l.port());
    auto s = run(ex, l.accept());
    REQUIRE(s.ok());
    REQUIRE(run(ex, c.write("GET /room/7")).ok());
    auto head = run(ex, read_n(*s, 4, 4));
    REQUIRE(head.ok());
    tcp_handoff h = s->hand_off(*head);
    CHECK_FALSE(s->is_open());
    CHECK(h.valid());
    auto again = tcp_stream::adopt(r, h.release_fd());
    REQUIRE(again.ok());
    CHECK(text_of(h.bytes()) == "GET ");
    auto rest = run(ex, read_n(*again, 7));
    REQUIRE(rest.ok());
    CHECK(text_of(*rest) == "/room/7");
  }
}
