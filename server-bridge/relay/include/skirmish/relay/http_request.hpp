// http_request: the little of a plain HTTP request the relay's HTTP answers
// need, as views into whatever parsed it (the WebSocket engine's request
// parser: method, path and query as sent, and two conditional headers).
#pragma once

#include <optional>
#include <string_view>

namespace skirmish::relay {

struct http_request {
  std::string_view method;  // "GET", "HEAD", ...
  std::string_view path;    // the target up to '?', not percent-decoded
  std::string_view query;   // after '?', empty if none
  std::optional<std::string_view> if_none_match;
  std::optional<std::string_view> if_modified_since;
};

}  // namespace skirmish::relay
