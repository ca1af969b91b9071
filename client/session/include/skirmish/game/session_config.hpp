// session_config: who joins which room, and how the session paces itself.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "skirmish/rt/time.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::game {

struct session_config {
  std::string name;                            // 1-32 bytes of UTF-8, no control characters
  std::string room{wire::auto_room};           // a room id, or "auto" for matchmaking
  bool spectator = false;                      // watch: no slot, no input, no hash reports
  std::optional<wire::token> reconnect_token;  // take back a held slot (a page reload); needs a real room id
  rt::duration ping_interval = std::chrono::seconds(1);
  unsigned max_connect_attempts = 8;           // transport failures in a row before the session fails
  std::size_t max_events = 4096;               // events kept for the renderer; past it the older half goes
};

}  // namespace skirmish::game
