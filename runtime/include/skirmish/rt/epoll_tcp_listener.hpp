// tcp_listener: a listening TCP socket on an epoll_reactor, with SO_REUSEPORT
// so each thread of a thread-per-core server can listen on the same port.
#pragma once

#include <cstdint>
#include <string_view>

#include "skirmish/rt/epoll_async_fd.hpp"
#include "skirmish/rt/epoll_io_error.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"

namespace skirmish::rt {

struct listen_options {
  int backlog = 1024;
  bool reuse_port = true;  // SO_REUSEPORT: the kernel spreads connections over every listener of the port
  bool nodelay = true;     // TCP_NODELAY on accepted streams
};

class tcp_listener {
  struct accept_one {
    tcp_listener* self;
    io_result<tcp_stream> operator()() noexcept;
  };

 public:
  using accept_awaiter = async_fd::op_awaiter<accept_one>;

  tcp_listener() noexcept = default;
  tcp_listener(tcp_listener&& other) noexcept;
  tcp_listener& operator=(tcp_listener&& other) noexcept;
  ~tcp_listener();

  // Binds a numeric address ("0.0.0.0", "127.0.0.1", "::"; "" means any
  // IPv4 address) with SO_REUSEADDR (and SO_REUSEPORT unless told
  // otherwise) and listens. Port 0 picks a free port: see port().
  static io_result<tcp_listener> bind(epoll_reactor& r, std::string_view host, std::uint16_t port,
                                      listen_options options = {}) noexcept;

  // The next connection, registered with this listener's reactor, or an
  // error value. note: when the process is out of fds (EMFILE, ENFILE) the
  // listener frees a spare fd it keeps, accepts the pending connection,
  // closes it at once and reports EMFILE: the peer sees its connection
  // closed instead of hanging in the backlog, and the accept loop moves on
  // to the next connection (one error per shed connection) instead of
  // spinning on the same one.
  [[nodiscard]] accept_awaiter accept() noexcept { return fd_.run(io_direction::read, accept_one{this}); }

  // The bound port (the chosen one when bound to port 0).
  std::uint16_t port() const noexcept { return port_; }
  int fd() const noexcept { return fd_.fd(); }
  bool is_open() const noexcept { return fd_.is_open(); }
  // The underlying registration (to ask whether a task waits in accept).
  async_fd& io() noexcept { return fd_; }
  // Stops listening; a task waiting in accept resumes with ECANCELED.
  void close() noexcept;

 private:
  enum class shed { dropped, nothing_pending, no_spare };
  shed shed_one_connection() noexcept;

  async_fd fd_;
  int spare_fd_ = -1;
  std::uint16_t port_ = 0;
  bool nodelay_ = true;
};

}  // namespace skirmish::rt
