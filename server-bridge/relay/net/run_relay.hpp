// run_relay: the relay process's network layer: one worker per thread over
// SO_REUSEPORT listeners, the line with the URL, and the drain on SIGTERM.
#pragma once

#include "skirmish/relay/logger.hpp"
#include "skirmish/relay/relay_options.hpp"

namespace skirmish::relay {

// Serves until SIGTERM or SIGINT, then drains; gives the exit code (0 after
// a clean drain, 1 when the port or the workers could not be set up).
// Call it from the main thread before any other thread exists: it blocks the
// two signals so that every worker thread inherits the mask.
[[nodiscard]] int run_relay(const relay_options& o, logger& log);

}  // namespace skirmish::relay
