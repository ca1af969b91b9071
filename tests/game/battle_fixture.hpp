// Helpers the game tests share: a battle already playing, placing players,
// and stepping with fixed inputs.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "skirmish/game/battle.hpp"

namespace skirmish::game::testing {

// No input from anybody.
inline inputs_by_slot idle() { return {}; }

// Steps n ticks with the same inputs every tick.
inline void run(battle& b, int n, const inputs_by_slot& in = idle()) {
  for (int i = 0; i < n; ++i) b.step(in);
}

// A battle with slots 0 .. players-1 joined, stepped through the countdown
// so that its first step from here plays the round.
inline battle playing_battle(int players = 2, const rules& r = {}, std::uint64_t seed = 1) {
  battle b(seed, r);
  for (int slot = 0; slot < players; ++slot) b.add_player(slot);
  while (b.state().match.phase != match_phase::playing) b.step(idle());
  return b;
}

// The centre of floor tile (tx, ty).
inline vec2 tile(int tx, int ty) { return arena::tile_center(tx, ty); }

// Puts a living player at pos, standing still, without spawn protection.
inline void place(battle& b, int slot, vec2 pos) {
  player& p = b.mutable_state().players[static_cast<std::size_t>(slot)];
  p.pos = p.prev_pos = pos;
  p.vel = {};
  p.protect_ticks = 0;
}

// Moves every player but those listed to a far corner-free spot out of the way:
// the bottom corridor, spaced apart, so tests of two players stay about two.
inline void park_others(battle& b, std::initializer_list<int> keep) {
  int n = 0;
  for (int slot = 0; slot < max_slots; ++slot) {
    bool kept = false;
    for (int k : keep) kept = kept || k == slot;
    if (kept || !b.state().players[static_cast<std::size_t>(slot)].active) continue;
    place(b, slot, tile(4 + 3 * n++, 18));
  }
}

inline const player& pl(const battle& b, int slot) { return b.state().players[static_cast<std::size_t>(slot)]; }
inline player& pl_mut(battle& b, int slot) { return b.mutable_state().players[static_cast<std::size_t>(slot)]; }

// Counts events of one kind in the last step.
inline int count_events(const battle& b, event_kind kind) {
  int n = 0;
  for (const event& e : b.events()) n += e.kind == kind ? 1 : 0;
  return n;
}

}  // namespace skirmish::game::testing
