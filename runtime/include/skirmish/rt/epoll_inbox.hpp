// inbox: the one door into a thread's executor from other threads, and the
// only synchronized part of the runtime: a lock-free MPSC queue plus an
// eventfd registered with the receiving thread's reactor.
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "skirmish/rt/detail/epoll_mpsc_queue.hpp"
#include "skirmish/rt/epoll_async_fd.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_tcp_handoff.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/join_handle.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

// Built, drained and destroyed on the owning thread; post() and
// post_connection() may be called from any thread while it lives.
class inbox {
  struct node : detail::mpsc_node {
    // Runs the item (when `run`) and frees it; `run` is false when the inbox
    // is destroyed with the item undelivered.
    void (*finish)(node*, inbox&, bool run) noexcept = nullptr;
  };
  template <class F>
  struct call_node : node {
    F f;
    explicit call_node(F fn) : f(std::move(fn)) { finish = &call_node::finish_call; }
    static void finish_call(node* n, inbox&, bool run) noexcept {
      auto* self = static_cast<call_node*>(n);
      if (run) self->f();
      delete self;
    }
  };
  template <class F>
  struct connection_node : node {
    tcp_handoff conn;
    F f;
    connection_node(tcp_handoff c, F fn) : conn(std::move(c)), f(std::move(fn)) { finish = &connection_node::finish_connection; }
    static void finish_connection(node* n, inbox& in, bool run) noexcept {
      auto* self = static_cast<connection_node*>(n);
      if (run) {
        std::vector<std::byte> bytes = std::move(self->conn.bytes());
        self->f(tcp_stream::adopt(in.reactor_, self->conn.release_fd()), std::move(bytes));
      }
      delete self;  // closes the fd if it was never adopted
    }
  };

 public:
  // Items run per batch before the drain lets other tasks have a turn.
  static constexpr std::size_t batch = 64;

  // Creates the eventfd, registers it with `r` and spawns the task on `ex`
  // that runs what arrives. Check ok().
  inbox(epoll_reactor& r, local_executor& ex) noexcept;
  inbox(const inbox&) = delete;
  inbox& operator=(const inbox&) = delete;
  // Owning thread, once no other thread can post any more: stops the drain
  // task and frees undelivered items (closing handed-off connections).
  ~inbox();

  bool ok() const noexcept { return efd_ >= 0; }

  // Any thread: `f()` runs on the owning thread, inside a task of its
  // executor (so it may spawn tasks there). Items from one thread run in the
  // order they were posted. One allocation: the item with `f` inside it.
  template <class F>
    requires std::invocable<std::decay_t<F>&>
  void post(F&& f) {
    push(new call_node<std::decay_t<F>>(std::forward<F>(f)));
  }

  // Any thread: hands an open connection to the owning thread, which
  // registers it with its reactor and calls
  // `f(io_result<tcp_stream> stream, std::vector<std::byte> already_read)`.
  // One allocation; the bytes are moved, not copied.
  template <class F>
    requires std::invocable<std::decay_t<F>&, io_result<tcp_stream>, std::vector<std::byte>>
  void post_connection(tcp_handoff conn, F&& f) {
    push(new connection_node<std::decay_t<F>>(std::move(conn), std::forward<F>(f)));
  }

  // Owning thread: items run so far.
  std::uint64_t delivered() const noexcept { return delivered_; }

 private:
  struct read_counter {
    int fd;
    io_result<std::uint64_t> operator()() const noexcept;
  };

  void push(node* n) noexcept;
  task<void> drain();

  epoll_reactor& reactor_;
  int efd_ = -1;  // written once before any producer can see the inbox
  async_fd efd_io_;
  detail::mpsc_queue queue_;
  // note: true while a notification is on its way or the consumer is awake,
  // so a burst of posts costs one eventfd write, not one each.
  alignas(64) std::atomic<bool> signalled_{false};
  std::uint64_t delivered_ = 0;
  join_handle<void> drainer_;
};

}  // namespace skirmish::rt
