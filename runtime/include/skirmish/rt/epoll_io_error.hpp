// io_error: an operating-system error (an errno value) returned as a value by
// the native driver's sockets, fds and signals, never thrown or raised.
#pragma once

#include "skirmish/rt/result.hpp"

namespace skirmish::rt {

struct io_error {
  int code = 0;  // the errno value, e.g. ECONNRESET, EPIPE, ECANCELED

  // A short English description ("Connection reset by peer"); thread-safe.
  const char* message() const noexcept;
  // The symbolic name ("ECONNRESET"); thread-safe.
  const char* name() const noexcept;

  friend bool operator==(io_error, io_error) = default;
};

// What every native I/O operation gives: a value or an io_error.
template <class T>
using io_result = result<T, io_error>;

// note: the codes a waiter can see besides the system's own:
//   ECANCELED  the fd was closed (or its owner destroyed) while the operation waited;
//   EBADF      the operation was started on a closed or empty handle.

}  // namespace skirmish::rt
