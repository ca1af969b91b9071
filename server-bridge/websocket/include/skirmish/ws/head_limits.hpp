// head_limits: how large an HTTP head (request or response) may grow before
// the parser gives up, so a peer cannot make a handshake hold much memory.
#pragma once

#include <cstddef>

namespace skirmish::ws {

struct head_limits {
  std::size_t max_bytes = 8 * 1024;  // the whole head, request line to blank line
  std::size_t max_headers = 64;      // browsers send about twenty
};

}  // namespace skirmish::ws
