// Helpers shared by the native driver's tests: byte patterns, running an
// awaitable to completion, and blocking sockets for threads that play a client.
#pragma once

#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skirmish/rt/local_executor.hpp"

namespace skirmish::test {

// A recognisable byte sequence, so a reordered or dropped chunk shows.
inline std::vector<std::byte> pattern(std::size_t n, unsigned seed = 0) {
  std::vector<std::byte> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::byte>((i * 31 + seed + i / 251) % 251);
  return v;
}

inline std::span<const std::byte> bytes_of(std::string_view s) { return std::as_bytes(std::span(s)); }

inline std::string text_of(std::span<const std::byte> b) {
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

// Runs `a` on `ex` until it finishes and gives its value; the run must not stall.
template <class A>
auto run(rt::local_executor& ex, A&& a) {
  auto r = ex.run_until(std::forward<A>(a));
  REQUIRE(r.ok());
  return std::move(r).value();
}

// A blocking client socket connected to 127.0.0.1:port, or -1.
inline int blocking_connect(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline bool blocking_send(int fd, std::span<const std::byte> data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data = data.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads exactly out.size() bytes unless EOF or an error comes first; gives the count read.
inline std::size_t blocking_recv(int fd, std::span<std::byte> out) {
  std::size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::recv(fd, out.data() + got, out.size() - got, 0);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

}  // namespace skirmish::test
