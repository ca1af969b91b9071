// epoll_reactor: the Linux driver under a local_executor. When every task is
// blocked it waits in epoll_wait until an fd is ready or the next timer is
// due, and hands each readiness event to the operation waiting on that fd.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "skirmish/rt/detail/epoll_fd_state.hpp"
#include "skirmish/rt/driver.hpp"
#include "skirmish/rt/epoll_io_error.hpp"

struct epoll_event;

namespace skirmish::rt {

// One per thread: `epoll_reactor r; local_executor ex(r); ex.run_until(...)`.
// Everything registered with it (async_fd, tcp_stream, tcp_listener,
// signal_set, inbox) holds a plain reference to it and must be used on its
// thread only; the inbox is the one door in from other threads.
class epoll_reactor final : public driver {
 public:
  // Creates the epoll instance; check ok() (it fails only when the process
  // is out of fds or memory).
  epoll_reactor() noexcept;
  epoll_reactor(const epoll_reactor&) = delete;
  epoll_reactor& operator=(const epoll_reactor&) = delete;
  ~epoll_reactor() override;

  bool ok() const noexcept { return epfd_ >= 0; }
  // Why construction failed, when it did.
  io_error error() const noexcept { return error_; }

  // CLOCK_MONOTONIC, the clock of sleep_for, timeout and interval on this executor.
  instant now() override;

  // Waits for readiness or `deadline` and dispatches what it finds. Returns
  // false when there is no deadline and no fd registered: nothing could wake
  // a task. EINTR (a signal handler ran) is a normal, early return.
  bool wait(std::optional<instant> deadline) override;

  // For io objects: adds `s` to the epoll set once, edge-triggered, for both
  // directions; s.fd must be non-blocking. `s` must not move until remove().
  io_result<void> add(detail::fd_state& s) noexcept;
  // For io objects: takes `s` out of the epoll set (before its fd is closed
  // or handed to another thread), so no event can name it afterwards.
  void remove(detail::fd_state& s) noexcept;

  // Fds registered right now.
  std::size_t registered() const noexcept { return registered_; }
  // How often wait() returned from the kernel, and how many readiness events
  // it dispatched (for tests and metrics).
  std::uint64_t waits() const noexcept { return waits_; }
  std::uint64_t events() const noexcept { return events_; }

 private:
  void dispatch(int n) noexcept;

  int epfd_ = -1;
  io_error error_{};
  bool use_pwait2_ = true;  // epoll_pwait2 (ns timeouts) until the kernel says ENOSYS
  std::size_t registered_ = 0;
  std::uint64_t waits_ = 0;
  std::uint64_t events_ = 0;
  std::unique_ptr<::epoll_event[]> batch_;
};

}  // namespace skirmish::rt
