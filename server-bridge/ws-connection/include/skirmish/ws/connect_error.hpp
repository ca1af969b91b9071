// connect_error: why a client connection could not open.
#pragma once

#include <cstdint>

#include "skirmish/rt/epoll_io_error.hpp"
#include "skirmish/ws/client_handshake.hpp"

namespace skirmish::ws {

enum class connect_failure : std::uint8_t {
  io,         // connecting, writing the request or reading the response failed (see io)
  timed_out,  // the server's response did not come in time
  refused,    // the server's response was not a valid 101 (see handshake)
  no_entropy, // no random bytes for Sec-WebSocket-Key
};

struct connect_error {
  connect_failure failure = connect_failure::io;
  rt::io_error io;               // io: the socket's error (0: the server closed the connection)
  handshake_error handshake;     // refused: the status and what was wrong
};

}  // namespace skirmish::ws
