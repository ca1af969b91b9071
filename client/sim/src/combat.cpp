// Fighting: life and respawn, firing, projectiles in flight, damage and kills,
// health packs and regeneration.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>

#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/trig.hpp"
#include "step_context.hpp"

namespace skirmish::game::detail {
namespace {

// Projectiles are checked for walls at points at most this far apart: far
// finer than a 40 px tile, so none is skipped; a corner may be clipped by a
// few pixels, which nobody can see.
constexpr std::int32_t projectile_step = 8 * px;

auto u8(int slot) { return static_cast<std::uint8_t>(slot); }

void damage(step_context& ctx, int victim, const projectile& pr) {
  battle_state& s = ctx.s;
  player& v = s.players[static_cast<std::size_t>(victim)];
  const std::int32_t amount = s.rules.projectile_damage;
  v.health = static_cast<std::int16_t>(std::max<std::int32_t>(v.health - amount, 0));
  v.calm_ticks = 0;
  ctx.emit({.kind = event_kind::hit, .slot = pr.owner, .other = u8(victim),
            .amount = static_cast<std::int16_t>(amount), .pos = v.pos, .projectile = pr.id});
  if (v.health > 0) return;

  v.alive = false;
  v.respawn_ticks = static_cast<std::uint16_t>(s.rules.respawn_delay);
  v.dash_ticks = 0;
  v.protect_ticks = 0;
  v.vel = {};
  v.streak = 0;
  player& killer = s.players[pr.owner];
  const bool counts = scoring(s.match.phase) && killer.active;
  if (counts) {
    ++v.deaths;
    ++killer.kills;
    ++killer.streak;
  }
  ctx.emit({.kind = event_kind::kill, .slot = killer.active ? pr.owner : no_slot, .other = u8(victim),
            .amount = counts ? killer.streak : std::int16_t{0}, .pos = v.pos, .projectile = pr.id});
}

// The players projectiles can hit (present and not invulnerable), packed
// so that the per-projectile scan below is a few compares each.
struct targets {
  std::array<vec2, max_slots> pos{};
  std::array<std::uint8_t, max_slots> slot{};
  int count = 0;
};

targets hittable(const battle_state& s) {
  targets t;
  for (int slot = 0; slot < max_slots; ++slot) {
    const player& q = s.players[static_cast<std::size_t>(slot)];
    if (!q.present() || q.invulnerable()) continue;
    t.pos[static_cast<std::size_t>(t.count)] = q.pos;
    t.slot[static_cast<std::size_t>(t.count++)] = static_cast<std::uint8_t>(slot);
  }
  return t;
}

// The targets a projectile could touch this tick: not its owner, and within
// reach of the box around its whole path.
// note: almost always none, so the exact test below rarely runs at all.
struct candidates {
  std::array<std::uint8_t, max_slots> slots{};
  int count = 0;
};

candidates near_path(const battle_state& s, const targets& t, const projectile& pr) {
  const std::int32_t reach = s.rules.player_radius + s.rules.projectile_radius;
  const vec2 end = pr.pos + pr.vel;
  const std::int32_t x0 = std::min(pr.pos.x, end.x) - reach, x1 = std::max(pr.pos.x, end.x) + reach;
  const std::int32_t y0 = std::min(pr.pos.y, end.y) - reach, y1 = std::max(pr.pos.y, end.y) + reach;
  candidates c;
  for (int i = 0; i < t.count; ++i) {
    const vec2 q = t.pos[static_cast<std::size_t>(i)];
    if (q.x < x0 || q.x > x1 || q.y < y0 || q.y > y1 || t.slot[static_cast<std::size_t>(i)] == pr.owner) continue;
    c.slots[static_cast<std::size_t>(c.count++)] = t.slot[static_cast<std::size_t>(i)];
  }
  return c;
}

// The candidate the segment a-b meets first, or -1. Players are circles
// grown by the projectile's radius; the test is exact and division free:
// with t = (q - a).d, the squared distance from q to the segment's line is
// |q - a|^2 - t^2/|d|^2, compared after multiplying through by |d|^2.
int first_hit(const battle_state& s, const candidates& c, vec2 a, vec2 b) {
  const std::int64_t reach = s.rules.player_radius + s.rules.projectile_radius;
  const std::int64_t reach2 = reach * reach;
  const vec2 d = b - a;
  const std::int64_t dd = length_sq(d);
  int best = -1;
  std::int64_t best_t = std::numeric_limits<std::int64_t>::max();
  for (int i = 0; i < c.count; ++i) {
    const int slot = c.slots[static_cast<std::size_t>(i)];
    const vec2 q = s.players[static_cast<std::size_t>(slot)].pos;
    const vec2 f = q - a;
    const std::int64_t t = dot(f, d);
    bool hit;
    std::int64_t key;  // how far along the segment the closest point lies
    if (t <= 0 || dd == 0) {
      hit = length_sq(f) <= reach2;
      key = 0;
    } else if (t >= dd) {
      hit = distance_sq(q, b) <= reach2;
      key = dd;
    } else {
      hit = length_sq(f) * dd - t * t <= reach2 * dd;
      key = t;
    }
    if (hit && key < best_t) {
      best = slot;
      best_t = key;
    }
  }
  return best;
}

enum class flight { flying, hit_player, gone };

// Moves one projectile through its tick.
flight advance(step_context& ctx, const targets& t, projectile& pr) {
  const vec2 start = pr.pos;
  const candidates near = near_path(ctx.s, t, pr);
  const std::int32_t steps = std::max(std::abs(pr.vel.x), std::abs(pr.vel.y)) / projectile_step + 1;
  const vec2 sub{pr.vel.x / steps, pr.vel.y / steps};
  for (std::int32_t k = 1; k <= steps; ++k) {
    // Equal substeps, the last one absorbing the remainder of the division.
    const vec2 next = k == steps ? start + pr.vel : pr.pos + sub;
    // note: players before walls within a substep: a player is never inside
    // a wall, so one the segment crosses stands in front of it.
    if (const int victim = first_hit(ctx.s, near, pr.pos, next); victim >= 0) {
      damage(ctx, victim, pr);
      return flight::hit_player;
    }
    if (ctx.map.solid_at(next)) {
      ctx.emit({.kind = event_kind::impact, .slot = pr.owner, .pos = pr.pos, .projectile = pr.id});
      return flight::gone;
    }
    pr.pos = next;
  }
  return --pr.ttl > 0 ? flight::flying : flight::gone;
}

}  // namespace

void respawn(step_context& ctx, int slot) {
  battle_state& s = ctx.s;
  const auto spawns = ctx.map.spawn_points();
  // The spawn point farthest from every other player on the field; the
  // search starts at a random point so equal choices are shared out.
  const std::uint32_t n = static_cast<std::uint32_t>(spawns.size());
  const std::uint32_t first = s.random.below(n);
  std::size_t best = first;
  std::int64_t best_score = -1;
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::size_t i = (first + k) % n;
    std::int64_t score = std::numeric_limits<std::int64_t>::max();
    for (int other = 0; other < max_slots; ++other) {
      const player& q = s.players[static_cast<std::size_t>(other)];
      if (other != slot && q.present()) score = std::min(score, distance_sq(spawns[i], q.pos));
    }
    if (score > best_score) {
      best = i;
      best_score = score;
    }
  }
  player& p = s.players[static_cast<std::size_t>(slot)];
  const vec2 at = spawns[best];
  const vec2 middle = scale(arena::size(), 1, 2);
  p.alive = true;
  p.pos = p.prev_pos = at;
  p.vel = p.dash_vel = {};
  p.aim = atan2_angle(middle.y - at.y, middle.x - at.x);
  p.health = static_cast<std::int16_t>(s.rules.max_health);
  p.fire_cooldown = p.ability_cooldown = p.dash_ticks = p.respawn_ticks = 0;
  p.protect_ticks = static_cast<std::uint16_t>(s.rules.spawn_protection);
  p.calm_ticks = 0;
  ctx.emit({.kind = event_kind::respawn, .slot = u8(slot), .pos = at, .angle = p.aim});
}

