#include <doctest/doctest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../runtime/tcp_test_util.hpp"
#include "skirmish/rt/yield_now.hpp"
#include "skirmish/rt/zip.hpp"
#include "skirmish/ws/connection.hpp"
#include "skirmish/ws/upgrade_request.hpp"

using namespace skirmish;
using namespace skirmish::ws;
using namespace std::chrono_literals;
using skirmish::test::blocking_connect;
using skirmish::test::blocking_recv;
using skirmish::test::blocking_send;
using skirmish::test::listen_local;
using skirmish::test::pattern;
using skirmish::test::run;

namespace {

std::span<const std::byte> b(std::string_view s) { return std::as_bytes(std::span(s)); }
std::string s(std::span<const std::byte> b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

client_options local(std::uint16_t port) { return {.host = "127.0.0.1:" + std::to_string(port)}; }

// Runs `session` on an accepted socket as a WebSocket server connection.
template <class Session>
rt::task<close_status> serve_stream(rt::tcp_stream s, server_options o, Session session) {
  auto up = co_await read_upgrade(std::move(s), o);
  REQUIRE(up.ok());
  REQUIRE(up->request().websocket);
  connection c(role::server, o);
  auto accepted = co_await c.accept(std::move(*up));
  REQUIRE(accepted.ok());
  co_return co_await c.run(session(c));
}

// Accepts one socket and serves it.
template <class Session>
rt::task<close_status> serve_one(rt::tcp_listener& l, server_options o, Session session) {
  auto s = co_await l.accept();
  REQUIRE(s.ok());
  co_return co_await serve_stream(std::move(*s), o, session);
}

rt::task<void> echo(connection& c) {
  while (auto m = co_await c.receive()) (void)c.send(m->op, m->payload);
}

// A raw client that completes the handshake by hand and then does only
// what a test tells it; gives the blocking socket.
int raw_ws_client(std::uint16_t port) {
  int fd = blocking_connect(port);
  REQUIRE(fd >= 0);
  std::string req =
      "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  REQUIRE(blocking_send(fd, b(req)));
  return fd;
}

// Reads the 101 response head (up to its blank line) off a blocking socket.
std::string read_head(int fd) {
  std::string head;
  char ch;
  while (head.find("\r\n\r\n") == std::string::npos && ::recv(fd, &ch, 1, 0) == 1) head += ch;
  return head;
}

}  // namespace

TEST_SUITE("connection") {
  TEST_CASE("client and server exchange text and binary messages, then close cleanly with the code on both sides") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    auto server = ex.spawn(serve_one(l, {}, echo));

    connection c(role::client);
    REQUIRE(run(ex, c.connect(r, "127.0.0.1", l.port(), local(l.port()))).ok());
    std::vector<std::string> got;
    auto session = [&](connection& c) -> rt::task<void> {
      for (std::size_t n : {0, 1, 125, 126, 65535, 65536, 300000}) {
        auto p = pattern(n, static_cast<unsigned>(n));
        REQUIRE(c.send_binary(p).ok());
        auto m = co_await c.receive();
        REQUIRE(m);
        CHECK(m->op == opcode::binary);
        CHECK((std::vector<std::byte>(m->payload.begin(), m->payload.end()) == p));
      }
      REQUIRE(c.send_text("hello").ok());
      REQUIRE(c.send_text("world").ok());
      for (int i = 0; i < 2; ++i) {
        auto m = co_await c.receive();
        REQUIRE(m);
        got.emplace_back(m->text());
      }
      close_status st = co_await c.close(close_code{4000}, "done here");
      CHECK(st.received == close_code{4000});
    };
    close_status mine = run(ex, c.run(session(c)));
    close_status theirs = run(ex, std::move(server));
    CHECK(got == std::vector<std::string>{"hello", "world"});
    CHECK(mine.clean);
    CHECK(mine.we_initiated);
    CHECK(mine.sent == close_code{4000});
    CHECK(theirs.clean);
    CHECK_FALSE(theirs.we_initiated);
    CHECK(theirs.received == close_code{4000});
    CHECK(theirs.reason == "done here");
    CHECK(theirs.sent == close_code{4000});
  }

