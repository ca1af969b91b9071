// Moving players: aim, the dash ability, acceleration toward the held
// direction, sliding along walls, and pushing overlapping players apart.
#include "step_context.hpp"

#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/trig.hpp"

namespace skirmish::game::detail {
namespace {

// cos(45 degrees) in Q16, so a diagonal is as fast as a straight line.
constexpr std::int64_t diagonal_q16 = 46341;

// The direction held on the keys: each component -1, 0 or 1.
vec2 held_direction(const input& in) {
  const std::int32_t x = (in.held(input::right) ? 1 : 0) - (in.held(input::left) ? 1 : 0);
  const std::int32_t y = (in.held(input::down) ? 1 : 0) - (in.held(input::up) ? 1 : 0);
  return {x, y};
}

vec2 wished_velocity(vec2 dir, std::int32_t speed) {
  if (dir.x != 0 && dir.y != 0) speed = static_cast<std::int32_t>(speed * diagonal_q16 / q16_one);
  return dir * speed;
}

// One component of the velocity easing toward its target; the last sliver
// snaps, so a held key reaches exactly the full speed.
std::int32_t approach(std::int32_t current, std::int32_t target, std::int32_t response) {
  const std::int32_t gap = target - current;
  const std::int32_t step = static_cast<std::int32_t>(std::int64_t{gap} * response / 256);
  return current + (step == 0 ? gap : step);
}

}  // namespace

void move_players(step_context& ctx, const inputs_by_slot& inputs) {
  battle_state& s = ctx.s;
  const rules& r = s.rules;
  const bool still = frozen(s.match.phase);
  for (int slot = 0; slot < max_slots; ++slot) {
    player& p = s.players[static_cast<std::size_t>(slot)];
    if (!p.active) continue;
    const input in = inputs[static_cast<std::size_t>(slot)];
    p.buttons = still ? 0 : in.buttons;
    if (!p.alive) continue;
    if (in.held(input::aim_set)) p.aim = in.aim;
    if (p.ability_cooldown > 0) --p.ability_cooldown;

    const vec2 dir = still ? vec2{} : held_direction(in);
    if (!still && in.held(input::ability) && p.ability_cooldown == 0 && !p.dashing() && r.dash_ticks > 0) {
      // Dash where the keys point, or where the weapon points when none are held.
      const angle16 heading = dir == vec2{} ? p.aim : atan2_angle(dir.y, dir.x);
      p.dash_vel = direction(heading, r.dash_speed);
      p.dash_ticks = static_cast<std::uint16_t>(r.dash_ticks);
      p.ability_cooldown = static_cast<std::uint16_t>(r.dash_cooldown);
      ctx.emit({.kind = event_kind::dash, .slot = static_cast<std::uint8_t>(slot), .pos = p.pos, .angle = heading});
    }

    vec2 v;
    if (p.dashing()) {
      v = p.dash_vel;  // update_lives counts the dash down as the next tick begins
    } else {
      const vec2 wish = wished_velocity(dir, r.move_speed);
      v = {approach(p.vel.x, wish.x, r.move_response), approach(p.vel.y, wish.y, r.move_response)};
    }
    const vec2 from = p.pos;
    p.pos = ctx.map.move(from, v, r.player_radius);
    p.vel = p.pos - from;
  }
}

void separate_players(step_context& ctx) {
  battle_state& s = ctx.s;
  const std::int32_t r = s.rules.player_radius;
  const std::int32_t min_dist = 2 * r;
  for (int i = 0; i < max_slots; ++i) {
    player& a = s.players[static_cast<std::size_t>(i)];
    if (!a.present()) continue;
    for (int j = i + 1; j < max_slots; ++j) {
      player& b = s.players[static_cast<std::size_t>(j)];
      if (!b.present()) continue;
      const vec2 d = b.pos - a.pos;
      const std::int64_t d2 = length_sq(d);
      if (d2 >= std::int64_t{min_dist} * min_dist) continue;
      // Each gives way by half the overlap; exactly on top of each other,
      // the lower slot steps left.
      vec2 push;
      if (d2 == 0) {
        push = {r, 0};
      } else {
        const std::int32_t dist = static_cast<std::int32_t>(isqrt(static_cast<std::uint64_t>(d2)));
        push = scale(d, min_dist - dist + 1, 2 * std::int64_t{dist});
      }
      a.pos = ctx.map.push_out(a.pos - push, r);
      b.pos = ctx.map.push_out(b.pos + push, r);
    }
  }
}

}  // namespace skirmish::game::detail
