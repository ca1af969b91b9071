// Offline practice: a local_room fills the other slots with bots and plays the
// relay's role in-process; the player's session is the same code as online,
// the match runs to its end, and a seed gives the same match every time.
#include "session_fixture.hpp"

#include "skirmish/game/bot_input_source.hpp"

using namespace skirmish;
using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

struct practice_run {
  local_room room;
  bot_input_source autopilot;  // stands in for the person at the keyboard
  room_client me;
  rt::instant now = at_ms(0);

  explicit practice_run(std::uint64_t seed)
      : room({.seed = seed, .room = "practice", .max_slots = 4, .bots = 3, .skill = bot_skill::level(2)}),
        autopilot(seed + 1, bot_skill::level(4)),
        me(room, config(), &autopilot) {
    me.connect(now);
    me.pump(now);
  }
  static session_config config() {
    session_config c;
    c.name = "me";
    c.room = "practice";
    return c;
  }
  void tick() {
    room.close_tick();
    now += room.tick_period();
    me.pump(now);
  }
  [[nodiscard]] const battle_state& state() const { return me.s.battle()->sim().state(); }
};

}  // namespace

TEST_SUITE("session: offline practice") {
  TEST_CASE("practice vs three bots plays a whole match to a result through the session") {
    practice_run p(2026);
    REQUIRE(p.me.s.phase() == session_phase::live);
    CHECK(p.me.s.slot() == 0);
    CHECK(p.me.s.roster().size() == 4);
    CHECK(p.me.s.roster().name_of(1) == "Bot Brick");

    int kills = 0;
    const rules& r = p.state().rules;
    const int limit = r.countdown + r.round_length + r.overtime + 300;
    int ticks = 0;
    while (p.state().match.phase != match_phase::ended && ticks < limit) {
      p.tick();
      for (const event& e : p.me.s.events()) kills += e.kind == event_kind::kill ? 1 : 0;
      p.me.s.clear_events();
      ++ticks;
    }
    CHECK(p.state().match.phase == match_phase::ended);
    CHECK(kills > 10);
    CHECK(p.me.s.phase() == session_phase::live);
    CHECK(p.me.s.battle()->state_hash() == p.room.mirror().state_hash());
    CHECK_FALSE(p.room.desync_tick().has_value());
    MESSAGE("practice match ended after ", ticks, " ticks with ", kills, " kills; winner slot ",
            static_cast<int>(p.state().match.winner));

    p.me.s.leave();
    p.me.pump(p.now);
    CHECK(p.me.s.phase() == session_phase::ended);
    CHECK(p.room.finished());
  }

  TEST_CASE("the same seed gives the same match, another seed another one") {
    practice_run a(7), b(7), c(8);
    for (int i = 0; i < 900; ++i) {
      a.tick();
      b.tick();
      c.tick();
    }
    CHECK(a.me.s.battle()->state_hash() == b.me.s.battle()->state_hash());
    CHECK(a.me.s.battle()->state_hash() != c.me.s.battle()->state_hash());
  }
}
