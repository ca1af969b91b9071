// upgrade_request: the server side of the opening handshake over a socket:
// read one request head within a time limit, answer a malformed one with an
// HTTP error, and give the caller the stream, the parsed request and the
// bytes after it, to accept as a WebSocket, serve as plain HTTP, or hand to
// another thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "skirmish/rt/epoll_io_error.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/ws/connection_options.hpp"
#include "skirmish/ws/http_error.hpp"
#include "skirmish/ws/http_request.hpp"
#include "skirmish/ws/request_parser.hpp"

namespace skirmish::ws {

enum class upgrade_failure : std::uint8_t {
  timed_out,   // the head did not arrive within handshake_timeout: the socket was closed
  bad_request, // the head was refused: the error response went out, the socket was closed
  closed,      // the peer closed (or reset) before the head was complete
};

struct upgrade_error {
  upgrade_failure failure = upgrade_failure::closed;
  http_error http;      // bad_request: the status answered and why
  rt::io_error io;      // closed: the socket's error (0 for an orderly EOF)
};

class upgrade_request {
 public:
  upgrade_request(upgrade_request&&) noexcept = default;
  upgrade_request& operator=(upgrade_request&&) noexcept = default;

  // The request: an upgrade (request().websocket) or a plain GET or HEAD.
  const http_request& request() const noexcept { return parser_.request(); }
  // The connection; its next bytes follow leftover().
  rt::tcp_stream& stream() noexcept { return stream_; }
  // Bytes read after the head: the first WebSocket frames, or the next request.
  std::span<const std::byte> leftover() const noexcept { return std::span(raw_).subspan(head_size_); }
  // Everything read from the socket, head included.
  std::span<const std::byte> raw() const noexcept { return raw_; }
  // Takes the socket out of this thread's reactor with every byte read so
  // far, for another worker to call read_upgrade() on again.
  rt::tcp_handoff hand_off() noexcept { return stream_.hand_off(std::move(raw_)); }

 private:
  friend rt::task<rt::result<upgrade_request, upgrade_error>> read_upgrade(rt::tcp_stream, const server_options&,
                                                                           std::vector<std::byte>);
  upgrade_request(rt::tcp_stream s, const server_options& o) : stream_(std::move(s)), parser_(o.head) {}

  rt::tcp_stream stream_;
  request_parser parser_;
  std::vector<std::byte> raw_;
  std::size_t head_size_ = 0;
};

// Reads a request head from `stream` (after `already_read`, the bytes a
// hand-off brought along) within options.handshake_timeout and
// options.head's limits. A refused head is answered (400, 405, 426, 431,
// 505) and the socket closed. Runs on the stream's thread.
[[nodiscard]] rt::task<rt::result<upgrade_request, upgrade_error>> read_upgrade(rt::tcp_stream stream,
                                                                                const server_options& options,
                                                                                std::vector<std::byte> already_read = {});

}  // namespace skirmish::ws
