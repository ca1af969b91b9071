// Combat rules: projectile flight and travel time, hits, walls, death and
// respawn timing, spawn protection, dash invulnerability, fire rate,
// regeneration and health packs.
#include <doctest/doctest.h>

#include "battle_fixture.hpp"

using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

input fire_at(const battle& b, int shooter, vec2 target) {
  const vec2 d = target - pl(b, shooter).pos;
  return input::aiming(atan2_angle(d.y, d.x), input::fire);
}

inputs_by_slot only(int slot, input in) {
  inputs_by_slot all{};
  all[static_cast<std::size_t>(slot)] = in;
  return all;
}

// Steps with the given inputs until an event of the kind shows up, at most
// limit steps; returns the number of steps taken (limit + 1 if none came).
int steps_until(battle& b, event_kind kind, const inputs_by_slot& first, const inputs_by_slot& then, int limit) {
  for (int n = 1; n <= limit; ++n) {
    b.step(n == 1 ? first : then);
    if (count_events(b, kind) > 0) return n;
  }
  return limit + 1;
}

const event* find_event(const battle& b, event_kind kind) {
  for (const event& e : b.events())
    if (e.kind == kind) return &e;
  return nullptr;
}

}  // namespace

TEST_SUITE("combat") {
  TEST_CASE("a projectile flies at its speed and hits after the travel time") {
    battle b = playing_battle();
    park_others(b, {0, 1});
    place(b, 0, tile(3, 1));
    place(b, 1, tile(13, 1));
    const rules& r = b.state().rules;
    const std::int32_t gap = tile(13, 1).x - tile(3, 1).x - r.player_radius - r.projectile_radius;
    const int expected = (gap + r.projectile_speed - 1) / r.projectile_speed;

    b.step(only(0, fire_at(b, 0, pl(b, 1).pos)));
    REQUIRE(b.state().projectile_count == 1);
    const projectile& pr = b.state().projectiles[0];
    CHECK(pr.owner == 0);
    CHECK(pr.pos.x - pr.prev_pos.x == r.projectile_speed);
    CHECK(count_events(b, event_kind::shot) == 1);

    const int more = steps_until(b, event_kind::hit, idle(), idle(), 100);
    CHECK(1 + more == expected);
    const event* hit = find_event(b, event_kind::hit);
    REQUIRE(hit != nullptr);
    CHECK(hit->slot == 0);
    CHECK(hit->other == 1);
    CHECK(hit->amount == r.projectile_damage);
    CHECK(pl(b, 1).health == r.max_health - r.projectile_damage);
    CHECK(b.state().projectile_count == 0);
  }

  TEST_CASE("a player's own shots never hit it") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(9, 5));
    for (int i = 0; i < 60; ++i) b.step(only(0, input::aiming(static_cast<angle16>(i * 4000), input::fire | input::right)));
    CHECK(pl(b, 0).health == b.state().rules.max_health);
  }

  TEST_CASE("walls stop projectiles") {
    battle b = playing_battle();
    park_others(b, {0, 1});
    // Column 4: floor at row 2, wall at row 3, floor at row 5.
    place(b, 0, tile(4, 2));
    place(b, 1, tile(4, 5));
    const int n = steps_until(b, event_kind::impact, only(0, fire_at(b, 0, pl(b, 1).pos)), idle(), 20);
    CHECK(n <= 2);
    const event* impact = find_event(b, event_kind::impact);
    REQUIRE(impact != nullptr);
    CHECK(impact->slot == 0);
    CHECK_FALSE(b.map().solid_at(impact->pos));
    run(b, 30);
    CHECK(pl(b, 1).health == b.state().rules.max_health);
  }

  TEST_CASE("a projectile fizzles out after its lifetime") {
    rules r;
    r.projectile_lifetime = 5;
    battle b = playing_battle(2, r);
    park_others(b, {0});
    place(b, 0, tile(2, 1));
    b.step(only(0, input::aiming(0, input::fire)));
    run(b, 3);
    CHECK(b.state().projectile_count == 1);
    b.step(idle());
    CHECK(b.state().projectile_count == 0);
    CHECK(count_events(b, event_kind::impact) == 0);
  }

  TEST_CASE("holding fire shoots once every fire_interval ticks") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(2, 1));
    const int interval = b.state().rules.fire_interval;
    int shots = 0;
    for (int t = 0; t < 10 * interval; ++t) {
      b.step(only(0, input::aiming(0, input::fire)));
      shots += count_events(b, event_kind::shot);
    }
    CHECK(shots == 10);
  }

  TEST_CASE("enough hits kill; the victim respawns exactly respawn_delay ticks later") {
    battle b = playing_battle();
    park_others(b, {0, 1});
    place(b, 0, tile(3, 1));
    place(b, 1, tile(8, 1));
    const rules& r = b.state().rules;
    const int hits_needed = (r.max_health + r.projectile_damage - 1) / r.projectile_damage;
    int hits = 0;
    int kill_tick = -1;
    for (int t = 0; t < 200 && kill_tick < 0; ++t) {
      b.step(only(0, fire_at(b, 0, pl(b, 1).pos)));
      hits += count_events(b, event_kind::hit);
      if (const event* k = find_event(b, event_kind::kill)) {
        CHECK(k->slot == 0);
        CHECK(k->other == 1);
        CHECK(k->amount == 1);  // the killer's streak
        kill_tick = static_cast<int>(k->tick);
      }
    }
    REQUIRE(kill_tick >= 0);
    CHECK(hits == hits_needed);
    CHECK_FALSE(pl(b, 1).alive);
    CHECK(pl(b, 1).health == 0);
    CHECK(pl(b, 0).kills == 1);
    CHECK(pl(b, 0).streak == 1);
    CHECK(pl(b, 1).deaths == 1);
    run(b, r.respawn_delay - 1);
    CHECK_FALSE(pl(b, 1).alive);
    b.step(idle());
    CHECK(pl(b, 1).alive);
    CHECK(b.tick() - 1 == static_cast<std::uint32_t>(kill_tick + r.respawn_delay));
    CHECK(pl(b, 1).health == r.max_health);
    CHECK(pl(b, 1).protect_ticks == r.spawn_protection);
    CHECK(count_events(b, event_kind::respawn) == 1);
  }

  TEST_CASE("a respawn takes the spawn point farthest from everyone else") {
    battle b = playing_battle(3);
    pl_mut(b, 2).alive = false;
    pl_mut(b, 2).respawn_ticks = 1;
    // Two enemies at the top-left corner spawn: the farthest is bottom-right.
    place(b, 0, tile(2, 2));
    place(b, 1, tile(3, 2));
    b.step(idle());
    REQUIRE(pl(b, 2).alive);
    CHECK(pl(b, 2).pos == tile(30, 18));
    CHECK(pl(b, 2).prev_pos == pl(b, 2).pos);  // nothing to interpolate across the map
  }

  TEST_CASE("spawn protection lets shots through until it runs out or its owner fires") {
    battle b = playing_battle();
    park_others(b, {0, 1});
    place(b, 0, tile(3, 1));
    place(b, 1, tile(6, 1));
    pl_mut(b, 1).protect_ticks = 30;
    CHECK(pl(b, 1).invulnerable());
    for (int t = 0; t < 20; ++t) b.step(only(0, fire_at(b, 0, pl(b, 1).pos)));
    CHECK(pl(b, 1).health == b.state().rules.max_health);
    // Firing gives protection up at once.
    inputs_by_slot both{};
    both[0] = fire_at(b, 0, pl(b, 1).pos);
    both[1] = input::aiming(quarter_turn, input::fire);
    b.step(both);
    CHECK(pl(b, 1).protect_ticks == 0);
    run(b, 10, only(0, fire_at(b, 0, pl(b, 1).pos)));
    CHECK(pl(b, 1).health < b.state().rules.max_health);
  }

  TEST_CASE("a dashing player is invulnerable") {
    battle b = playing_battle();
    park_others(b, {0, 1});
    place(b, 0, tile(3, 1));
    place(b, 1, tile(12, 1));
    b.step(only(0, fire_at(b, 0, pl(b, 1).pos)));
    const std::uint32_t shot = b.state().projectiles[0].id;
    // Wait until the shot is close, then dash straight through it.
    while (pl(b, 1).pos.x - b.state().projectiles[0].pos.x > 200 * px) b.step(idle());
    b.step(only(1, {input::ability | input::left}));
    REQUIRE(pl(b, 1).dashing());
    bool hit = false;
    for (int t = 0; t < 10; ++t) {
      b.step(idle());
      for (const event& e : b.events()) hit = hit || (e.kind == event_kind::hit && e.projectile == shot);
    }
    CHECK_FALSE(hit);
    CHECK(pl(b, 1).health == b.state().rules.max_health);
    REQUIRE(b.state().projectile_count == 1);
    CHECK(b.state().projectiles[0].pos.x > pl(b, 1).pos.x);  // it went past
  }

  TEST_CASE("health regenerates after regen_delay calm ticks, one point per regen_interval") {
    battle b = playing_battle();
    park_others(b, {0});
    const rules& r = b.state().rules;
    pl_mut(b, 0).health = 50;
    pl_mut(b, 0).calm_ticks = 0;
    run(b, r.regen_delay - 1);
    CHECK(pl(b, 0).health == 50);
    run(b, 10 * r.regen_interval + 1);
    CHECK(pl(b, 0).health >= 60);
    CHECK(pl(b, 0).health <= 61);
    run(b, 2000);
    CHECK(pl(b, 0).health == r.max_health);
  }

  TEST_CASE("a health pack heals a hurt player and comes back after pickup_respawn") {
    rules slow_regen;
    slow_regen.regen_delay = 65535;  // so only the pack heals
    battle b = playing_battle(2, slow_regen);
    park_others(b, {0});
    const rules& r = b.state().rules;
    const vec2 pack = b.map().pickup_points()[0];
    place(b, 0, pack);
    b.step(idle());
    CHECK(b.state().pickups[0].available());  // full health: left for others
    pl_mut(b, 0).health = 20;
    b.step(idle());
    CHECK(pl(b, 0).health == 20 + r.pickup_heal);
    const event* e = find_event(b, event_kind::pickup);
    REQUIRE(e != nullptr);
    CHECK(e->amount == r.pickup_heal);
    CHECK(e->other == 0);
    CHECK_FALSE(b.state().pickups[0].available());
    pl_mut(b, 0).health = 20;
    run(b, r.pickup_respawn - 1);
    CHECK(pl(b, 0).health == 20);
    b.step(idle());
    CHECK(pl(b, 0).health == 20 + r.pickup_heal);
  }

  TEST_CASE("nobody can fire during the countdown") {
    battle b(5);
    b.add_player(0);
    b.add_player(1);
    b.step(idle());
    REQUIRE(b.state().match.phase == match_phase::countdown);
    run(b, 30, only(0, input::aiming(0, input::fire)));
    CHECK(b.state().projectile_count == 0);
  }

  TEST_CASE("a full projectile pool drops new shots instead of overflowing") {
    rules r;
    r.fire_interval = 1;
    r.projectile_lifetime = 255;
    r.projectile_speed = 1;
    battle b = playing_battle(8, r);
    inputs_by_slot all{};
    for (int slot = 0; slot < max_slots; ++slot) all[static_cast<std::size_t>(slot)] = input::aiming(static_cast<angle16>(slot * 8192), input::fire);
    run(b, 40, all);
    CHECK(b.state().projectile_count == max_projectiles);
  }
}
