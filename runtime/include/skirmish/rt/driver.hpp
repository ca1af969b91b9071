// What an executor needs from the platform under it: a clock, and a way to
// wait for the outside world (I/O, timers, a browser event) when it is idle.
#pragma once

#include <optional>

#include "skirmish/rt/time.hpp"

namespace skirmish::rt {

class driver {
 public:
  virtual ~driver() = default;

  // The driver's monotonic time; timers and timeouts are measured on it.
  virtual instant now() = 0;

  // Blocks until something outside may have woken a task, or until
  // `deadline` when there is one. Returns false when nothing outside can ever
  // wake a task, so waiting would hang forever.
  virtual bool wait(std::optional<instant> deadline) = 0;
};

}  // namespace skirmish::rt
