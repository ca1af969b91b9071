// The bot brain: bots finish a match with a winner, stay deterministic, and
// play competently: they hunt around walls, beat weaker bots, dodge, retreat
// when hurt and hold fire at the spawn protected.
#include <doctest/doctest.h>

#include <vector>

#include "battle_fixture.hpp"
#include "skirmish/game/bot.hpp"
#include "skirmish/game/ranking.hpp"

using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

// Steps the battle once, the listed bots playing their slots, the rest idle.
void step_with(battle& b, std::vector<bot>& bots, inputs_by_slot in = {}) {
  for (bot& bt : bots) in[static_cast<std::size_t>(bt.slot())] = bt.think(b.state());
  b.step(in);
}

int kills_of(const battle& b, int slot) { return pl(b, slot).kills; }

}  // namespace

TEST_SUITE("bots") {
  TEST_CASE("eight bots play a match to its end, and someone wins it") {
    battle b(31337);
    std::vector<bot> bots;
    for (int slot = 0; slot < max_slots; ++slot) {
      b.add_player(slot);
      bots.emplace_back(slot, 1000 + slot, bot_skill::level(1 + slot % 5));
    }
    const rules& r = b.state().rules;
    const int limit = r.countdown + r.round_length + r.overtime + 10;
    int ticks = 0;
    int kills = 0;
    while (b.state().match.phase != match_phase::ended && ticks < limit) {
      step_with(b, bots);
      for (const event& e : b.events()) kills += e.kind == event_kind::kill ? 1 : 0;
      ++ticks;
    }
    REQUIRE(b.state().match.phase == match_phase::ended);
    const std::uint8_t winner = b.state().match.winner;
    REQUIRE(winner != no_slot);
    CHECK(rank_players(b.state()).order[0] == winner);
    CHECK(kills >= 30);  // a fight, not a stand-off
    MESSAGE("8 bots: " << ticks << " ticks, " << kills << " kills, slot " << int{winner} << " won with "
                       << kills_of(b, winner) << " kills");
  }

  TEST_CASE("bots are deterministic: same seeds, same game") {
    auto play = [](std::uint64_t bot_seed) {
      battle b(5);
      std::vector<bot> bots;
      for (int slot = 0; slot < 4; ++slot) {
        b.add_player(slot);
        bots.emplace_back(slot, bot_seed + slot, bot_skill::normal());
      }
      std::uint64_t h = 0;
      for (int t = 0; t < 1500; ++t) {
        step_with(b, bots);
        h = h * 31 + b.state_hash();
      }
      return h;
    };
    CHECK(play(1) == play(1));
    CHECK(play(1) != play(2));
  }

  TEST_CASE("a hard bot beats an easy one") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      battle b(seed);
      b.add_player(0);
      b.add_player(1);
      std::vector<bot> bots{bot(0, seed, bot_skill::hard()), bot(1, seed, bot_skill::easy())};
      for (int t = 0; t < 60 * tick_rate; ++t) step_with(b, bots);
      CAPTURE(seed);
      CHECK(kills_of(b, 0) > kills_of(b, 1));
      CHECK(kills_of(b, 0) >= 3);
    }
  }

  TEST_CASE("a bot hunts down an idle player across the map, around walls") {
    battle b = playing_battle(2);
    place(b, 0, tile(1, 1));
    place(b, 1, tile(30, 18));
    REQUIRE_FALSE(b.map().line_of_sight(pl(b, 0).pos, pl(b, 1).pos));
    std::vector<bot> bots{bot(0, 9, bot_skill::normal())};
    int ticks = 0;
    while (kills_of(b, 0) == 0 && ticks < 30 * tick_rate) {
      step_with(b, bots);
      ++ticks;
    }
    CHECK(kills_of(b, 0) == 1);
    MESSAGE("hunted down in " << ticks << " ticks");
  }

  TEST_CASE("a moving bot that dodges takes fewer hits than a player standing still") {
    // Slot 0 fires at slot 1 from across the open middle of the map; first
    // slot 1 stands still, then a hard bot plays it.
    auto hits_taken = [](bool with_bot) {
      rules r;
      r.regen_delay = 0;  // heal back fast so nobody dies and every shot counts
      r.regen_interval = 1;
      r.projectile_damage = 1;
      battle b = playing_battle(2, r, 3);
      park_others(b, {0, 1});
      place(b, 0, tile(5, 6));
      place(b, 1, tile(16, 6));
      std::vector<bot> bots;
      if (with_bot) bots.emplace_back(1, 4, bot_skill::hard());
      int hits = 0;
      for (int t = 0; t < 20 * tick_rate; ++t) {
        inputs_by_slot in{};
        const vec2 d = pl(b, 1).pos - pl(b, 0).pos;
        in[0] = input::aiming(atan2_angle(d.y, d.x), input::fire);
        pl_mut(b, 0).pos = tile(5, 6);  // the shooter stays put
        step_with(b, bots, in);
        for (const event& e : b.events()) hits += e.kind == event_kind::hit && e.other == 1 ? 1 : 0;
      }
      return hits;
    };
    const int standing = hits_taken(false);
    const int dodging = hits_taken(true);
    MESSAGE("hits taken standing " << standing << ", as a hard bot " << dodging);
    CHECK(standing > 50);
    CHECK(dodging * 2 < standing);
  }

  TEST_CASE("a badly hurt bot breaks line of sight or heals instead of trading shots") {
    battle b = playing_battle(2);
    park_others(b, {0, 1});
    place(b, 0, tile(9, 5));
    place(b, 1, tile(14, 7));
    REQUIRE(b.map().line_of_sight(pl(b, 0).pos, pl(b, 1).pos));
    pl_mut(b, 0).health = 20;
    std::vector<bot> bots{bot(0, 2, bot_skill::normal())};
    bool hidden_or_healed = false;
    for (int t = 0; t < 3 * tick_rate && !hidden_or_healed; ++t) {
      step_with(b, bots);
      hidden_or_healed = !b.map().line_of_sight(pl(b, 0).pos, pl(b, 1).pos) || pl(b, 0).health > 20;
    }
    CHECK(hidden_or_healed);
  }

  TEST_CASE("a bot holds fire at a spawn-protected enemy, then opens up") {
    battle b = playing_battle(2);
    park_others(b, {0, 1});
    place(b, 0, tile(3, 1));
    place(b, 1, tile(10, 1));
    pl_mut(b, 1).protect_ticks = 40;
    bot brain(0, 6, bot_skill::hard());
    bool fired_at_protected = false, fired_later = false;
    for (int t = 0; t < 80; ++t) {
      const input in = brain.think(b.state());
      if (in.held(input::fire)) (pl(b, 1).spawn_protected() ? fired_at_protected : fired_later) = true;
      inputs_by_slot all{};
      all[0] = in;
      b.step(all);
    }
    CHECK_FALSE(fired_at_protected);
    CHECK(fired_later);
  }

  TEST_CASE("a bot sends no input while dead, when its slot is empty or the match is over") {
    battle b = playing_battle(2);
    bot brain(0, 1);
    pl_mut(b, 0).alive = false;
    pl_mut(b, 0).respawn_ticks = 10;
    CHECK(brain.think(b.state()).empty());
    bot empty_slot(5, 1);
    CHECK(empty_slot.think(b.state()).empty());
    bot out_of_range(max_slots, 1);
    CHECK(out_of_range.think(b.state()).empty());
    pl_mut(b, 0).alive = true;
    b.mutable_state().match.phase = match_phase::ended;
    CHECK(brain.think(b.state()).empty());
  }

  TEST_CASE("skill levels are ordered and clamped") {
    CHECK(bot_skill::level(0) == bot_skill::easy());
    CHECK(bot_skill::level(99) == bot_skill::hard());
    for (int lvl = 1; lvl < 5; ++lvl) {
      CHECK(bot_skill::level(lvl).aim_error > bot_skill::level(lvl + 1).aim_error);
      CHECK(bot_skill::level(lvl).reaction_ticks > bot_skill::level(lvl + 1).reaction_ticks);
    }
  }
}
