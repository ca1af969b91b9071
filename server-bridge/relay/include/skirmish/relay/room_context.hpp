// room_context: what the rooms of one worker share: the settings, the
// worker's metrics and randomness, one encoding buffer, and the reports for
// the matchmaker.
#pragma once

#include <cstddef>
#include <vector>

#include "skirmish/relay/random_source.hpp"
#include "skirmish/relay/room_config.hpp"
#include "skirmish/relay/room_report.hpp"
#include "skirmish/relay/worker_metrics.hpp"

namespace skirmish::relay {

struct room_context {
  room_config config;
  worker_metrics metrics;
  random_source random;
  // note: every message is encoded here first and then copied once into its
  // shared block, so encoding never allocates once the buffer has grown.
  std::vector<std::byte> scratch;
  std::vector<room_report> reports;  // for the matchmaker, oldest first
};

}  // namespace skirmish::relay