  TEST_CASE("a session that returns starts a close with 1000; the peer's pings are answered meanwhile") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    auto server = ex.spawn(serve_one(l, {}, [](connection& c) -> rt::task<void> {
      auto m = co_await c.receive();
      CHECK(m);
    }));
    connection c(role::client);
    REQUIRE(run(ex, c.connect(r, "127.0.0.1", l.port(), local(l.port()))).ok());
    auto session = [](connection& c) -> rt::task<void> {
      (void)c.ping(b("p1"));
      (void)c.ping(b("p2"));
      (void)c.send_text("one");
      CHECK_FALSE(co_await c.receive());  // the server's close ends the stream
    };
    close_status mine = run(ex, c.run(session(c)));
    close_status theirs = run(ex, std::move(server));
    CHECK(mine.received == close_code::normal);
    CHECK(mine.clean);
    CHECK(c.pongs_received() == 2);
    CHECK(theirs.we_initiated);
    CHECK(theirs.clean);
  }

  TEST_CASE("one shared message goes to several connections from one block") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    constexpr int clients = 3;
    std::vector<connection*> servers;
    rt::event all_in;
    auto server_side = [&](connection& c) -> rt::task<void> {
      servers.push_back(&c);
      if (servers.size() == clients) all_in.set();
      co_await c.receive();  // until the client closes
    };
    std::vector<rt::join_handle<close_status>> accepted;
    auto accept_all = [&]() -> rt::task<void> {
      for (int i = 0; i < clients; ++i) {
        auto s = co_await l.accept();
        REQUIRE(s.ok());
        accepted.push_back(ex.spawn(serve_stream(std::move(*s), {}, server_side)));
      }
    };
    auto acceptor = ex.spawn(accept_all());

    std::array<connection, clients> cs{connection(role::client), connection(role::client), connection(role::client)};
    for (auto& c : cs) REQUIRE(run(ex, c.connect(r, "127.0.0.1", l.port(), local(l.port()))).ok());
    auto m = shared_message::text(std::string(100000, 'z'));
    REQUIRE(m);
    auto broadcast = [&]() -> rt::task<std::uint32_t> {
      co_await all_in.wait();
      for (connection* s : servers) REQUIRE(s->send(*m).ok());
      co_return m->use_count();  // queued, not yet written: each queue holds a reference
    };
    auto receiver = [](connection& c) -> rt::task<void> {
      auto got = co_await c.receive();
      REQUIRE(got);
      CHECK(got->text() == std::string(100000, 'z'));
    };
    auto [count, a, b2, c2] = run(ex, rt::zip(broadcast(), cs[0].run(receiver(cs[0])), cs[1].run(receiver(cs[1])),
                                               cs[2].run(receiver(cs[2]))));
    CHECK(count == 1 + clients);
    for (auto& h : accepted) CHECK(run(ex, std::move(h)).clean);
    CHECK(m->use_count() == 1);  // every queue let go of it
  }

  TEST_CASE("a slow consumer is dropped at the watermark with 1008, and its backlog is freed") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    server_options o;
    o.max_outbound_bytes = 256 * 1024;
    o.close_timeout = 200ms;
    std::optional<send_error> refused;
    std::size_t queued_after_drop = 0;
    std::size_t sent_ok = 0;
    auto flood = [&](connection& c) -> rt::task<void> {
      auto chunk = pattern(32 * 1024, 3);
      for (;;) {
        auto sent = c.send_binary(chunk);
        if (!sent) {
          refused = sent.error();
          queued_after_drop = c.outbound_bytes();
          break;
        }
        ++sent_ok;
        co_await rt::yield_now();  // let the writer drain what the socket takes
      }
    };
    auto server = ex.spawn(serve_one(l, o, flood));
    int fd = raw_ws_client(l.port());
    skirmish::test::set_buffer(fd, SO_RCVBUF, 4096);  // and never read: a slow consumer
    close_status st = run(ex, std::move(server));
    ::close(fd);
    REQUIRE(refused);
    CHECK(*refused == send_error::slow_consumer);
    CHECK(sent_ok >= 8);  // the watermark, not the socket, refused
    CHECK(queued_after_drop <= 32 * 1024 + 64);  // at most the frame under way and the close
    CHECK(st.sent == close_code::policy_violation);
    CHECK(st.problem == "slow consumer");
    CHECK_FALSE(st.peer_fault);
  }

  TEST_CASE("a socket that never sends its request head is closed at the handshake timeout") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    server_options o;
    o.handshake_timeout = 50ms;
    int fd = blocking_connect(l.port());
    REQUIRE(fd >= 0);
    REQUIRE(blocking_send(fd, b("GET / HTTP/1.1\r\nHost: x\r\n")));  // half a head, then silence
    auto task = [&]() -> rt::task<rt::result<upgrade_request, upgrade_error>> {
      auto s = co_await l.accept();
      REQUIRE(s.ok());
      co_return co_await read_upgrade(std::move(*s), o);
    };
    auto up = run(ex, task());
    REQUIRE_FALSE(up.ok());
    CHECK(up.error().failure == upgrade_failure::timed_out);
    std::array<std::byte, 16> sink;
    CHECK(blocking_recv(fd, sink) == 0);  // closed without a word
    ::close(fd);
  }

  TEST_CASE("a malformed head is answered with its HTTP error, and a plain GET is handed to the caller") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    auto one = [&]() -> rt::task<rt::result<upgrade_request, upgrade_error>> {
      auto s = co_await l.accept();
      REQUIRE(s.ok());
      co_return co_await read_upgrade(std::move(*s), server_options{});
    };
    int bad = blocking_connect(l.port());
    REQUIRE(blocking_send(bad, b("POST / HTTP/1.1\r\nHost: x\r\n\r\n")));
    ::shutdown(bad, SHUT_WR);
    auto refused = run(ex, one());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().failure == upgrade_failure::bad_request);
    CHECK(refused.error().http.status == 405);
    std::array<std::byte, 512> buf;
    std::size_t n = blocking_recv(bad, buf);
    CHECK(s(std::span(buf).first(n)).starts_with("HTTP/1.1 405 "));
    ::close(bad);

    int plain = blocking_connect(l.port());
    REQUIRE(blocking_send(plain, b("GET /index.html?x=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /next")));
    auto got = run(ex, one());
    REQUIRE(got.ok());
    CHECK_FALSE(got->request().websocket);
    CHECK(got->request().path == "/index.html");
    CHECK(s(got->leftover()) == "GET /next");  // the next pipelined request, for the handler
    ::close(plain);
  }

  TEST_CASE("a request head handed to another reactor is read again there with its bytes") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    int fd = raw_ws_client(l.port());
    auto first = [&]() -> rt::task<rt::tcp_handoff> {
      auto s = co_await l.accept();
      REQUIRE(s.ok());
      auto up = co_await read_upgrade(std::move(*s), server_options{});
      REQUIRE(up.ok());
      co_return up->hand_off();
    };
    rt::tcp_handoff h = run(ex, first());
    REQUIRE(h.valid());
    // The other worker, here a second reactor on this thread.
    rt::epoll_reactor r2;
    rt::local_executor ex2(r2);
    auto stream = rt::tcp_stream::adopt(r2, h.release_fd());
    REQUIRE(stream.ok());
    auto second = [&]() -> rt::task<close_status> {
      auto up = co_await read_upgrade(std::move(*stream), server_options{}, std::move(h.bytes()));
      REQUIRE(up.ok());
      REQUIRE(up->request().websocket);
      connection c(role::server);
      auto accepted = co_await c.accept(std::move(*up));
  REQUIRE(accepted.ok());
      co_return co_await c.run([](connection& c) -> rt::task<void> { co_await c.close(close_code::going_away); }(c));
    };
    auto done = ex2.spawn(second());
    ex2.run_until_idle();
    CHECK(read_head(fd).starts_with("HTTP/1.1 101 "));
    std::array<std::byte, 4> close_frame;
    REQUIRE(blocking_recv(fd, close_frame) == 4);
    CHECK(static_cast<unsigned>(close_frame[0]) == 0x88);
    CHECK((static_cast<unsigned>(close_frame[2]) << 8 | static_cast<unsigned>(close_frame[3])) == 1001);
    // Echo the close, masked, and end our side once the server's FIN came.
    std::array<std::byte, 8> reply{std::byte{0x88}, std::byte{0x82}, {}, {}, {}, {}, close_frame[2], close_frame[3]};
    REQUIRE(blocking_send(fd, reply));
    ::shutdown(fd, SHUT_WR);
    std::array<std::byte, 8> sink;
    close_status st = run(ex2, std::move(done));
    CHECK(blocking_recv(fd, sink) == 0);
    ::close(fd);
    CHECK(st.clean);
    CHECK(st.sent == close_code::going_away);
  }

  TEST_CASE("an upgraded connection handed over after a message goes on on another reactor with the bytes after it") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    int fd = raw_ws_client(l.port());
    // Two masked binary messages (a zero mask) in one write, so the second
    // is usually read along with the first and must travel with the socket.
    auto frame = [](std::string_view p) {
      std::vector<std::byte> f{std::byte{0x82}, std::byte(0x80 | p.size()), {}, {}, {}, {}};
      for (char ch : p) f.push_back(std::byte(ch));
      return f;
    };
    std::vector<std::byte> two = frame("one");
    for (std::byte x : frame("two")) two.push_back(x);
    REQUIRE(blocking_send(fd, two));
    auto first = [&]() -> rt::task<rt::tcp_handoff> {
      auto sock = co_await l.accept();
      REQUIRE(sock.ok());
      auto up = co_await read_upgrade(std::move(*sock), server_options{});
      REQUIRE(up.ok());
      connection c(role::server);
      REQUIRE((co_await c.accept(std::move(*up))).ok());
      auto m = co_await c.receive();
      REQUIRE(m);
      CHECK(s(m->payload) == "one");
      co_return c.hand_off();
    };
    rt::tcp_handoff h = run(ex, first());
    REQUIRE(h.valid());
    rt::epoll_reactor r2;
    rt::local_executor ex2(r2);
    auto stream = rt::tcp_stream::adopt(r2, h.release_fd());
    REQUIRE(stream.ok());
    auto second = [&]() -> rt::task<close_status> {
      connection c(role::server);
      c.adopt(std::move(*stream), h.bytes());
      co_return co_await c.run([](connection& c) -> rt::task<void> {
        auto m = co_await c.receive();
        REQUIRE(m);
        (void)c.send(m->op, m->payload);
        co_await c.close(close_code::going_away);
      }(c));
    };
    auto done = ex2.spawn(second());
    ex2.run_until_idle();
    CHECK(read_head(fd).starts_with("HTTP/1.1 101 "));
    std::array<std::byte, 5> echoed;
    REQUIRE(blocking_recv(fd, echoed) == 5);
    CHECK(static_cast<unsigned>(echoed[0]) == 0x82);
    CHECK(static_cast<unsigned>(echoed[1]) == 3);
    CHECK(s(std::span(echoed).subspan(2)) == "two");
    std::array<std::byte, 4> close_frame;
    REQUIRE(blocking_recv(fd, close_frame) == 4);
    CHECK(static_cast<unsigned>(close_frame[0]) == 0x88);
    std::array<std::byte, 8> reply{std::byte{0x88}, std::byte{0x82}, {}, {}, {}, {}, close_frame[2], close_frame[3]};
    REQUIRE(blocking_send(fd, reply));
    ::shutdown(fd, SHUT_WR);
    close_status st = run(ex2, std::move(done));
    std::array<std::byte, 8> sink;
    CHECK(blocking_recv(fd, sink) == 0);
    ::close(fd);
    CHECK(st.clean);
  }

  TEST_CASE("a peer that sends nothing is pinged, then closed with 1001 when no pong comes") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    server_options o;
    o.idle_timeout = 20ms;
    o.close_timeout = 100ms;
    auto server = ex.spawn(serve_one(l, o, echo));
    int fd = raw_ws_client(l.port());
    close_status st = run(ex, std::move(server));
    CHECK(st.problem == "idle timeout");
    CHECK_FALSE(st.peer_fault);
    CHECK(st.sent == close_code::going_away);
    CHECK(read_head(fd).starts_with("HTTP/1.1 101 "));
    std::array<std::byte, 2> ping;
    REQUIRE(blocking_recv(fd, ping) == 2);
    CHECK(static_cast<unsigned>(ping[0]) == 0x89);  // the ping came before the close
    ::close(fd);
  }

  TEST_CASE("a protocol error closes with 1002 and the reason is kept") {
    rt::epoll_reactor r;
    rt::local_executor ex(r);
    rt::tcp_listener l = listen_local(r);
    server_options o;
    o.close_timeout = 100ms;
    auto server = ex.spawn(serve_one(l, o, echo));
    int fd = raw_ws_client(l.port());
    std::array<std::byte, 3> unmasked{std::byte{0x81}, std::byte{0x01}, std::byte{'x'}};
    REQUIRE(blocking_send(fd, unmasked));
    ::shutdown(fd, SHUT_WR);
    close_status st = run(ex, std::move(server));
    CHECK(st.sent == close_code::protocol_error);
    CHECK(st.problem == "unmasked frame from a client");
    CHECK(st.peer_fault);  // the application may tell a faulty peer from a vanished one
    CHECK_FALSE(st.clean);
    CHECK(read_head(fd).starts_with("HTTP/1.1 101 "));
    std::array<std::byte, 4> close_frame;
    REQUIRE(blocking_recv(fd, close_frame) == 4);
    CHECK((static_cast<unsigned>(close_frame[2]) << 8 | static_cast<unsigned>(close_frame[3])) == 1002);
    ::close(fd);
  }
}
