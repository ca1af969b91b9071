// format_metrics: the Prometheus text exposition (version 0.0.4) of every
// worker's metrics, one series per worker labelled worker="<index>".
#pragma once

#include <span>
#include <string>

#include "skirmish/relay/worker_metrics.hpp"

namespace skirmish::relay {

// `workers[i]` is worker i's snapshot.
[[nodiscard]] std::string format_metrics(std::span<const worker_metrics> workers);

// The Content-Type of that text.
inline constexpr const char* metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace skirmish::relay
