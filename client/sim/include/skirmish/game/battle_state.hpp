// battle_state: the whole canonical state of a battle, a plain copyable value
// (about 9 KiB); everything the state hash covers and the renderer reads.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "skirmish/game/arena.hpp"
#include "skirmish/game/limits.hpp"
#include "skirmish/game/match_state.hpp"
#include "skirmish/game/pickup.hpp"
#include "skirmish/game/player.hpp"
#include "skirmish/game/projectile.hpp"
#include "skirmish/game/rng.hpp"
#include "skirmish/game/rules.hpp"

namespace skirmish::game {

struct battle_state {
  std::uint32_t tick = 0;  // steps taken so far; the next step plays this tick
  rng random;              // seeded by the room; only the simulation draws from it
  game::rules rules;
  match_state match;
  std::array<player, max_slots> players{};
  std::array<pickup, arena::pickup_count> pickups{};
  std::uint32_t next_projectile_id = 0;
  std::uint16_t projectile_count = 0;  // projectiles[0 .. count) are in flight, oldest first
  std::array<projectile, max_projectiles> projectiles{};

  [[nodiscard]] std::span<const projectile> live_projectiles() const { return {projectiles.data(), projectile_count}; }

  // note: equality looks at live projectiles only, as the hash does.
  friend bool operator==(const battle_state& a, const battle_state& b);
};

}  // namespace skirmish::game
