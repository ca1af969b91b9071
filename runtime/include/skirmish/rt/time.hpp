// The runtime's notion of time: a monotonic instant and a duration in
// nanoseconds, whatever clock the driver reads (steady, virtual, performance.now).
#pragma once

#include <chrono>

namespace skirmish::rt {

using duration = std::chrono::nanoseconds;
using instant = std::chrono::time_point<std::chrono::steady_clock, duration>;

}  // namespace skirmish::rt
