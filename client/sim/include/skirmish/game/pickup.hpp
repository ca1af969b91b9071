// pickup: a health pack on the arena, present or respawning.
#pragma once

#include <cstdint>

#include "skirmish/game/vec2.hpp"

namespace skirmish::game {

struct pickup {
  vec2 pos;
  std::uint16_t respawn_ticks = 0;  // 0: there to be picked up

  [[nodiscard]] constexpr bool available() const { return respawn_ticks == 0; }

  friend constexpr bool operator==(const pickup&, const pickup&) = default;
};

}  // namespace skirmish::game
