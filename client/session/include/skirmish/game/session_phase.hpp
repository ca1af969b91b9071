// session_phase: where a lockstep session is in its life, as the UI shows it.
#pragma once

#include <cstdint>
#include <string_view>

namespace skirmish::game {

// connecting:   waiting for the transport to open the first connection.
// joining:      hello sent, waiting for the welcome.
// catching_up:  welcomed; replaying the room's history up to the live tick.
// live:         following the relay's bundles as they come.
// reconnecting: the connection dropped; the session keeps its battle and token
//               and rejoins when the transport comes back.
// ended:        the player left, or the relay closed the room or shut down.
// failed:       the session cannot go on; failure_reason() says why.
enum class session_phase : std::uint8_t { connecting, joining, catching_up, live, reconnecting, ended, failed };

[[nodiscard]] constexpr std::string_view name_of(session_phase p) noexcept {
  switch (p) {
    case session_phase::connecting: return "connecting";
    case session_phase::joining: return "joining";
    case session_phase::catching_up: return "catching_up";
    case session_phase::live: return "live";
    case session_phase::reconnecting: return "reconnecting";
    case session_phase::ended: return "ended";
    case session_phase::failed: return "failed";
  }
  return "unknown";
}

// True once nothing more will happen: the transport can be dropped for good.
[[nodiscard]] constexpr bool is_final(session_phase p) noexcept {
  return p == session_phase::ended || p == session_phase::failed;
}

}  // namespace skirmish::game
