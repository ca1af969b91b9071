// The ranges a rules value must keep for the simulation's integer math.
#include "skirmish/game/rules.hpp"

#include "skirmish/game/arena.hpp"

namespace skirmish::game {
namespace {

constexpr bool within(std::int32_t v, std::int32_t lo, std::int32_t hi) { return v >= lo && v <= hi; }

constexpr std::int32_t u16_max = 65535;

}  // namespace

bool valid(const rules& r) {
  // note: the radius limit keeps a player narrower than a one-tile corridor
  // and the speed limits keep substep counts and coordinates small.
  return within(r.player_radius, 2 * px, arena::tile_size / 2 - px) &&
         within(r.move_speed, 0, 16 * px) && within(r.move_response, 1, 256) &&
         within(r.max_health, 1, 10000) && within(r.regen_delay, 0, u16_max) &&
         within(r.regen_interval, 1, 10000) && within(r.fire_interval, 1, u16_max) &&
         within(r.projectile_speed, 1, 64 * px) && within(r.projectile_radius, 0, 16 * px) &&
         within(r.projectile_lifetime, 1, 255) && within(r.projectile_damage, 0, 10000) &&
         within(r.dash_speed, 0, 64 * px) && within(r.dash_ticks, 0, 1000) &&
         within(r.dash_cooldown, 0, u16_max) && within(r.respawn_delay, 0, u16_max) &&
         within(r.spawn_protection, 0, u16_max) && within(r.pickup_radius, 0, 2 * arena::tile_size) &&
         within(r.pickup_heal, 0, 10000) && within(r.pickup_respawn, 1, u16_max) &&
         within(r.min_players, 1, max_slots) && within(r.countdown, 1, 1'000'000) &&
         within(r.round_length, 1, 10'000'000) && within(r.kill_limit, 1, 32767) &&
         within(r.overtime, 1, 1'000'000) && within(r.restart_delay, 0, 1'000'000);
}

}  // namespace skirmish::game