void update_lives(step_context& ctx) {
  battle_state& s = ctx.s;
  for (int slot = 0; slot < max_slots; ++slot) {
    player& p = s.players[static_cast<std::size_t>(slot)];
    if (!p.active) continue;
    if (p.alive) {
      // note: a dash counts down here, before moving, so its last tick of
      // movement is still covered when projectiles fly after it.
      if (p.dash_ticks > 0) --p.dash_ticks;
      if (p.protect_ticks > 0) --p.protect_ticks;
      if (p.calm_ticks < std::numeric_limits<std::uint16_t>::max()) ++p.calm_ticks;
      continue;
    }
    if (frozen(s.match.phase)) continue;
    if (p.respawn_ticks > 0) --p.respawn_ticks;
    if (p.respawn_ticks == 0) respawn(ctx, slot);
  }
}

void fire_weapons(step_context& ctx, const inputs_by_slot& inputs) {
  battle_state& s = ctx.s;
  const rules& r = s.rules;
  const bool allowed = firing_allowed(s.match.phase);
  for (int slot = 0; slot < max_slots; ++slot) {
    player& p = s.players[static_cast<std::size_t>(slot)];
    if (!p.present()) continue;
    if (p.fire_cooldown > 0) --p.fire_cooldown;
    if (!allowed || !inputs[static_cast<std::size_t>(slot)].held(input::fire)) continue;
    if (p.fire_cooldown > 0 || p.dashing()) continue;
    p.fire_cooldown = static_cast<std::uint16_t>(r.fire_interval);
    p.protect_ticks = 0;  // shooting gives up spawn protection
    if (s.projectile_count == max_projectiles) continue;
    // note: the shot starts at the shooter's centre so it can never begin
    // inside a wall the shooter is hugging; the muzzle is only cosmetic.
    projectile& pr = s.projectiles[s.projectile_count++];
    pr = {.pos = p.pos, .prev_pos = p.pos, .vel = direction(p.aim, r.projectile_speed),
          .id = s.next_projectile_id++, .owner = u8(slot), .ttl = static_cast<std::uint8_t>(r.projectile_lifetime)};
    ctx.emit({.kind = event_kind::shot, .slot = u8(slot), .pos = p.pos + direction(p.aim, r.player_radius),
              .angle = p.aim, .projectile = pr.id});
  }
}

