// player: one slot's fighter as the simulation keeps it and the renderer draws it.
#pragma once

#include <cstdint>

#include "skirmish/game/trig.hpp"
#include "skirmish/game/vec2.hpp"

namespace skirmish::game {

// Durations count down in ticks and stop at 0. Positions are centres.
struct player {
  bool active = false;              // the slot is taking part (joined, not left)
  bool alive = false;               // on the field; false while waiting to respawn
  vec2 pos;                         // now
  vec2 prev_pos;                    // one tick ago: draw lerp(prev_pos, pos, alpha)
  vec2 vel;                         // movement over the last tick
  angle16 aim = 0;                  // where the weapon points
  std::int16_t health = 0;
  std::uint16_t fire_cooldown = 0;  // until the next shot
  std::uint16_t ability_cooldown = 0;  // until the next dash (rules::dash_cooldown when just used)
  std::uint16_t dash_ticks = 0;     // left in the current dash; invulnerable meanwhile
  vec2 dash_vel;
  std::uint16_t respawn_ticks = 0;  // while dead: until back on the field
  std::uint16_t protect_ticks = 0;  // spawn protection left
  std::uint16_t calm_ticks = 0;     // since last damaged (saturates); health regenerates past rules::regen_delay
  std::int16_t kills = 0;
  std::int16_t deaths = 0;
  std::int16_t streak = 0;          // kills since the last death
  std::uint8_t buttons = 0;         // the buttons of the last input (the renderer may show firing)

  [[nodiscard]] constexpr bool dashing() const { return dash_ticks > 0; }
  [[nodiscard]] constexpr bool spawn_protected() const { return protect_ticks > 0; }
  // Projectiles pass through an invulnerable player.
  [[nodiscard]] constexpr bool invulnerable() const { return dash_ticks > 0 || protect_ticks > 0; }
  // On the field and can be hit, seen or collided with.
  [[nodiscard]] constexpr bool present() const { return active && alive; }

  friend constexpr bool operator==(const player&, const player&) = default;
};

}  // namespace skirmish::game
