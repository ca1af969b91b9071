// http_request: a parsed request head (a WebSocket upgrade or a plain GET),
// as views into the request_parser that read it.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "skirmish/ws/http_header.hpp"

namespace skirmish::ws {

struct http_request {
  std::string_view method;  // "GET" or "HEAD" (anything else was refused with 405)
  std::string_view target;  // as sent: the path and, after '?', the query
  std::string_view path;    // the target up to '?', not percent-decoded
  std::string_view query;   // after '?', empty if none, not percent-decoded
  int version_minor = 1;    // HTTP/1.<version_minor>: 0 or 1
  std::string_view host;    // the Host header (required for HTTP/1.1)
  std::optional<std::string_view> origin;  // the Origin header, if sent

  // True for a valid WebSocket upgrade: answer with accept_response(). False
  // for a plain request (static files, /healthz): answer it over HTTP.
  bool websocket = false;
  std::string_view websocket_key;  // Sec-WebSocket-Key, valid when websocket
  std::string_view protocols;      // Sec-WebSocket-Protocol as offered (a comma list), empty if none

  std::span<const http_header> headers;  // every header, in order

  // The value of the first header named `name` (ASCII case-insensitive).
  std::optional<std::string_view> header(std::string_view name) const noexcept;
};

// The raw value of `name` in a query string "a=1&room=x" ("x"), not
// percent-decoded; an empty value for a bare "flag"; nothing if absent.
std::optional<std::string_view> query_param(std::string_view query, std::string_view name) noexcept;

}  // namespace skirmish::ws
