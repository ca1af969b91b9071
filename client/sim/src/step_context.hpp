// Internal: what each part of a step works on, and the parts in the order
// battle::step runs them.
#pragma once

#include <vector>

#include "skirmish/game/arena.hpp"
#include "skirmish/game/battle_state.hpp"
#include "skirmish/game/event.hpp"
#include "skirmish/game/input.hpp"

namespace skirmish::game::detail {

struct step_context {
  battle_state& s;
  std::vector<event>& events;
  const arena& map;

  void emit(event e) {
    e.tick = s.tick;
    events.push_back(e);
  }
};

// match_flow.cpp
void advance_match_clock(step_context& ctx);   // warmup/countdown/ended transitions
void settle_match(step_context& ctx);          // after the fighting: limits, round clock, winner
void start_countdown(step_context& ctx);
[[nodiscard]] bool scoring(match_phase p);     // kills and deaths count
[[nodiscard]] bool firing_allowed(match_phase p);
[[nodiscard]] bool frozen(match_phase p);      // nobody moves
[[nodiscard]] int active_players(const battle_state& s);

// movement.cpp
void move_players(step_context& ctx, const inputs_by_slot& inputs);
void separate_players(step_context& ctx);

// combat.cpp
void update_lives(step_context& ctx);          // respawn timers, protection, calm
void fire_weapons(step_context& ctx, const inputs_by_slot& inputs);
void update_projectiles(step_context& ctx);
void update_health(step_context& ctx);         // health packs and regeneration
void respawn(step_context& ctx, int slot);
void clear_projectiles(battle_state& s);
void remove_projectiles_of(battle_state& s, int slot);

}  // namespace skirmish::game::detail
