// client_handshake: the client side of the opening handshake. Builds the
// upgrade request with a fresh key and checks the server's 101 response
// (RFC 6455 section 4.1), fed in arbitrary pieces.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "skirmish/rt/result.hpp"
#include "skirmish/ws/detail/head_reader.hpp"
#include "skirmish/ws/head_limits.hpp"

namespace skirmish::ws {

struct client_options {
  std::string host;        // the Host header, e.g. "127.0.0.1:9001"
  std::string target = "/";  // path and query, e.g. "/play?room=a"
  std::string origin;      // the Origin header; none if empty
  std::string protocols;   // Sec-WebSocket-Protocol to offer (a comma list); none if empty
};

struct handshake_error {
  int status = 0;           // the server's status code; 0 if its response was malformed
  std::string_view reason;  // what was wrong (static text)
};

// Usage: send request(); feed every chunk read back until done() (or an
// error); the bytes after the consumed count belong to the WebSocket stream.
class client_handshake {
 public:
  // A handshake whose key comes from `nonce` (tests pass a fixed one).
  client_handshake(const client_options& options, std::span<const std::byte, 16> nonce, head_limits limits = {});
  // A handshake with a random key; nothing if libcrypto has no entropy.
  static std::optional<client_handshake> create(const client_options& options, head_limits limits = {});

  // The request to send, complete with its blank line.
  std::string_view request() const noexcept { return request_; }
  // The Sec-WebSocket-Key sent.
  std::string_view key() const noexcept { return key_; }

  // Feeds bytes of the server's response. Returns how many belong to the
  // response head: all until it is complete, then up to its blank line. An
  // error is final. Once done, feed takes nothing more (returns 0).
  rt::result<std::size_t, handshake_error> feed(std::span<const std::byte> bytes);

  bool done() const noexcept { return done_; }
  // The protocol the server chose from those offered; empty if none. Valid once done().
  std::string_view protocol() const noexcept { return protocol_; }

 private:
  rt::result<void, handshake_error> on_status_line();
  rt::result<void, handshake_error> on_head_done();

  std::string key_;
  std::string expected_accept_;
  std::string offered_protocols_;
  std::string request_;
  std::string protocol_;
  detail::head_reader reader_;
  bool done_ = false;
  bool failed_ = false;
  handshake_error error_;
};

}  // namespace skirmish::ws
