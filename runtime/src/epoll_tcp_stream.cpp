// tcp_stream: the non-blocking syscalls behind read, write and connect.
#include "skirmish/rt/epoll_tcp_stream.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "epoll_socket_address.hpp"

namespace skirmish::rt {

void tcp_handoff::reset() noexcept {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  bytes_.clear();
}

io_result<std::size_t> tcp_stream::recv_some::operator()() const noexcept {
  for (;;) {
    ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) return fail(io_error{errno});
  }
}

io_result<void> tcp_stream::send_all::operator()() noexcept {
  while (sent < data.size()) {
    // note: MSG_NOSIGNAL turns a write to a closed peer into EPIPE instead of SIGPIPE.
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n >= 0) {
      sent += static_cast<std::size_t>(n);
    } else if (errno != EINTR) {
      return fail(io_error{errno});
    }
  }
  return {};
}

io_result<void> tcp_stream::send_all_parts::operator()() noexcept {
  constexpr std::size_t max_iov = 64;
  for (;;) {
    while (part < parts.size() && offset == parts[part].size()) {
      ++part;
      offset = 0;
    }
    if (part == parts.size()) return {};
    iovec iov[max_iov];
    std::size_t count = 0;
    for (std::size_t i = part; i < parts.size() && count < max_iov; ++i) {
      std::size_t skip = i == part ? offset : 0;
      if (parts[i].size() == skip) continue;
      iov[count].iov_base = const_cast<std::byte*>(parts[i].data() + skip);
      iov[count].iov_len = parts[i].size() - skip;
      ++count;
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = count;
    ssize_t n = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(io_error{errno});
    }
    auto left = static_cast<std::size_t>(n);
    while (left > 0) {
      std::size_t avail = parts[part].size() - offset;
      if (left < avail) {
        offset += left;
        break;
      }
      left -= avail;
      ++part;
      offset = 0;
    }
  }
}

io_result<tcp_stream> tcp_stream::adopt(epoll_reactor& r, int fd) noexcept {
  auto fd_or = async_fd::adopt(r, fd);
  if (!fd_or) return fail(fd_or.error());
  return tcp_stream(std::move(*fd_or));
}

io_result<tcp_stream> tcp_stream::adopt_nonblocking(epoll_reactor& r, int fd) noexcept {
  auto fd_or = async_fd::adopt_nonblocking(r, fd);
  if (!fd_or) return fail(fd_or.error());
  return tcp_stream(std::move(*fd_or));
}

io_result<void> tcp_stream::shutdown_write() noexcept {
  if (::shutdown(fd(), SHUT_WR) < 0) return fail(io_error{errno});
  return {};
}

io_result<void> tcp_stream::set_nodelay(bool on) noexcept {
  int v = on ? 1 : 0;
  if (::setsockopt(fd(), IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) < 0) return fail(io_error{errno});
  return {};
}

task<io_result<tcp_stream>> tcp_stream::connect(epoll_reactor& r, std::string host, std::uint16_t port) {
  auto addr = detail::parse_address(host, port);
  if (!addr) co_return fail(addr.error());
  int fd = ::socket(addr->family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) co_return fail(io_error{errno});
  auto s = adopt_nonblocking(r, fd);
  if (!s) co_return fail(s.error());
  tcp_stream stream = std::move(*s);
  int rc;
  do {
    rc = ::connect(fd, addr->get(), addr->len);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0 && errno != EINPROGRESS) co_return fail(io_error{errno});
  if (rc < 0) {
    // note: while the handshake runs, SO_ERROR reads 0 just as it does after
    // success, so wait for the writability edge (or HUP/ERR on failure)
    // first, and confirm with getpeername in case the edge came early.
    for (;;) {
      stream.fd_.clear_writable();
      if (auto w = co_await stream.fd_.writable(); !w) co_return fail(w.error());
      int err = 0;
      socklen_t len = sizeof err;
      if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) co_return fail(io_error{errno});
      if (err != 0) co_return fail(io_error{err});
      sockaddr_storage peer{};
      socklen_t peer_len = sizeof peer;
      if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) == 0) break;
      if (errno != ENOTCONN) co_return fail(io_error{errno});
    }
  }
  if (auto nd = stream.set_nodelay(true); !nd) co_return fail(nd.error());
  co_return std::move(stream);
}

}  // namespace skirmish::rt
