// tcp_listener: socket, bind and listen with SO_REUSEPORT, and accept4 with
// a spare fd so that running out of fds sheds connections instead of spinning.
#include "skirmish/rt/epoll_tcp_listener.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "epoll_socket_address.hpp"

namespace skirmish::rt {

namespace {
int open_spare() noexcept { return ::open("/dev/null", O_RDONLY | O_CLOEXEC); }
}  // namespace

tcp_listener::tcp_listener(tcp_listener&& other) noexcept
    : fd_(std::move(other.fd_)),
      spare_fd_(std::exchange(other.spare_fd_, -1)),
      port_(other.port_),
      nodelay_(other.nodelay_) {
  expect(!fd_.waiting(io_direction::read), "moving a tcp_listener while a task waits in accept");
}

tcp_listener& tcp_listener::operator=(tcp_listener&& other) noexcept {
  if (this != &other) {
    expect(!other.fd_.waiting(io_direction::read), "moving a tcp_listener while a task waits in accept");
    close();
    fd_ = std::move(other.fd_);
    spare_fd_ = std::exchange(other.spare_fd_, -1);
    port_ = other.port_;
    nodelay_ = other.nodelay_;
  }
  return *this;
}

tcp_listener::~tcp_listener() { close(); }

void tcp_listener::close() noexcept {
  fd_.close();
  if (spare_fd_ >= 0) ::close(std::exchange(spare_fd_, -1));
}

io_result<tcp_listener> tcp_listener::bind(epoll_reactor& r, std::string_view host, std::uint16_t port,
                                           listen_options options) noexcept {
  auto addr = detail::parse_address(host, port);
  if (!addr) return fail(addr.error());
  int fd = ::socket(addr->family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(io_error{errno});
  auto fail_closing = [fd](int e) {
    ::close(fd);
    return fail(io_error{e});
  };
  int one = 1;
  if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) return fail_closing(errno);
  if (options.reuse_port && ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) {
    return fail_closing(errno);
  }
  if (::bind(fd, addr->get(), addr->len) < 0) return fail_closing(errno);
  if (::listen(fd, options.backlog) < 0) return fail_closing(errno);
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len) < 0) return fail_closing(errno);
  std::uint16_t bound_port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                                         : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  int spare = open_spare();
  if (spare < 0) return fail_closing(errno);
  auto registered = async_fd::adopt_nonblocking(r, fd);
  if (!registered) {
    ::close(spare);
    return fail(registered.error());
  }
  tcp_listener l;
  l.fd_ = std::move(*registered);
  l.spare_fd_ = spare;
  l.port_ = bound_port;
  l.nodelay_ = options.nodelay;
  return l;
}

tcp_listener::shed tcp_listener::shed_one_connection() noexcept {
  if (spare_fd_ < 0) return shed::no_spare;
  ::close(std::exchange(spare_fd_, -1));
  int c = ::accept4(fd_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
  int e = errno;
  if (c >= 0) ::close(c);
  spare_fd_ = open_spare();
  if (c >= 0) return shed::dropped;
  return e == EAGAIN ? shed::nothing_pending : shed::no_spare;
}

io_result<tcp_stream> tcp_listener::accept_one::operator()() noexcept {
  for (;;) {
    int c = ::accept4(self->fd_.fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (c >= 0) {
      if (self->nodelay_) {
        int one = 1;
        ::setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      }
      return tcp_stream::adopt_nonblocking(self->fd_.reactor(), c);
    }
    int e = errno;
    switch (e) {
      case EINTR:
        continue;
      case EMFILE:
      case ENFILE:
        // note: the kernel reserves the new fd before it looks at the queue,
        // so EMFILE says nothing about pending connections. With a spare fd
        // to free, accept the pending one and drop it (with edge-triggered
        // epoll it would never be reported again), or learn that none is
        // pending and wait. Without one, wait for the next connection rather
        // than retry at once.
        switch (self->shed_one_connection()) {
          case shed::dropped:
            return fail(io_error{e});
          case shed::nothing_pending:
            return fail(io_error{EAGAIN});
          case shed::no_spare:
            self->fd_.clear_readable();
            return fail(io_error{e});
        }
        return fail(io_error{e});
      case ENOBUFS:
      case ENOMEM:
        self->fd_.clear_readable();
        return fail(io_error{e});
      default:
        // EAGAIN (wait), or an error that concerns one connection only
        // (ECONNABORTED, EPERM, EPROTO...): the next accept tries again.
        return fail(io_error{e});
    }
  }
}

}  // namespace skirmish::rt
