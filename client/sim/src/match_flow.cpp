// The match's phases: warmup until enough players, a countdown, the timed
// round, sudden-death overtime after a tie, the end with a winner, a restart.
#include "skirmish/game/ranking.hpp"
#include "step_context.hpp"

namespace skirmish::game::detail {
namespace {

void set_phase(step_context& ctx, match_phase phase, std::int32_t ticks) {
  ctx.s.match.phase = phase;
  ctx.s.match.phase_ticks = static_cast<std::uint32_t>(ticks);
  ctx.emit({.kind = event_kind::phase_changed,
            .slot = phase == match_phase::ended ? ctx.s.match.winner : no_slot,
            .amount = static_cast<std::int16_t>(phase)});
}

void end_match(step_context& ctx, std::uint8_t winner) {
  ctx.s.match.winner = winner;
  clear_projectiles(ctx.s);
  for (player& p : ctx.s.players) {
    p.dash_ticks = 0;
    p.vel = {};
  }
  set_phase(ctx, match_phase::ended, ctx.s.rules.restart_delay);
}

}  // namespace

bool scoring(match_phase p) { return p == match_phase::playing || p == match_phase::overtime; }
bool firing_allowed(match_phase p) { return p != match_phase::countdown && p != match_phase::ended; }
bool frozen(match_phase p) { return p == match_phase::ended; }

int active_players(const battle_state& s) {
  int n = 0;
  for (const player& p : s.players) n += p.active ? 1 : 0;
  return n;
}

void start_countdown(step_context& ctx) {
  battle_state& s = ctx.s;
  ++s.match.number;
  s.match.winner = no_slot;
  clear_projectiles(s);
  for (pickup& pk : s.pickups) pk.respawn_ticks = 0;
  for (player& p : s.players) {
    p.kills = p.deaths = p.streak = 0;
    p.alive = false;
  }
  // note: placed one by one in slot order; each goes to the spawn point
  // farthest from those already placed, which spreads everyone out.
  for (int slot = 0; slot < max_slots; ++slot) {
    if (s.players[static_cast<std::size_t>(slot)].active) respawn(ctx, slot);
  }
  set_phase(ctx, match_phase::countdown, s.rules.countdown);
}

void advance_match_clock(step_context& ctx) {
  battle_state& s = ctx.s;
  const bool enough = active_players(s) >= s.rules.min_players;
  switch (s.match.phase) {
    case match_phase::warmup:
      if (enough) start_countdown(ctx);
      break;
    case match_phase::countdown:
      if (!enough) set_phase(ctx, match_phase::warmup, 0);
      else if (--s.match.phase_ticks == 0) set_phase(ctx, match_phase::playing, s.rules.round_length);
      break;
    case match_phase::ended:
      if (s.match.phase_ticks > 0 && --s.match.phase_ticks == 0) {
        if (enough) start_countdown(ctx);
        else set_phase(ctx, match_phase::warmup, 0);
      }
      break;
    case match_phase::playing:
    case match_phase::overtime:
      break;  // settled after the fighting, in settle_match
  }
}

void settle_match(step_context& ctx) {
  battle_state& s = ctx.s;
  if (!scoring(s.match.phase)) return;
  if (active_players(s) < s.rules.min_players) {
    // Players left mid-match: whoever leads among those still here wins.
    end_match(ctx, sole_leader(s));
    return;
  }
  const std::uint8_t leader = sole_kill_leader(s);
  if (s.match.phase == match_phase::playing) {
    if (leader != no_slot && s.players[leader].kills >= s.rules.kill_limit) {
      end_match(ctx, leader);
    } else if (--s.match.phase_ticks == 0) {
      if (leader != no_slot) end_match(ctx, leader);
      else set_phase(ctx, match_phase::overtime, s.rules.overtime);
    }
  } else if (leader != no_slot) {
    end_match(ctx, leader);  // sudden death: the tie is broken
  } else if (--s.match.phase_ticks == 0) {
    end_match(ctx, sole_leader(s));  // fewest deaths among the tied, or a draw
  }
}

}  // namespace skirmish::game::detail
