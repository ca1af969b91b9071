// signal_set: signals delivered as values through a signalfd on an
// epoll_reactor, for a graceful drain on SIGTERM or SIGINT. The signals are
// blocked, so no handler runs and no system call is interrupted.
#pragma once

#include <initializer_list>

#include "skirmish/rt/epoll_async_fd.hpp"
#include "skirmish/rt/epoll_io_error.hpp"
#include "skirmish/rt/epoll_reactor.hpp"

namespace skirmish::rt {

class signal_set {
  struct read_one {
    int fd;
    io_result<int> operator()() const noexcept;
  };

 public:
  using wait_awaiter = async_fd::op_awaiter<read_one>;

  signal_set() noexcept = default;

  // Blocks `signals` in the calling thread and opens a signalfd for them.
  // note: a process-directed signal (kill, Ctrl-C) goes to any thread that
  // does not block it; call block() in main before starting other threads,
  // which inherit the mask, so the signal reaches this set and nothing else.
  static io_result<signal_set> open(epoll_reactor& r, std::initializer_list<int> signals) noexcept;

  // Adds `signals` to the calling thread's blocked set; threads started
  // afterwards inherit it.
  static io_result<void> block(std::initializer_list<int> signals) noexcept;
  // Removes `signals` from the calling thread's blocked set (pending ones are
  // then delivered the ordinary way).
  static io_result<void> unblock(std::initializer_list<int> signals) noexcept;

  // The number of the next signal in the set (SIGTERM, ...), waiting until
  // one arrives.
  [[nodiscard]] wait_awaiter wait() noexcept { return fd_.run(io_direction::read, read_one{fd_.fd()}); }

  bool is_open() const noexcept { return fd_.is_open(); }
  void close() noexcept { fd_.close(); }

 private:
  explicit signal_set(async_fd fd) noexcept : fd_(std::move(fd)) {}

  async_fd fd_;
};

}  // namespace skirmish::rt
