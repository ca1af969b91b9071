// transport_message: one WebSocket message as a transport received it.
#pragma once

#include <cstddef>
#include <vector>

namespace skirmish::game {

struct transport_message {
  std::vector<std::byte> bytes;
  bool binary = true;  // a text message breaks the protocol; the session fails on it
};

}  // namespace skirmish::game
