// http_response: a complete answer to a plain HTTP request, and its bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skirmish::relay {

struct http_response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length and Connection
  std::string body;
  std::size_t content_length = 0;  // the body's length, also for HEAD, where no body is sent
  bool head = false;               // an answer to HEAD: the headers only

  // The value of the first header named `name` (as written here: exact case), or "".
  [[nodiscard]] std::string_view header(std::string_view name) const noexcept {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return {};
  }

  // Status line, headers (with Content-Length, and Connection: close unless
  // `keep_alive`), blank line, and the body unless this answers HEAD or has
  // a status without a body (1xx, 204, 304).
  [[nodiscard]] std::string serialize(bool keep_alive) const;
};

// The reason phrase for the statuses the relay answers with.
[[nodiscard]] std::string_view reason_phrase(int status) noexcept;

// A small text/plain page for an error status ("404 Not Found\n" and a sentence).
[[nodiscard]] http_response error_page(int status, std::string_view detail, bool head);

}  // namespace skirmish::relay
