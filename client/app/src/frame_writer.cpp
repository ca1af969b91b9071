// frame_writer: interpolation between two ticks and the flat frame's contents.
#include "skirmish/app/frame_writer.hpp"

#include <algorithm>
#include <chrono>

#include "skirmish/app/frame_layout.hpp"
#include "skirmish/game/arena.hpp"
#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/input.hpp"

namespace skirmish::app {
namespace {

float world(std::int32_t v) { return static_cast<float>(v) / static_cast<float>(game::px); }
float lerp(std::int32_t a, std::int32_t b, float t) { return world(a) + (world(b) - world(a)) * t; }
constexpr float radians_per_unit = 6.28318530718f / 65536.0f;

}  // namespace

float interpolation_alpha(rt::instant last_step, rt::instant now, rt::duration period) noexcept {
  if (period <= rt::duration::zero() || now <= last_step) return 0.0f;
  const auto since = std::chrono::duration<float>(now - last_step).count();
  const auto span = std::chrono::duration<float>(period).count();
  return std::clamp(since / span, 0.0f, 1.0f);
}

const std::vector<float>& frame_writer::write(const game::battle_state& s, float alpha, std::uint32_t room_tick,
                                              int me, int tick_hz, const effects& fx) {
  namespace L = frame_layout;
  const auto shots = s.live_projectiles();
  const auto sparks = fx.particles();
  out_.assign(L::header_size + game::max_slots * L::player_size + game::arena::pickup_count * L::pickup_size +
                  shots.size() * L::projectile_size + sparks.size() * L::particle_size,
              0.0f);
  float* h = out_.data();
  h[L::alpha] = alpha;
  h[L::shake_x] = fx.shake_x();
  h[L::shake_y] = fx.shake_y();
  h[L::projectile_count] = static_cast<float>(shots.size());
  h[L::particle_count] = static_cast<float>(sparks.size());
  h[L::me] = static_cast<float>(me);
  h[L::tick] = static_cast<float>(room_tick);
  h[L::match_phase] = static_cast<float>(static_cast<int>(s.match.phase));
  h[L::phase_ticks] = static_cast<float>(s.match.phase_ticks);
  h[L::winner] = s.match.winner == game::no_slot ? -1.0f : static_cast<float>(s.match.winner);
  h[L::tick_hz] = static_cast<float>(tick_hz);
  h[L::match_number] = static_cast<float>(s.match.number);

  float* p = h + L::players_at;
  for (int slot = 0; slot < game::max_slots; ++slot, p += L::player_size) {
    const game::player& pl = s.players[static_cast<std::size_t>(slot)];
    p[L::p_active] = pl.active ? 1.0f : 0.0f;
    p[L::p_alive] = pl.alive ? 1.0f : 0.0f;
    // note: a respawn teleports; lerping from the death spot would draw a streak.
    const bool teleported = game::distance_sq(pl.prev_pos, pl.pos) > std::int64_t{80 * game::px} * (80 * game::px);
    const float t = teleported ? 1.0f : alpha;
    p[L::p_x] = lerp(pl.prev_pos.x, pl.pos.x, t);
    p[L::p_y] = lerp(pl.prev_pos.y, pl.pos.y, t);
    p[L::p_aim] = static_cast<float>(pl.aim) * radians_per_unit;
    p[L::p_health] = std::clamp(static_cast<float>(pl.health) / static_cast<float>(s.rules.max_health), 0.0f, 1.0f);
    p[L::p_dashing] = pl.dashing() ? 1.0f : 0.0f;
    p[L::p_protected] = pl.spawn_protected() ? 1.0f : 0.0f;
    p[L::p_flash] = fx.flash(slot);
    p[L::p_respawn_s] = static_cast<float>(pl.respawn_ticks) / static_cast<float>(tick_hz > 0 ? tick_hz : 30);
    p[L::p_kills] = pl.kills;
    p[L::p_deaths] = pl.deaths;
    p[L::p_ability] =
        s.rules.dash_cooldown > 0
            ? 1.0f - std::clamp(static_cast<float>(pl.ability_cooldown) / static_cast<float>(s.rules.dash_cooldown), 0.0f, 1.0f)
            : 1.0f;
    p[L::p_firing] = (pl.buttons & game::input::fire) ? 1.0f : 0.0f;
    p[L::p_streak] = pl.streak;
    p[L::p_radius] = world(s.rules.player_radius);
  }
  for (const game::pickup& k : s.pickups) {
    p[L::k_x] = world(k.pos.x);
    p[L::k_y] = world(k.pos.y);
    p[L::k_available] = k.available() ? 1.0f : 0.0f;
    p += L::pickup_size;
  }
  for (const game::projectile& b : shots) {
    p[L::s_x] = lerp(b.prev_pos.x, b.pos.x, alpha);
    p[L::s_y] = lerp(b.prev_pos.y, b.pos.y, alpha);
    p[L::s_tail_x] = p[L::s_x] - world(b.vel.x) * 0.6f;
    p[L::s_tail_y] = p[L::s_y] - world(b.vel.y) * 0.6f;
    p[L::s_owner] = b.owner;
    p += L::projectile_size;
  }
  for (const particle& f : sparks) {
    p[L::f_x] = f.x;
    p[L::f_y] = f.y;
    p[L::f_size] = f.size;
    p[L::f_life] = f.span > 0 ? f.life / f.span : 0.0f;
    p[L::f_slot] = f.slot;
    p += L::particle_size;
  }
  return out_;
}

}  // namespace skirmish::app
