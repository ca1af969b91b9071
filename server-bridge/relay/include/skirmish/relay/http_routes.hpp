// The relay's HTTP surface on its one port: which handler a path goes to,
// and the answers of the endpoints that are not files.
#pragma once

#include <span>
#include <string_view>

#include "skirmish/relay/http_request.hpp"
#include "skirmish/relay/http_response.hpp"
#include "skirmish/relay/static_files.hpp"
#include "skirmish/relay/worker_metrics.hpp"

namespace skirmish::relay {

enum class http_route {
  websocket,  // /ws: the game's WebSocket (a plain GET there gets 426)
  healthz,    // /healthz: 200 "ok"
  metrics,    // /metrics: every worker's metrics (ask each worker for a snapshot first)
  file,       // anything else: static_files
};

[[nodiscard]] http_route route_of(std::string_view path) noexcept;

// GET or HEAD; anything else gets 405 with Allow.
[[nodiscard]] bool method_allowed(std::string_view method) noexcept;

[[nodiscard]] http_response healthz_response(const http_request& req);
// `workers[i]` is worker i's snapshot, as format_metrics takes them.
[[nodiscard]] http_response metrics_response(const http_request& req, std::span<const worker_metrics> workers);
// A plain GET on the WebSocket path.
[[nodiscard]] http_response upgrade_required_response(const http_request& req);
[[nodiscard]] http_response method_not_allowed_response(const http_request& req);

// The answer to any plain (not upgraded) request: the route, the method
// check, then the endpoint or the file. `files` may be null (no --web-root:
// 404 for files); `workers` is only read for /metrics.
[[nodiscard]] http_response answer_http(const http_request& req, const static_files* files,
                                        std::span<const worker_metrics> workers);

}  // namespace skirmish::relay
