// tcp_stream: a connected TCP socket on an epoll_reactor. One task may read
// while another writes; short writes and EAGAIN are handled inside write;
// resets, EPIPE and EOF come back as values, never as a signal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/rt/epoll_async_fd.hpp"
#include "skirmish/rt/epoll_io_error.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_tcp_handoff.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

class tcp_stream {
 public:
  // One recv into the caller's buffer.
  struct recv_some {
    int fd;
    std::span<std::byte> buf;
    io_result<std::size_t> operator()() const noexcept;
  };
  // send until everything went out; remembers its progress across waits.
  struct send_all {
    int fd;
    std::span<const std::byte> data;
    std::size_t sent = 0;
    io_result<void> operator()() noexcept;
  };
  // sendmsg over several buffers until everything went out.
  struct send_all_parts {
    int fd;
    std::span<const std::span<const std::byte>> parts;
    std::size_t part = 0;
    std::size_t offset = 0;
    io_result<void> operator()() noexcept;
  };
  using read_awaiter = async_fd::op_awaiter<recv_some>;
  using write_awaiter = async_fd::op_awaiter<send_all>;
  using writev_awaiter = async_fd::op_awaiter<send_all_parts>;

  tcp_stream() noexcept = default;

  // Connects to a numeric IPv4 or IPv6 address ("127.0.0.1", "::1"; also
  // "localhost"); no DNS, which would block the thread. The stream has
  // TCP_NODELAY on. ECONNREFUSED, ETIMEDOUT etc. come back as values.
  static task<io_result<tcp_stream>> connect(epoll_reactor& r, std::string host, std::uint16_t port);

  // Takes ownership of a connected socket (from a hand-off, say) and
  // registers it with `r`; the fd is made non-blocking. Closed on failure.
  static io_result<tcp_stream> adopt(epoll_reactor& r, int fd) noexcept;
  // The same for a socket known to be non-blocking already.
  static io_result<tcp_stream> adopt_nonblocking(epoll_reactor& r, int fd) noexcept;

  // Reads what is available into `buf` (waiting until something is): gives
  // the byte count, 0 at orderly EOF, or an error (ECONNRESET, ECANCELED
  // when the stream is closed meanwhile). `buf` must not be empty and must
  // outlive the wait.
  [[nodiscard]] read_awaiter read(std::span<std::byte> buf) noexcept {
    expect(!buf.empty(), "tcp_stream::read into an empty buffer");
    return fd_.run(io_direction::read, recv_some{fd_.fd(), buf});
  }
  // Writes all of `data`, waiting for the socket to drain as often as
  // needed. EPIPE and ECONNRESET come back as values (MSG_NOSIGNAL).
  [[nodiscard]] write_awaiter write(std::span<const std::byte> data) noexcept {
    return fd_.run(io_direction::write, send_all{fd_.fd(), data});
  }
  [[nodiscard]] write_awaiter write(std::string_view text) noexcept { return write(std::as_bytes(std::span(text))); }
  // Writes all of several buffers with as few sendmsg calls as possible
  // (say a frame header and its payload). The span of parts and the
  // buffers must outlive the wait.
  [[nodiscard]] writev_awaiter write_all(std::span<const std::span<const std::byte>> parts) noexcept {
    return fd_.run(io_direction::write, send_all_parts{fd_.fd(), parts});
  }

  // Sends FIN: the peer reads EOF; this side can still read.
  io_result<void> shutdown_write() noexcept;
  // TCP_NODELAY (on by default for connected and accepted streams).
  io_result<void> set_nodelay(bool on) noexcept;
  // Closes the socket; a task waiting on it resumes with ECANCELED.
  void close() noexcept { fd_.close(); }
  // Takes the socket out of this thread's reactor, without closing it, to
  // hand it to another thread together with the bytes already read from it.
  // A task waiting on it resumes with ECANCELED. The stream becomes empty.
  tcp_handoff hand_off(std::vector<std::byte> already_read = {}) noexcept {
    int fd = fd_.release();
    return tcp_handoff(fd, std::move(already_read));
  }

  bool is_open() const noexcept { return fd_.is_open(); }
  int fd() const noexcept { return fd_.fd(); }
  // The underlying registration, for readiness waits of one's own.
  async_fd& io() noexcept { return fd_; }

 private:
  explicit tcp_stream(async_fd fd) noexcept : fd_(std::move(fd)) {}

  async_fd fd_;
};

}  // namespace skirmish::rt
