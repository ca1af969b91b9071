// role: which end of a WebSocket connection this engine plays; it decides masking.
#pragma once

#include <cstdint>

namespace skirmish::ws {

// A server reads masked frames and writes unmasked ones; a client does the opposite.
enum class role : std::uint8_t { server, client };

}  // namespace skirmish::ws
