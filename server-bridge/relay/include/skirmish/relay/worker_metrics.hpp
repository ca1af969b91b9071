// worker_metrics: one worker's counters, a plain struct owned by its thread.
// /metrics asks every worker for a copy (through its inbox) and prints one
// labelled series per worker with format_metrics (metrics_text.hpp).
#pragma once

#include <array>
#include <cstdint>

#include "skirmish/relay/lateness_histogram.hpp"

namespace skirmish::relay {

// note: no atomics. Only the owning thread writes; a reader gets a copy made
// on that thread, so a snapshot is consistent and costs nothing in between.
struct worker_metrics {
  // gauges
  std::uint64_t connections = 0;  // open WebSocket sessions (before and after hello)
  std::uint64_t rooms = 0;
  std::uint64_t players = 0;      // occupied slots, held ones included
  std::uint64_t spectators = 0;

  // counters
  std::uint64_t connections_total = 0;
  std::uint64_t rooms_created_total = 0;
  std::uint64_t messages_in = 0;
  std::uint64_t bytes_in = 0;      // protocol message bytes (WebSocket payloads)
  std::uint64_t messages_out = 0;  // one per recipient: a bundle to 8 players counts 8
  std::uint64_t bytes_out = 0;
  std::uint64_t ticks_closed = 0;
  std::uint64_t late_inputs_dropped = 0;  // inputs for a tick already closed (PROTOCOL.md: dropped silently)
  std::uint64_t slow_consumers_dropped = 0;
  std::uint64_t handshake_failures = 0;  // counted by the WebSocket layer
  std::uint64_t http_requests = 0;       // counted by the HTTP layer
  std::uint64_t desyncs = 0;
  // Errors sent to clients, by error code (index = code; 0 unused).
  std::array<std::uint64_t, 17> errors_sent{};

  lateness_histogram tick_lateness;
};

}  // namespace skirmish::relay
