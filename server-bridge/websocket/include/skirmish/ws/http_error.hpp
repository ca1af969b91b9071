// http_error: why an HTTP request head was refused, as the status to answer
// and a reason, plus the response that says so.
#pragma once

#include <string>
#include <string_view>

namespace skirmish::ws {

struct http_error {
  int status = 400;         // 400, 405, 426, 431 or 505
  std::string_view reason;  // what was wrong, in a sentence (static text)
};

// The standard phrase for the statuses this engine answers with ("Bad Request").
std::string_view status_text(int status) noexcept;

// A complete response for `e` with the reason as a text/plain body and
// `Connection: close`; a 426 names the WebSocket version spoken here, a 405
// the methods allowed.
std::string error_response(const http_error& e);

}  // namespace skirmish::ws
