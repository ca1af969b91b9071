// battle: construction, joins and leaves, and the order of a step's parts.
#include "skirmish/game/battle.hpp"

#include <algorithm>

#include "step_context.hpp"

namespace skirmish::game {

battle::battle(std::uint64_t seed, const game::rules& r) {
  state_.random.state = seed;
  state_.rules = valid(r) ? r : game::rules{};
  const auto points = arena::standard().pickup_points();
  for (std::size_t k = 0; k < state_.pickups.size(); ++k) state_.pickups[k].pos = points[k];
  events_.reserve(64);
}

bool battle::add_player(int slot) {
  if (slot < 0 || slot >= max_slots || state_.players[static_cast<std::size_t>(slot)].active) return false;
  // A fresh player: not alive, no respawn wait, so the next step spawns it.
  player& p = state_.players[static_cast<std::size_t>(slot)];
  p = player{};
  p.active = true;
  events_.push_back({.tick = state_.tick, .kind = event_kind::joined, .slot = static_cast<std::uint8_t>(slot)});
  return true;
}

bool battle::remove_player(int slot) {
  if (slot < 0 || slot >= max_slots || !state_.players[static_cast<std::size_t>(slot)].active) return false;
  detail::remove_projectiles_of(state_, slot);
  state_.players[static_cast<std::size_t>(slot)] = player{};
  events_.push_back({.tick = state_.tick, .kind = event_kind::left, .slot = static_cast<std::uint8_t>(slot)});
  return true;
}

void battle::step(const inputs_by_slot& inputs) {
  // Keep only what happened since the last step (joins and leaves).
  std::erase_if(events_, [&](const event& e) { return e.tick < state_.tick; });
  detail::step_context ctx{state_, events_, arena::standard()};

  for (player& p : state_.players) p.prev_pos = p.pos;
  for (std::uint16_t i = 0; i < state_.projectile_count; ++i) state_.projectiles[i].prev_pos = state_.projectiles[i].pos;

  // note: the order is part of the rules (and of the golden hashes): the
  // clock first, then respawns, moves, shots, flight, healing, and the score.
  detail::advance_match_clock(ctx);
  detail::update_lives(ctx);
  detail::move_players(ctx, inputs);
  detail::separate_players(ctx);
  detail::fire_weapons(ctx, inputs);
  detail::update_projectiles(ctx);
  detail::update_health(ctx);
  detail::settle_match(ctx);
  ++state_.tick;
}

}  // namespace skirmish::game
