// The match flow: warmup, countdown, the round clock, kill limit, overtime,
// draws, joining and leaving mid-match, and the restart.
#include <doctest/doctest.h>

#include "battle_fixture.hpp"
#include "skirmish/game/ranking.hpp"

using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

input fire_at(const battle& b, int shooter, vec2 target) {
  const vec2 d = target - pl(b, shooter).pos;
  return input::aiming(atan2_angle(d.y, d.x), input::fire);
}

// Has slot `killer` shoot slot `victim` dead for real: both placed in the
// open top corridor, everyone else parked, the killer firing until the kill.
void kill(battle& b, int killer, int victim) {
  std::initializer_list<int> keep = {killer, victim};
  park_others(b, keep);
  place(b, killer, tile(3, 1));
  place(b, victim, tile(8, 1));
  for (int t = 0; t < 300; ++t) {
    inputs_by_slot in{};
    in[static_cast<std::size_t>(killer)] = fire_at(b, killer, pl(b, victim).pos);
    b.step(in);
    for (const event& e : b.events())
      if (e.kind == event_kind::kill && e.other == victim) return;
  }
  FAIL("no kill happened");
}

match_phase phase(const battle& b) { return b.state().match.phase; }

}  // namespace

TEST_SUITE("match") {
  TEST_CASE("one player warms up alone; a second starts the countdown, then the round") {
    battle b(9);
    const rules& r = b.state().rules;
    CHECK(b.add_player(3));
    run(b, 100);
    CHECK(phase(b) == match_phase::warmup);
    CHECK(pl(b, 3).alive);
    CHECK(b.add_player(6));
    b.step(idle());
    CHECK(phase(b) == match_phase::countdown);
    CHECK(b.state().match.number == 1);
    CHECK(b.state().match.phase_ticks == static_cast<std::uint32_t>(r.countdown));
    run(b, r.countdown - 1);
    CHECK(phase(b) == match_phase::countdown);
    CHECK(b.state().match.phase_ticks == 1);
    b.step(idle());
    CHECK(phase(b) == match_phase::playing);
    bool announced = false;
    for (const event& e : b.events()) announced = announced || (e.kind == event_kind::phase_changed && e.amount == static_cast<int>(match_phase::playing));
    CHECK(announced);
  }

  TEST_CASE("the countdown places everyone apart and clears scores") {
    battle b(4);
    for (int slot = 0; slot < max_slots; ++slot) b.add_player(slot);
    b.step(idle());
    REQUIRE(phase(b) == match_phase::countdown);
    for (int i = 0; i < max_slots; ++i) {
      CHECK(pl(b, i).alive);
      CHECK(pl(b, i).kills == 0);
      for (int j = i + 1; j < max_slots; ++j) CHECK(pl(b, i).pos != pl(b, j).pos);
    }
  }

  TEST_CASE("kills in warmup do not score") {
    battle b(2);
    b.add_player(0);
    run(b, 2);
    b.add_player(1);
    b.mutable_state().rules.min_players = 3;  // stay in warmup with two
    run(b, 2);
    REQUIRE(phase(b) == match_phase::warmup);
    kill(b, 0, 1);
    CHECK(pl(b, 0).kills == 0);
    CHECK(pl(b, 1).deaths == 0);
  }

  TEST_CASE("reaching the kill limit ends the match with that player as winner") {
    rules r;
    r.kill_limit = 2;
    battle b = playing_battle(3, r);
    kill(b, 1, 0);
    CHECK(phase(b) == match_phase::playing);
    run(b, r.respawn_delay);
    kill(b, 1, 2);
    CHECK(phase(b) == match_phase::ended);
    CHECK(b.state().match.winner == 1);
    CHECK(b.state().projectile_count == 0);
    bool announced = false;
    for (const event& e : b.events())
      announced = announced || (e.kind == event_kind::phase_changed && e.slot == 1 && e.amount == static_cast<int>(match_phase::ended));
    CHECK(announced);
    const ranking rank = rank_players(b.state());
    CHECK(rank.count == 3);
    CHECK(rank.order[0] == 1);
  }

  TEST_CASE("when the clock runs out the sole kill leader wins") {
    battle b = playing_battle(3);
    pl_mut(b, 2).kills = 4;
    pl_mut(b, 0).kills = 3;
    b.mutable_state().match.phase_ticks = 2;
    b.step(idle());
    CHECK(phase(b) == match_phase::playing);
    CHECK(b.state().match.phase_ticks == 1);
    b.step(idle());
    CHECK(phase(b) == match_phase::ended);
    CHECK(b.state().match.winner == 2);
  }

  TEST_CASE("a tie when the clock runs out goes to overtime; the next kill decides") {
    battle b = playing_battle(3);
    pl_mut(b, 0).kills = 2;
    pl_mut(b, 1).kills = 2;
    b.mutable_state().match.phase_ticks = 1;
    b.step(idle());
    REQUIRE(phase(b) == match_phase::overtime);
    CHECK(b.state().match.phase_ticks == static_cast<std::uint32_t>(b.state().rules.overtime));
    kill(b, 1, 2);
    CHECK(phase(b) == match_phase::ended);
    CHECK(b.state().match.winner == 1);
  }

  TEST_CASE("overtime running out: fewest deaths among the tied wins, else a draw") {
    SUBCASE("fewer deaths") {
      battle b = playing_battle(2);
      pl_mut(b, 0).kills = pl_mut(b, 1).kills = 1;
      pl_mut(b, 1).deaths = 3;
      pl_mut(b, 0).deaths = 4;
      b.mutable_state().match.phase_ticks = 1;
      b.step(idle());
      REQUIRE(phase(b) == match_phase::overtime);
      b.mutable_state().match.phase_ticks = 1;
      b.step(idle());
      CHECK(phase(b) == match_phase::ended);
      CHECK(b.state().match.winner == 1);
    }
    SUBCASE("a draw") {
      battle b = playing_battle(2);
      b.mutable_state().match.phase_ticks = 1;
      b.step(idle());
      REQUIRE(phase(b) == match_phase::overtime);
      run(b, b.state().rules.overtime);
      CHECK(phase(b) == match_phase::ended);
      CHECK(b.state().match.winner == no_slot);
    }
  }

  TEST_CASE("a player joining mid-match spawns at the next step with a clean score") {
    battle b = playing_battle(2);
    pl_mut(b, 0).kills = 3;
    CHECK(b.add_player(5));
    CHECK_FALSE(b.add_player(5));
    CHECK_FALSE(b.add_player(max_slots));
    CHECK_FALSE(b.add_player(-1));
    CHECK(b.events().back().kind == event_kind::joined);
    b.step(idle());
    CHECK(pl(b, 5).alive);
    CHECK(pl(b, 5).kills == 0);
    CHECK(pl(b, 5).protect_ticks > 0);
    CHECK(pl(b, 0).kills == 3);
    CHECK(phase(b) == match_phase::playing);
    bool joined = false, spawned = false;
    for (const event& e : b.events()) {
      joined = joined || (e.kind == event_kind::joined && e.slot == 5);
      spawned = spawned || (e.kind == event_kind::respawn && e.slot == 5);
    }
    CHECK(joined);
    CHECK(spawned);
  }

  TEST_CASE("leaving takes the player's shots along; the last one standing wins") {
    battle b = playing_battle(2);
    place(b, 1, tile(3, 1));
    b.step([&] {
      inputs_by_slot in{};
      in[1] = input::aiming(0, input::fire);
      return in;
    }());
    REQUIRE(b.state().projectile_count == 1);
    CHECK(b.remove_player(1));
    CHECK_FALSE(b.remove_player(1));
    CHECK(b.state().projectile_count == 0);
    CHECK_FALSE(pl(b, 1).active);
    b.step(idle());
    CHECK(phase(b) == match_phase::ended);
    CHECK(b.state().match.winner == 0);
  }

  TEST_CASE("a countdown goes back to warmup if too few players remain") {
    battle b(3);
    b.add_player(0);
    b.add_player(1);
    b.step(idle());
    REQUIRE(phase(b) == match_phase::countdown);
    b.remove_player(0);
    b.step(idle());
    CHECK(phase(b) == match_phase::warmup);
  }

  TEST_CASE("after restart_delay a new match counts down; a delay of 0 stays ended") {
    rules r;
    r.kill_limit = 1;
    battle b = playing_battle(2, r);
    kill(b, 0, 1);
    REQUIRE(phase(b) == match_phase::ended);
    run(b, r.restart_delay - 1);
    CHECK(phase(b) == match_phase::ended);
    b.step(idle());
    CHECK(phase(b) == match_phase::countdown);
    CHECK(b.state().match.number == 2);
    CHECK(pl(b, 0).kills == 0);
    CHECK(pl(b, 1).alive);

    r.restart_delay = 0;
    battle c = playing_battle(2, r);
    kill(c, 0, 1);
    REQUIRE(phase(c) == match_phase::ended);
    run(c, 1000);
    CHECK(phase(c) == match_phase::ended);
  }

  TEST_CASE("the ranking orders by kills, then deaths, then slot") {
    battle b = playing_battle(4);
    pl_mut(b, 0).kills = 1;
    pl_mut(b, 1).kills = 3;
    pl_mut(b, 2).kills = 3;
    pl_mut(b, 2).deaths = 1;
    pl_mut(b, 3).kills = 1;
    const ranking rank = rank_players(b.state());
    CHECK(rank.slots().size() == 4);
    CHECK(rank.order[0] == 1);
    CHECK(rank.order[1] == 2);
    CHECK(rank.order[2] == 0);
    CHECK(rank.order[3] == 3);
    CHECK(sole_kill_leader(b.state()) == no_slot);
    CHECK(sole_leader(b.state()) == 1);
  }
}
