// rules: every tunable number of the battle, with the defaults that play best.
#pragma once

#include <cstdint>

#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/limits.hpp"

namespace skirmish::game {

// The rules travel inside the state (hashed and serialized), so every peer
// and every late-joining spectator plays by the same numbers. Distances are
// in position units (px = one world pixel), durations in ticks.
struct rules {
  // movement
  std::int32_t player_radius = 14 * px;
  std::int32_t move_speed = 6 * px;          // per tick: 180 px/s
  std::int32_t move_response = 96;           // share of the speed gap closed per tick, /256

  // health
  std::int32_t max_health = 100;
  std::int32_t regen_delay = 5 * tick_rate;  // without damage before healing starts
  std::int32_t regen_interval = 6;           // ticks per health point healed: 5/s

  // weapon
  std::int32_t fire_interval = 6;            // 5 shots/s
  std::int32_t projectile_speed = 20 * px;   // per tick: 600 px/s
  std::int32_t projectile_radius = 4 * px;
  std::int32_t projectile_lifetime = 36;     // ticks: a 720 px range
  std::int32_t projectile_damage = 25;       // four hits kill

  // ability: a dash, invulnerable while it lasts
  std::int32_t dash_speed = 20 * px;         // per tick
  std::int32_t dash_ticks = 6;               // 120 px
  std::int32_t dash_cooldown = 75;           // 2.5 s

  // life and death
  std::int32_t respawn_delay = 2 * tick_rate;
  std::int32_t spawn_protection = 45;        // 1.5 s; ends early when firing

  // health packs
  std::int32_t pickup_radius = 12 * px;
  std::int32_t pickup_heal = 50;
  std::int32_t pickup_respawn = 15 * tick_rate;

  // match
  std::int32_t min_players = 2;              // to leave warmup
  std::int32_t countdown = 3 * tick_rate;
  std::int32_t round_length = 180 * tick_rate;
  std::int32_t kill_limit = 20;
  std::int32_t overtime = 30 * tick_rate;    // sudden death after a tied round
  std::int32_t restart_delay = 12 * tick_rate;  // end screen, then a new match; 0: never

  friend constexpr bool operator==(const rules&, const rules&) = default;
};

// Whether every number is in the range the simulation is built for (sizes
// positive, speeds below the substep limits, durations fit their counters).
[[nodiscard]] bool valid(const rules& r);

}  // namespace skirmish::game
