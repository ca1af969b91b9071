// projectile: one shot in flight.
#pragma once

#include <cstdint>

#include "skirmish/game/vec2.hpp"

namespace skirmish::game {

struct projectile {
  vec2 pos;                  // now
  vec2 prev_pos;             // one tick ago (where it was fired from, on its first tick)
  vec2 vel;                  // per tick
  std::uint32_t id = 0;      // unique within a battle, in firing order
  std::uint8_t owner = 0;    // the slot that fired it
  std::uint8_t ttl = 0;      // ticks left before it fizzles out

  friend constexpr bool operator==(const projectile&, const projectile&) = default;
};

}  // namespace skirmish::game
