// server_handshake: the 101 response that completes a WebSocket upgrade.
#pragma once

#include <string>
#include <string_view>

#include "skirmish/ws/http_request.hpp"

namespace skirmish::ws {

// "HTTP/1.1 101 Switching Protocols" with Upgrade, Connection and the
// Sec-WebSocket-Accept for `client_key`; names `protocol` if it is not empty
// (it must be one the client offered). No extensions are ever accepted.
std::string accept_response(std::string_view client_key, std::string_view protocol = {});

// The same for a parsed upgrade request (request.websocket must be true).
inline std::string accept_response(const http_request& request, std::string_view protocol = {}) {
  return accept_response(request.websocket_key, protocol);
}

}  // namespace skirmish::ws
