// The 101 response of the server's opening handshake.
#include "skirmish/ws/server_handshake.hpp"

#include "skirmish/ws/handshake_key.hpp"

namespace skirmish::ws {

std::string accept_response(std::string_view client_key, std::string_view protocol) {
  std::string out =
      "HTTP/1.1 101 Switching Protocols\r\n"
      "Upgrade: websocket\r\n"
      "Connection: Upgrade\r\n"
      "Sec-WebSocket-Accept: ";
  out += accept_key(client_key);
  out += "\r\n";
  if (!protocol.empty()) {
    out += "Sec-WebSocket-Protocol: ";
    out += protocol;
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

}  // namespace skirmish::ws
