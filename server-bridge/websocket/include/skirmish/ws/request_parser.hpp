// request_parser: the server side of the opening handshake. Reads one HTTP/1.1
// request head fed in arbitrary pieces, strictly (RFC 9112 and RFC 6455
// section 4.2.1), and says whether it is a valid WebSocket upgrade, a plain
// GET or HEAD, or an error with the status to answer.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "skirmish/rt/result.hpp"
#include "skirmish/ws/detail/head_reader.hpp"
#include "skirmish/ws/head_limits.hpp"
#include "skirmish/ws/http_error.hpp"
#include "skirmish/ws/http_request.hpp"

namespace skirmish::ws {

// Usage, in the connection's reader:
//   request_parser p;
//   for each chunk read from the socket:
//     auto r = p.feed(chunk);
//     if (!r) { write(error_response(r.error())); close; }
//     if (p.done()) { the bytes chunk[*r..] already belong to the WebSocket
//                     stream (or to the next request); use p.request() }
class request_parser {
 public:
  explicit request_parser(head_limits limits = {}) : reader_(limits) {}

  // Feeds the next bytes read from the connection. Returns how many of them
  // belong to the head: all of them until the head is complete, then only up
  // to its blank line. An error is final: answer it and close the connection.
  // Once done, feed takes nothing more (returns 0).
  rt::result<std::size_t, http_error> feed(std::span<const std::byte> bytes);

  bool done() const noexcept { return done_; }
  // The request; valid once done(), for as long as the parser lives.
  const http_request& request() const noexcept { return request_; }

 private:
  rt::result<void, http_error> on_request_line();
  rt::result<void, http_error> on_head_done();

  detail::head_reader reader_;
  http_request request_;
  // note: a vector, not a string, so moving the parser keeps request_ valid.
  std::vector<char> joined_protocols_;  // only when Sec-WebSocket-Protocol came in several lines
  bool done_ = false;
  bool failed_ = false;
  http_error error_;
};

}  // namespace skirmish::ws
