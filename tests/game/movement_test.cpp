// Movement rules: acceleration to full speed, diagonals, walls, aim, the
// dash and its cooldown, and players pushing each other apart.
#include <doctest/doctest.h>

#include <cstdlib>

#include "battle_fixture.hpp"

using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {
inputs_by_slot holding(int slot, input in) {
  inputs_by_slot all{};
  all[static_cast<std::size_t>(slot)] = in;
  return all;
}
}  // namespace

TEST_SUITE("movement") {
  TEST_CASE("a held key accelerates to exactly the move speed, then keeps it") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(2, 1));
    const rules& r = b.state().rules;
    b.step(holding(0, {input::right}));
    CHECK(pl(b, 0).vel.x > 0);
    CHECK(pl(b, 0).vel.x < r.move_speed);  // eased in, not instant
    run(b, 20, holding(0, {input::right}));
    CHECK(pl(b, 0).vel == vec2{r.move_speed, 0});
    const vec2 before = pl(b, 0).pos;
    run(b, 10, holding(0, {input::right}));
    CHECK(pl(b, 0).pos.x - before.x == 10 * r.move_speed);
    CHECK(pl(b, 0).prev_pos.x == pl(b, 0).pos.x - r.move_speed);
    // Letting go eases back to a standstill.
    run(b, 30);
    CHECK(pl(b, 0).vel == vec2{});
  }

  TEST_CASE("diagonals are as fast as straight lines") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(9, 5));
    run(b, 20, holding(0, {input::down | input::right}));
    const std::int32_t speed = length(pl(b, 0).vel);
    CHECK(std::abs(speed - b.state().rules.move_speed) <= 2);
    CHECK(pl(b, 0).vel.x == pl(b, 0).vel.y);
  }

  TEST_CASE("opposite keys cancel out") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(9, 5));
    run(b, 10, holding(0, {input::left | input::right | input::up | input::down}));
    CHECK(pl(b, 0).pos == tile(9, 5));
  }

  TEST_CASE("walls stop a player at its radius from the wall") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(2, 1));
    run(b, 60, holding(0, {input::left | input::up}));
    const std::int32_t r = b.state().rules.player_radius;
    // The corner of the map: one tile of wall on the left and above.
    CHECK(std::abs(pl(b, 0).pos.x - (arena::tile_size + r)) <= 2);
    CHECK(std::abs(pl(b, 0).pos.y - (arena::tile_size + r)) <= 2);
    CHECK(pl(b, 0).vel.x == 0);
  }

  TEST_CASE("aim changes only with the aim bit; no input keeps it") {
    battle b = playing_battle();
    b.step(holding(0, input::aiming(12345)));
    CHECK(pl(b, 0).aim == 12345);
    b.step(holding(0, {input::right, 999}));
    CHECK(pl(b, 0).aim == 12345);
    b.step(idle());
    CHECK(pl(b, 0).aim == 12345);
  }

  TEST_CASE("a dash covers dash_speed * dash_ticks and then waits out its cooldown") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(2, 1));
    const rules& r = b.state().rules;
    const vec2 start = pl(b, 0).pos;
    b.step(holding(0, {input::right | input::ability}));
    CHECK(count_events(b, event_kind::dash) == 1);
    CHECK(pl(b, 0).dashing());
    CHECK(pl(b, 0).invulnerable());
    CHECK(pl(b, 0).ability_cooldown == r.dash_cooldown);
    run(b, r.dash_ticks - 1, holding(0, {input::right}));
    CHECK(pl(b, 0).pos.x - start.x == r.dash_speed * r.dash_ticks);
    CHECK(pl(b, 0).dashing());  // invulnerable through its last tick of movement
    b.step(holding(0, {input::right}));
    CHECK_FALSE(pl(b, 0).dashing());
    CHECK(pl(b, 0).pos.x - start.x < r.dash_speed * (r.dash_ticks + 1));

    // Holding the ability does nothing until the cooldown has run out.
    int dashes = 0;
    int waited = 0;
    while (dashes == 0) {
      b.step(holding(0, {input::left | input::ability}));
      dashes += count_events(b, event_kind::dash);
      ++waited;
    }
    CHECK(waited + r.dash_ticks == r.dash_cooldown);
  }

  TEST_CASE("with no key held the dash goes where the player aims") {
    battle b = playing_battle();
    park_others(b, {0});
    place(b, 0, tile(9, 5));
    b.step(holding(0, input::aiming(quarter_turn, input::ability)));  // straight down
    run(b, 10);
    CHECK(pl(b, 0).pos.x == tile(9, 5).x);
    CHECK(pl(b, 0).pos.y > tile(9, 5).y + 100 * px);
  }

  TEST_CASE("overlapping players are pushed apart") {
    battle b = playing_battle();
    park_others(b, {0, 1});
    place(b, 0, tile(9, 5));
    place(b, 1, tile(9, 5) + vec2{3 * px, 0});
    b.step(idle());
    const std::int32_t r = b.state().rules.player_radius;
    CHECK(distance_sq(pl(b, 0).pos, pl(b, 1).pos) >= std::int64_t{2 * r} * (2 * r));
    CHECK(pl(b, 0).pos.x < pl(b, 1).pos.x);
  }

  TEST_CASE("nobody moves once the match has ended") {
    rules r;
    r.kill_limit = 1;
    battle b = playing_battle(2, r);
    b.mutable_state().match.phase = match_phase::ended;
    b.mutable_state().match.phase_ticks = 100;
    const vec2 at = pl(b, 0).pos;
    run(b, 10, holding(0, {input::right | input::ability}));
    CHECK(pl(b, 0).pos == at);
    CHECK(count_events(b, event_kind::dash) == 0);
  }
}