void update_projectiles(step_context& ctx) {
  battle_state& s = ctx.s;
  targets t = hittable(s);
  std::uint16_t kept = 0;
  for (std::uint16_t i = 0; i < s.projectile_count; ++i) {
    projectile pr = s.projectiles[i];
    switch (advance(ctx, t, pr)) {
      case flight::flying: s.projectiles[kept++] = pr; break;
      case flight::hit_player: t = hittable(s); break;  // the victim may have died
      case flight::gone: break;
    }
  }
  s.projectile_count = kept;
}

void update_health(step_context& ctx) {
  battle_state& s = ctx.s;
  const rules& r = s.rules;
  if (frozen(s.match.phase)) return;
  const std::int64_t reach = r.player_radius + r.pickup_radius;
  for (std::size_t k = 0; k < s.pickups.size(); ++k) {
    pickup& pk = s.pickups[k];
    if (!pk.available() && --pk.respawn_ticks > 0) continue;
    for (int slot = 0; slot < max_slots; ++slot) {
      player& p = s.players[static_cast<std::size_t>(slot)];
      if (!p.present() || p.health >= r.max_health || distance_sq(p.pos, pk.pos) > reach * reach) continue;
      const auto healed = static_cast<std::int16_t>(std::min<std::int32_t>(r.pickup_heal, r.max_health - p.health));
      p.health = static_cast<std::int16_t>(p.health + healed);
      pk.respawn_ticks = static_cast<std::uint16_t>(r.pickup_respawn);
      ctx.emit({.kind = event_kind::pickup, .slot = u8(slot), .other = static_cast<std::uint8_t>(k),
                .amount = healed, .pos = pk.pos});
      break;
    }
  }
  for (player& p : s.players) {
    if (p.present() && p.calm_ticks >= r.regen_delay && p.health < r.max_health && s.tick % static_cast<std::uint32_t>(r.regen_interval) == 0) {
      ++p.health;
    }
  }
}

void clear_projectiles(battle_state& s) { s.projectile_count = 0; }

void remove_projectiles_of(battle_state& s, int slot) {
  std::uint16_t kept = 0;
  for (std::uint16_t i = 0; i < s.projectile_count; ++i) {
    if (s.projectiles[i].owner != slot) s.projectiles[kept++] = s.projectiles[i];
  }
  s.projectile_count = kept;
}

}  // namespace skirmish::game::detail
