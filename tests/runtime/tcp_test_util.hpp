// Helpers shared by the TCP tests: a listener on 127.0.0.1 port 0, a
// connected client, an echo server for one connection, and reading n bytes.
#pragma once

#include <doctest/doctest.h>

#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "epoll_test_util.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_tcp_listener.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/local_executor.hpp"

namespace skirmish::test {


inline rt::tcp_listener listen_local(rt::epoll_reactor& r) {
  auto l = rt::tcp_listener::bind(r, "127.0.0.1", 0);
  REQUIRE(l.ok());
  REQUIRE(l->port() != 0);
  return std::move(*l);
}

inline rt::tcp_stream connect_local(rt::local_executor& ex, rt::epoll_reactor& r, std::uint16_t port) {
  auto s = run(ex, rt::tcp_stream::connect(r, "127.0.0.1", port));
  REQUIRE(s.ok());
  return std::move(*s);
}

// Accepts one connection and echoes it until EOF; gives the bytes echoed.
inline rt::task<rt::io_result<std::size_t>> echo_one(rt::tcp_listener& l) {
  auto s = co_await l.accept();
  if (!s) co_return rt::fail(s.error());
  std::array<std::byte, 4096> buf;
  std::size_t total = 0;
  for (;;) {
    auto n = co_await s->read(buf);
    if (!n) co_return rt::fail(n.error());
    if (*n == 0) co_return total;
    auto w = co_await s->write(std::span(buf).first(*n));
    if (!w) co_return rt::fail(w.error());
    total += *n;
  }
}

// Reads until `want` bytes arrived or EOF; gives what came.
inline rt::task<rt::io_result<std::vector<std::byte>>> read_n(rt::tcp_stream& s, std::size_t want, std::size_t chunk = 4096) {
  std::vector<std::byte> out;
  std::vector<std::byte> buf(chunk);
  while (out.size() < want) {
    auto n = co_await s.read(buf);
    if (!n) co_return rt::fail(n.error());
    if (*n == 0) break;
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n));
  }
  co_return out;
}

inline void set_buffer(int fd, int option, int bytes) { REQUIRE(::setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof bytes) == 0); }

}  // namespace skirmish::test
