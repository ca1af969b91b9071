// Parsing a numeric host and a port into a sockaddr, for tcp_stream::connect
// and tcp_listener::bind (private to the native driver).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <string_view>

#include "skirmish/rt/epoll_io_error.hpp"

namespace skirmish::rt::detail {

struct socket_address {
  sockaddr_storage storage{};
  socklen_t len = 0;

  int family() const noexcept { return storage.ss_family; }
  const sockaddr* get() const noexcept { return reinterpret_cast<const sockaddr*>(&storage); }
};

// "" and "0.0.0.0" (any IPv4), "localhost", dotted IPv4, or IPv6 ("::1", "::").
// note: numeric only, because name resolution would block the event loop.
inline io_result<socket_address> parse_address(std::string_view host, std::uint16_t port) noexcept {
  socket_address a;
  if (host.empty()) host = "0.0.0.0";
  if (host == "localhost") host = "127.0.0.1";
  if (host.size() >= 64) return fail(io_error{EINVAL});
  char text[64];
  host.copy(text, host.size());
  text[host.size()] = '\0';
  if (host.find(':') != std::string_view::npos) {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&a.storage);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    if (::inet_pton(AF_INET6, text, &v6->sin6_addr) != 1) return fail(io_error{EINVAL});
    a.len = sizeof(sockaddr_in6);
    return a;
  }
  auto* v4 = reinterpret_cast<sockaddr_in*>(&a.storage);
  v4->sin_family = AF_INET;
  v4->sin_port = htons(port);
  if (::inet_pton(AF_INET, text, &v4->sin_addr) != 1) return fail(io_error{EINVAL});
  a.len = sizeof(sockaddr_in);
  return a;
}

}  // namespace skirmish::rt::detail
