// async_fd: a non-blocking fd registered once with an epoll_reactor, with
// awaitable readiness and awaitable operations for each direction. The
// building block of tcp_stream, tcp_listener, signal_set and inbox.
#pragma once

#include <cerrno>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "skirmish/rt/check.hpp"
#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/detail/epoll_fd_state.hpp"
#include "skirmish/rt/epoll_io_error.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::rt {

enum class io_direction { read, write };

// An operation for async_fd::run: one non-blocking try, giving an
// io_result; the error EAGAIN means "not now, try again when ready".
template <class F>
concept io_attempt = requires(F& f) {
  { f().ok() } -> std::convertible_to<bool>;
  { f().error() } -> std::convertible_to<io_error>;
};

class async_fd {
 public:
  async_fd() noexcept = default;
  async_fd(async_fd&& other) noexcept = default;
  async_fd& operator=(async_fd&& other) noexcept {
    if (this != &other) {
      close();
      reactor_ = other.reactor_;
      state_ = std::move(other.state_);
    }
    return *this;
  }
  // Closes the fd; a task still waiting on it gets ECANCELED.
  ~async_fd() { close(); }

  // Takes ownership of `fd`, makes it non-blocking and registers it. On
  // failure the fd is closed.
  static io_result<async_fd> adopt(epoll_reactor& r, int fd) noexcept;
  // The same for an fd known to be non-blocking already (accept4, socket
  // with SOCK_NONBLOCK): one syscall less.
  static io_result<async_fd> adopt_nonblocking(epoll_reactor& r, int fd) noexcept;

  bool is_open() const noexcept { return state_ && state_->fd >= 0; }
  // The fd, or -1 once closed or released.
  int fd() const noexcept { return state_ ? state_->fd : -1; }
  epoll_reactor& reactor() const noexcept { return *reactor_; }
  // A task is waiting on this fd in direction `dir` right now.
  bool waiting(io_direction dir) const noexcept {
    return state_ && (dir == io_direction::read ? state_->reader : state_->writer) != nullptr;
  }

  // Deregisters and closes the fd. Tasks waiting on it resume with
  // ECANCELED; later operations fail with EBADF. Closing twice is harmless.
  void close() noexcept;
  // Deregisters the fd without closing it and gives it to the caller (to
  // hand it to another thread's reactor). Waiting tasks get ECANCELED.
  int release() noexcept;

  // An awaiter for one operation in one direction: tries `f` at once unless
  // the fd is known to block, then again on each readiness event until it
  // gives anything but EAGAIN. Gives f's io_result. At most one task may
  // wait per direction; a reader and a writer may wait at the same time.
  // Destroying it while it waits (cancelling its task) unregisters it.
  template <io_attempt F>
  class [[nodiscard]] op_awaiter : detail::io_op {
   public:
    using value_type = std::invoke_result_t<F&>;

    op_awaiter(detail::fd_state* s, io_direction dir, F f) noexcept(std::is_nothrow_move_constructible_v<F>)
        : state_(s), dir_(dir), f_(std::move(f)) {
      attempt = &attempt_again;
    }
    op_awaiter(op_awaiter&& other) noexcept(std::is_nothrow_move_constructible_v<F>)
        : state_(other.state_), dir_(other.dir_), f_(std::move(other.f_)) {
      expect(!other.linked, "moving an fd operation while it waits");
      attempt = &attempt_again;
    }
    op_awaiter& operator=(op_awaiter&&) = delete;
    ~op_awaiter() {
      if (linked) slot() = nullptr;
    }

    bool await_ready() {
      if (state_ == nullptr || state_->fd < 0) {
        out_.emplace(fail(io_error{EBADF}));
        return true;
      }
      expect(slot() == nullptr, "two tasks wait on the same direction of one fd");
      return ready() && try_once();
    }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      w = park(h);
      linked = true;
      slot() = this;
    }
    value_type await_resume() {
      if (cancelled != 0) return fail(io_error{cancelled});
      return std::move(*out_);
    }

   private:
    detail::io_op*& slot() const noexcept { return dir_ == io_direction::read ? state_->reader : state_->writer; }
    bool& ready() const noexcept { return dir_ == io_direction::read ? state_->readable : state_->writable; }
    bool try_once() {
      value_type r = f_();
      if (!r.ok() && r.error().code == EAGAIN) {
        ready() = false;
        return false;
      }
      out_.emplace(std::move(r));
      return true;
    }
    static bool attempt_again(detail::io_op& op) noexcept { return static_cast<op_awaiter&>(op).try_once(); }

    detail::fd_state* state_;
    io_direction dir_;
    F f_;
    std::optional<value_type> out_;
  };

  // Runs `f` (a non-blocking syscall wrapped as an io_attempt) until it does
  // not give EAGAIN, waiting for readiness in `dir` in between.
  template <io_attempt F>
  op_awaiter<std::decay_t<F>> run(io_direction dir, F&& f) noexcept {
    return op_awaiter<std::decay_t<F>>(state_.get(), dir, std::forward<F>(f));
  }

  // Readiness for a caller that does its own syscalls: completes at once
  // unless the fd is known to block in that direction, else on the next
  // event. After a syscall gives EAGAIN, call clear_readable() (or
  // clear_writable()) or the next wait completes at once again. Prefer run().
  [[nodiscard]] auto readable() noexcept { return run(io_direction::read, ready_now{}); }
  [[nodiscard]] auto writable() noexcept { return run(io_direction::write, ready_now{}); }
  // The reactor saw the peer's FIN, a hang-up or an error on this fd: a
  // short read no longer means the next read would block.
  bool hung_up() const noexcept { return state_ && state_->hung_up; }
  void clear_readable() noexcept {
    if (state_) state_->readable = false;
  }
  void clear_writable() noexcept {
    if (state_) state_->writable = false;
  }

 private:
  struct ready_now {
    io_result<void> operator()() const noexcept { return {}; }
  };

  async_fd(epoll_reactor& r, std::unique_ptr<detail::fd_state> s) noexcept : reactor_(&r), state_(std::move(s)) {}

  epoll_reactor* reactor_ = nullptr;
  // note: on the heap so the handle can move (into a result, a task, a
  // hand-off) while the reactor and waiting operations point at the state.
  std::unique_ptr<detail::fd_state> state_;
};

}  // namespace skirmish::rt
