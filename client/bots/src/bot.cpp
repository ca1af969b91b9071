// The bot brain: pick a target, move (chase around walls, strafe at range,
// back off to heal), dodge, aim with lead and wobble, fire.
#include "skirmish/game/bot.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <limits>

#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/trig.hpp"

namespace skirmish::game {
namespace {

// The keys for each eighth of a turn, starting at "right" and going clockwise
// on screen (angles grow downward, see trig.hpp).
constexpr std::uint8_t octant_keys[8] = {
    input::right, input::right | input::down, input::down, input::down | input::left,
    input::left,  input::left | input::up,    input::up,   input::up | input::right,
};

std::uint8_t keys_toward(vec2 v) {
  if (v == vec2{}) return 0;
  const angle16 a = atan2_angle(v.y, v.x);
  return octant_keys[((a + 4096) >> 13) & 7];
}

vec2 perpendicular(vec2 v) { return {-v.y, v.x}; }

// The centre of the floor tile nearest to `from` (in steps, at most
// max_steps) that `threat` cannot see, searched breadth first in a fixed
// neighbour order.
std::optional<vec2> nearest_cover(vec2 from, vec2 threat) {
  constexpr int max_steps = 6;
  constexpr int side = 2 * max_steps + 1;
  constexpr int steps[8][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
  const arena& m = arena::standard();
  const int ox = arena::tile_of(from.x) - max_steps, oy = arena::tile_of(from.y) - max_steps;
  std::array<std::uint8_t, side * side> depth{};  // 0: unseen, else steps + 1
  std::array<std::uint16_t, side * side> queue{};
  std::size_t head = 0, tail = 0;
  depth[max_steps * side + max_steps] = 1;
  queue[tail++] = max_steps * side + max_steps;
  while (head < tail) {
    const int at = queue[head++];
    const int lx = at % side, ly = at / side;
    const vec2 centre = arena::tile_center(ox + lx, oy + ly);
    if (!m.line_of_sight(threat, centre)) return centre;
    if (depth[static_cast<std::size_t>(at)] > max_steps) continue;
    for (const auto& st : steps) {
      const int nx = lx + st[0], ny = ly + st[1];
      if (nx < 0 || ny < 0 || nx >= side || ny >= side) continue;
      const int tx = ox + nx, ty = oy + ny;
      if (m.solid(tx, ty)) continue;
      if (st[0] != 0 && st[1] != 0 && (m.solid(ox + lx + st[0], oy + ly) || m.solid(ox + lx, oy + ly + st[1]))) continue;
      const std::size_t n = static_cast<std::size_t>(ny * side + nx);
      if (depth[n] != 0) continue;
      depth[n] = static_cast<std::uint8_t>(depth[static_cast<std::size_t>(at)] + 1);
      queue[tail++] = static_cast<std::uint16_t>(n);
    }
  }
  return std::nullopt;
}

// Engagement distances: close enough to hit often, far enough to dodge.
constexpr std::int32_t near_range = 170 * px;
constexpr std::int32_t far_range = 300 * px;

const arena& map() { return arena::standard(); }

}  // namespace

bot::bot(int slot, std::uint64_t seed, bot_skill skill)
    : slot_(slot), skill_(skill), random_{seed ^ (0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(slot + 1))} {}

input bot::think(const battle_state& s) {
  if (slot_ < 0 || slot_ >= max_slots) return {};
  const player& me = s.players[static_cast<std::size_t>(slot_)];
  if (!me.present() || s.match.phase == match_phase::ended) {
    target_ = -1;
    retreating_ = false;
    return {};
  }
  const rules& r = s.rules;
  input in;

  const int previous_target = target_;
  target_ = choose_target(s);
  const player* enemy = target_ >= 0 ? &s.players[static_cast<std::size_t>(target_)] : nullptr;
  const bool visible = enemy != nullptr && map().line_of_sight(me.pos, enemy->pos);
  // note: a target that ducked out of sight a moment ago still counts as
  // engaged, so a bot at a corner does not flip between chasing and strafing.
  if (target_ != previous_target) sight_memory_ = 0;
  if (visible) sight_memory_ = 15;
  else if (sight_memory_ > 0) --sight_memory_;
  const bool engaged = sight_memory_ > 0;
  // Reaction: a new target starts the clock over; one that ducks out of
  // sight for a moment is still remembered for a while.
  if (target_ != previous_target) seen_ticks_ = 0;
  else if (visible) seen_ticks_ = static_cast<std::uint16_t>(std::min(seen_ticks_ + 1, 10000));
  else if (!engaged) seen_ticks_ = 0;

  // Back off to heal below the skill's threshold; come back once mostly healed.
  const std::int32_t health_percent = me.health * 100 / r.max_health;
  if (health_percent < skill_.retreat_health) retreating_ = true;
  else if (health_percent >= 55) retreating_ = false;

  vec2 want;
  if (retreating_) want = toward(s, retreat_goal(s, me, target_, visible));
  else if (enemy != nullptr) want = engage_move(s, me, *enemy, engaged);
  else want = toward(s, scale(arena::size(), 1, 2));

  if (const threat t = incoming(s); t.found) {
    // Decide once per projectile whether this one is noticed at all.
    if (t.id != judged_threat_) {
      judged_threat_ = t.id;
      dodging_ = random_.chance(skill_.dodge_percent);
    }
    if (dodging_) {
      want = t.away;
      if (t.ticks <= 3 && me.ability_cooldown == 0 && random_.chance(skill_.dash_percent)) in.buttons |= input::ability;
    }
  }

  // Wedged against something: wander off in a random direction for a moment.
  if (unstick_left_ > 0) {
    --unstick_left_;
    want = unstick_dir_;
  } else if (want != vec2{} && length_sq(me.pos - last_pos_) < std::int64_t{px / 2} * (px / 2)) {
    if (++stuck_ticks_ > 8) {
      stuck_ticks_ = 0;
      unstick_left_ = 12;
      unstick_dir_ = direction(static_cast<angle16>(random_.below(65536)), px);
    }
  } else {
    stuck_ticks_ = 0;
  }
  last_pos_ = me.pos;
  in.buttons |= keys_toward(want);

  // A hurt bot under fire dashes away.
  if (retreating_ && me.calm_ticks < 10 && me.ability_cooldown == 0 && want != vec2{} &&
      random_.chance(skill_.dash_percent / 4)) {
    in.buttons |= input::ability;
  }

  if (enemy != nullptr) {
    in.aim = aim_at(s, me, *enemy);
    in.buttons |= input::aim_set;
    const std::int64_t range = std::int64_t{r.projectile_speed} * r.projectile_lifetime;
    const bool in_range = distance_sq(me.pos, enemy->pos) <= range * range;
    if (visible && in_range && !enemy->spawn_protected() && seen_ticks_ >= skill_.reaction_ticks &&
        random_.chance(skill_.fire_percent)) {
      in.buttons |= input::fire;
    }
  } else if (want != vec2{}) {
    in.aim = atan2_angle(want.y, want.x);
    in.buttons |= input::aim_set;
  }
  return in;
}

int bot::choose_target(const battle_state& s) const {
  const player& me = s.players[static_cast<std::size_t>(slot_)];
  int best = -1;
  std::int64_t best_score = std::numeric_limits<std::int64_t>::max();
  for (int slot = 0; slot < max_slots; ++slot) {
    const player& q = s.players[static_cast<std::size_t>(slot)];
    if (slot == slot_ || !q.present()) continue;
    // Near, in sight, hurt and already targeted count for; protected against.
    std::int64_t score = length(q.pos - me.pos);
    if (!map().line_of_sight(me.pos, q.pos)) score += 300 * px;
    if (q.spawn_protected()) score += 500 * px;
    if (slot == target_) score -= 120 * px;
    score -= std::int64_t{s.rules.max_health - q.health} * 2 * px;
    if (score < best_score) {
      best = slot;
      best_score = score;
    }
  }
  return best;
}

bot::threat bot::incoming(const battle_state& s) const {
  const player& me = s.players[static_cast<std::size_t>(slot_)];
  const std::int64_t reach = s.rules.player_radius + s.rules.projectile_radius + 8 * px;
  threat best;
  for (const projectile& pr : s.live_projectiles()) {
    if (pr.owner == slot_) continue;
    const vec2 rel = me.pos - pr.pos;
    const std::int64_t vv = length_sq(pr.vel);
    const std::int64_t along = dot(rel, pr.vel);
    if (vv == 0 || along <= 0) continue;  // still, or flying away
    const std::int64_t ticks = along / vv;
    if (ticks > 20) continue;
    const vec2 miss = me.pos - (pr.pos + scale(pr.vel, along, vv));
    if (length_sq(miss) > reach * reach) continue;
    if (!map().line_of_sight(pr.pos, me.pos)) continue;  // a wall will take it
    if (best.found && ticks >= best.ticks) continue;
    vec2 side = perpendicular(pr.vel);
    if (dot(side, miss) < 0 || (miss == vec2{} && strafe_sign_ < 0)) side = -side;
    best = {true, pr.id, static_cast<std::int32_t>(ticks), side};
  }
  return best;
}

vec2 bot::toward(const battle_state& s, vec2 goal) {
  const player& me = s.players[static_cast<std::size_t>(slot_)];
  const int gx = arena::tile_of(goal.x), gy = arena::tile_of(goal.y);
  if (!nav_.built_for(gx, gy)) nav_.build(map(), gx, gy);
  if (arena::tile_of(me.pos.x) == gx && arena::tile_of(me.pos.y) == gy) return goal - me.pos;
  return nav_.next_waypoint(map(), me.pos) - me.pos;
}

vec2 bot::engage_move(const battle_state& s, const player& me, const player& enemy, bool engaged) {
  // Out of sight or out of range: close in along the path.
  const std::int64_t d2 = distance_sq(me.pos, enemy.pos);
  if (!engaged || d2 > std::int64_t{far_range} * far_range) return toward(s, enemy.pos);

  // In a fight: strafe, changing sides now and then, and back off if too
  // close. A side that runs into a wall or out of the line of fire is
  // swapped for the other; if both are, push toward the enemy instead.
  const vec2 radial = with_length(enemy.pos - me.pos, 1024);
  if (strafe_left_ == 0) {
    strafe_left_ = static_cast<std::uint16_t>(random_.between(10, 40));
    if (random_.chance(50)) strafe_sign_ = -strafe_sign_;
  } else {
    --strafe_left_;
  }
  auto good_side = [&](vec2 side) {
    const vec2 probe = me.pos + with_length(side, 40 * px);
    return !map().solid_at(probe) && map().line_of_sight(probe, enemy.pos);
  };
  vec2 side = perpendicular(radial) * strafe_sign_;
  if (!good_side(side)) {
    strafe_sign_ = -strafe_sign_;
    side = -side;
    if (!good_side(side)) return toward(s, enemy.pos);
  }
  const bool too_close = d2 < std::int64_t{near_range} * near_range;
  return too_close ? side - radial : side;
}

angle16 bot::aim_at(const battle_state& s, const player& me, const player& enemy) {
  // Lead: where the target will be when a shot gets there, refined once.
  const std::int32_t speed = s.rules.projectile_speed;
  vec2 predicted = enemy.pos;
  for (int pass = 0; pass < 2; ++pass) {
    const std::int32_t flight = length(predicted - me.pos) / speed;
    predicted = enemy.pos + scale(enemy.vel, std::int64_t{flight} * skill_.lead_percent, 100);
  }
  // Human-like error: a wobble that drifts rather than jumping every tick.
  const std::int32_t e = skill_.aim_error;
  wobble_ = clamp(wobble_ + random_.between(-e / 3, e / 3), -e, e);
  const vec2 d = predicted - me.pos;
  return static_cast<angle16>(atan2_angle(d.y, d.x) + wobble_);
}

vec2 bot::retreat_goal(const battle_state& s, const player& me, int enemy, bool visible) const {
  // In sight of the enemy: the nearest spot behind a wall. Otherwise the
  // nearest health pack that is there, or stay hidden and let health regrow.
  if (enemy >= 0 && visible) {
    const vec2 threat_at = s.players[static_cast<std::size_t>(enemy)].pos;
    if (const auto cover = nearest_cover(me.pos, threat_at)) return *cover;
  }
  const auto packs = map().pickup_points();
  vec2 best = me.pos;
  std::int64_t best_d2 = std::numeric_limits<std::int64_t>::max();
  for (std::size_t k = 0; k < s.pickups.size(); ++k) {
    if (!s.pickups[k].available()) continue;
    const std::int64_t d2 = distance_sq(me.pos, packs[k]);
    if (d2 < best_d2) {
      best = packs[k];
      best_d2 = d2;
    }
  }
  return best;
}

}  // namespace skirmish::game
