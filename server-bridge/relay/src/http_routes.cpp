// The relay's HTTP endpoints: /healthz, /metrics, /ws, and files.
#include "skirmish/relay/http_routes.hpp"

#include "skirmish/relay/metrics_text.hpp"

namespace skirmish::relay {

http_route route_of(std::string_view path) noexcept {
  if (path == "/ws") return http_route::websocket;
  if (path == "/healthz") return http_route::healthz;
  if (path == "/metrics") return http_route::metrics;
  return http_route::file;
}

bool method_allowed(std::string_view method) noexcept { return method == "GET" || method == "HEAD"; }

namespace {
http_response text(const http_request& req, std::string body, const char* type) {
  http_response r;
  r.status = 200;
  r.head = req.method == "HEAD";
  r.body = std::move(body);
  r.content_length = r.body.size();
  r.headers.emplace_back("Content-Type", type);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}
}  // namespace

http_response healthz_response(const http_request& req) { return text(req, "ok\n", "text/plain; charset=utf-8"); }

http_response metrics_response(const http_request& req, std::span<const worker_metrics> workers) {
  return text(req, format_metrics(workers), metrics_content_type);
}

http_response upgrade_required_response(const http_request& req) {
  http_response r = error_page(426, "this path speaks WebSocket only", req.method == "HEAD");
  r.headers.emplace_back("Upgrade", "websocket");
  r.headers.emplace_back("Sec-WebSocket-Version", "13");
  return r;
}

http_response method_not_allowed_response(const http_request& req) {
  (void)req;
  http_response r = error_page(405, "only GET and HEAD are allowed", false);
  r.headers.emplace_back("Allow", "GET, HEAD");
  return r;
}

http_response answer_http(const http_request& req, const static_files* files, std::span<const worker_metrics> workers) {
  if (!method_allowed(req.method)) return method_not_allowed_response(req);
  switch (route_of(req.path)) {
    case http_route::websocket: return upgrade_required_response(req);
    case http_route::healthz: return healthz_response(req);
    case http_route::metrics: return metrics_response(req, workers);
    case http_route::file: break;
  }
  if (files == nullptr) return error_page(404, "this relay serves no files (no --web-root)", req.method == "HEAD");
  return files->serve(req);
}

}  // namespace skirmish::relay
