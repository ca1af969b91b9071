// close_request: the session asks its transport to close the connection.
#pragma once

#include <cstdint>
#include <string>

namespace skirmish::game {

// WebSocket close codes the session uses (RFC 6455 7.4.1).
inline constexpr std::uint16_t close_normal = 1000;          // we leave, or the relay ended us
inline constexpr std::uint16_t close_protocol_error = 1002;  // the relay broke the protocol

struct close_request {
  std::uint16_t code = close_normal;
  std::string reason;  // short, for the close frame (at most 123 bytes)
};

}  // namespace skirmish::game
