// relay_hub: what every worker of the relay process may read: the options,
// the WebSocket limits, the static files, and the pool that is the only way
// to reach another worker. Written before the workers start, read-only after.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "skirmish/relay/logger.hpp"
#include "skirmish/relay/matchmaker.hpp"
#include "skirmish/relay/relay_options.hpp"
#include "skirmish/relay/static_files.hpp"
#include "skirmish/rt/epoll_worker_pool.hpp"
#include "skirmish/ws/connection_options.hpp"

namespace skirmish::relay {

class relay_worker;

struct relay_hub {
  const relay_options& options;
  ws::server_options ws;
  std::optional<static_files> files;  // none without --web-root
  rt::worker_pool& pool;
  logger& log;
  // note: set by each worker's own thread before the `ready` latch of
  // run_relay opens, read by every thread after it, so the latch orders them.
  std::vector<relay_worker*> workers;
  // The directory behind room=auto. note: touched only on worker 0's thread
  // (its shard calls it directly; other workers ask through worker 0's inbox).
  matchmaker mm;

  [[nodiscard]] std::size_t size() const noexcept { return workers.size(); }
};

}  // namespace skirmish::relay
