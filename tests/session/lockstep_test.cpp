// Lockstep agreement: sessions in one local_room (players joining late and
// leaving, bots, a late spectator) keep identical battles over thousands of
// ticks, apply presence changes at the same tick, and all see a desync
// notice when one peer reports a wrong hash.
#include "session_fixture.hpp"

#include "skirmish/game/bot_input_source.hpp"

using namespace skirmish;
using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

session_config named(std::string name, bool spectator = false) {
  session_config c;
  c.name = std::move(name);
  c.room = "auto";
  c.spectator = spectator;
  c.max_events = 1u << 20;  // keep every event: the test looks for joins and leaves
  return c;
}

// The tick of the first event of `kind` for `slot`, if any.
std::optional<wire::tick_t> event_tick(const session& s, event_kind kind, int slot) {
  for (const event& e : s.events()) {
    if (e.kind == kind && e.slot == slot) return e.tick;
  }
  return std::nullopt;
}

}  // namespace

TEST_SUITE("session: lockstep") {
  TEST_CASE("players joining and leaving, bots and a late spectator agree on every hash for 3000 ticks") {
    local_room room({.seed = 0xC0FFEE, .room = "lobby", .max_slots = 8, .input_delay = 3, .bots = 2,
                     .skill = bot_skill::level(4)});
    bot_input_source ann_in(11, bot_skill::level(3)), bob_in(12, bot_skill::level(5)), cid_in(13, bot_skill::level(2));
    room_client ann(room, named("ann"), &ann_in);
    room_client bob(room, named("bob"), &bob_in);
    room_client cid(room, named("cid"), &cid_in);
    room_client eve(room, named("eve", true), nullptr);
    rt::instant now = at_ms(0);
    ann.connect(now);
    ann.pump(now);

    std::vector<room_client*> in_room{&ann};
    int compared = 0;
    std::optional<wire::tick_t> cid_left_at;
    for (wire::tick_t t = 0; t < 3000; ++t) {
      if (t == 400) {
        bob.connect(now);
        in_room.push_back(&bob);
      }
      if (t == 900) {
        cid.connect(now);
        in_room.push_back(&cid);
      }
      if (t == 1500) {
        eve.connect(now);
        in_room.push_back(&eve);
      }
      if (t == 2000) {
        cid_left_at = room.next_tick();
        cid.s.leave();
        cid.pump(now);
        std::erase(in_room, &cid);
      }
      for (room_client* c : in_room) c->pump(now);
      room.close_tick();
      now += room.tick_period();
      for (room_client* c : in_room) c->pump(now);
      if (t % 30 == 0) {
        const std::uint64_t truth = room.mirror().state_hash();
        for (room_client* c : in_room) {
          REQUIRE(c->s.tick() == t + 1);
          CHECK(c->s.battle()->state_hash() == truth);
          ++compared;
        }
      }
    }
    CHECK(compared > 250);
    CHECK(ann.s.phase() == session_phase::live);
    CHECK(eve.s.phase() == session_phase::live);
    CHECK(cid.s.phase() == session_phase::ended);
    CHECK_FALSE(room.desync_tick().has_value());
    CHECK_FALSE(ann.s.desync().has_value());

    // Everyone still in applied bob's join and cid's leave at the same tick:
    // bob's join at his welcome's live tick, cid's leave where cid left.
    const int bob_slot = *bob.s.slot();
    const int cid_slot = *cid.s.slot();
    CHECK(bob_slot == 1);
    CHECK(cid_slot == 2);
    CHECK(event_tick(ann.s, event_kind::joined, bob_slot) == bob.s.live_tick());
    CHECK(event_tick(ann.s, event_kind::left, cid_slot) == cid_left_at);
    CHECK(event_tick(bob.s, event_kind::left, cid_slot) == cid_left_at);
    CHECK(event_tick(eve.s, event_kind::left, cid_slot) == cid_left_at);
    CHECK(ann.s.roster().find(cid_slot) == nullptr);
    CHECK(ann.s.roster().name_of(bob_slot) == "bob");
    CHECK(eve.s.roster().name_of(6) == "Bot Gale");
  }

  TEST_CASE("a peer that reports a wrong hash draws a desync notice that every session shows") {
    local_room room({.seed = 3, .room = "lobby", .max_slots = 4, .hash_interval = 10});
    bot_input_source ann_in(1), bob_in(2);
    room_client ann(room, named("ann"), &ann_in);
    room_client bob(room, named("bob"), &bob_in);
    rt::instant now = at_ms(0);
    ann.connect(now);
    ann.pump(now);
    bob.connect(now);
    bob.pump(now);
    // A third player speaking raw wire: it reports a wrong hash for tick 20.
    const auto liar = room.connect();
    room.receive(liar, encode(wire::hello{.room = "lobby", .name = "mallory"}));
    for (wire::tick_t t = 0; t < 40; ++t) {
      room.close_tick();
      now += room.tick_period();
      ann.pump(now);
      bob.pump(now);
      if (t == 20) room.receive(liar, encode(wire::hash_report{20, 0xdeadbeef}));
      (void)room.take(liar);
    }
    REQUIRE(room.desync_tick() == 20u);
    for (session* s : {&ann.s, &bob.s}) {
      REQUIRE(s->desync().has_value());
      const desync_notice& d = *s->desync();
      CHECK(d.tick == 20);
      CHECK(d.disagreeing == 0b100);  // mallory's slot, against the majority
      CHECK_FALSE(d.me_disagreeing);
      REQUIRE(d.my_hash.has_value());
      CHECK(d.reports.size() == 3);
      for (const auto& r : d.reports) {
        if (r.slot != 2) CHECK(r.hash == *d.my_hash);
      }
      CHECK(s->phase() == session_phase::live);
    }
  }
}
