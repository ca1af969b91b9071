// The per-fd record the epoll reactor dispatches to: what is known about the
// fd's readiness, and at most one waiting operation per direction.
#pragma once

#include <utility>

#include "skirmish/rt/waker.hpp"

namespace skirmish::rt::detail {

// One operation waiting on one direction of an fd (a read, a write, an
// accept). It lives in its awaiter, inside the waiting frame. The reactor
// retries it on each readiness event and wakes its task once it finishes.
struct io_op {
  bool (*attempt)(io_op&) noexcept = nullptr;  // one more try; true once finished (done or failed)
  waker w;
  int cancelled = 0;    // an errno value when the fd was closed under the op
  bool linked = false;  // the op sits in its fd_state's slot
};

struct fd_state {
  int fd = -1;
  io_op* reader = nullptr;
  io_op* writer = nullptr;
  // note: edge-triggered epoll reports a change once, so the flags remember
  // it: "not known to block". An op that sees EAGAIN clears its flag and the
  // next event sets it; a cleared flag lets an op wait without a syscall.
  bool readable = true;
  bool writable = true;
  bool registered = false;  // added to the reactor's epoll set
  // The peer's FIN, a hang-up or an error was reported: a read may give EOF
  // (or the error) even right after a read that gave bytes.
  bool hung_up = false;
};

// Retries the op waiting in `slot` after a readiness event, and wakes its
// task if it finished. Runs inside the reactor's wait, never inside a task.
inline void progress(io_op*& slot) noexcept {
  io_op* op = slot;
  if (op == nullptr || !op->attempt(*op)) return;
  slot = nullptr;
  op->linked = false;
  waker w = std::move(op->w);
  w.wake();
}

// Fails the op in `slot` with `code` and wakes its task: its fd is going away.
inline void cancel(io_op*& slot, int code) noexcept {
  io_op* op = std::exchange(slot, nullptr);
  if (op == nullptr) return;
  op->linked = false;
  op->cancelled = code;
  waker w = std::move(op->w);
  w.wake();
}

}  // namespace skirmish::rt::detail
