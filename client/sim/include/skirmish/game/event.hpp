// event: something that happened during a step, for the kill feed, sounds and
// cosmetic effects; events are derived from the state and never feed back.
#pragma once

#include <cstdint>

#include "skirmish/game/limits.hpp"
#include "skirmish/game/trig.hpp"
#include "skirmish/game/vec2.hpp"

namespace skirmish::game {

// Field use per kind (unused fields keep their defaults):
//   joined, left   slot
//   phase_changed  amount = the new match_phase; slot = the winner when it is ended (or no_slot)
//   shot           slot = shooter, pos = muzzle, angle, projectile
//   hit            slot = shooter, other = victim, amount = damage, pos = victim, projectile
//   impact         slot = shooter, pos = where the projectile met a wall, projectile
//   kill           slot = killer, other = victim, amount = the killer's streak, pos = victim
//                  (slot is no_slot if the killer has left; kills score only while playing)
//   respawn        slot, pos
//   dash           slot, pos = start, angle = direction
//   pickup         slot, amount = health gained, pos = the pack, other = pack index
enum class event_kind : std::uint8_t { joined, left, phase_changed, shot, hit, impact, kill, respawn, dash, pickup };

struct event {
  std::uint32_t tick = 0;   // the tick whose step produced it
  event_kind kind = event_kind::joined;
  std::uint8_t slot = no_slot;
  std::uint8_t other = no_slot;
  std::int16_t amount = 0;
  vec2 pos;
  angle16 angle = 0;
  std::uint32_t projectile = 0;

  friend constexpr bool operator==(const event&, const event&) = default;
};

}  // namespace skirmish::game
