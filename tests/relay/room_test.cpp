// The lockstep room service on virtual time: bundles, presence, the late-input
// policy, bad ticks, history for joiners, and the tick clock.
#include "relay_test_support.hpp"

#include <array>

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

TEST_SUITE("room") {
  TEST_CASE("8 players receive identical bundle sequences, encoded once and shared") {
    world w;
    std::vector<std::unique_ptr<client>> players;
    for (int i = 0; i < 8; ++i) {
      players.push_back(std::make_unique<client>(w.sh));
      players.back()->hello("arena", std::string("p") + char('0' + i));
    }
    room* r = w.sh.find("arena");
    REQUIRE(r != nullptr);
    CHECK(r->players() == 8);
    for (int i = 0; i < 8; ++i) CHECK(players[i]->welcome().slot == i);

    // Every player sends its input for the next ticks; slot i sends "i".
    w.run_ticks(*r, 2);
    for (wire::tick_t t = r->next_tick(); t < r->next_tick() + 5; ++t) {
      for (int i = 0; i < 8; ++i) players[i]->input(t, std::string(1, char('a' + i)));
    }
    w.run_ticks(*r, 10);

    const auto reference = players[0]->bundles();
    REQUIRE(reference.size() >= 10);
    for (auto& p : players) {
      const auto mine = p->bundles();
      REQUIRE(mine.size() == reference.size());
      for (std::size_t k = 0; k < mine.size(); ++k) {
        CHECK(wire::same_bytes(mine[k].bytes(), reference[k].bytes()));
        CHECK(mine[k].same_block(reference[k]));  // one encoding, no copy per recipient
      }
    }
    // Consecutive ticks, and the inputs in slot order.
    wire::tick_t expect_tick = players[0]->welcome().current_tick;
    int with_inputs = 0;
    for (auto& b : reference) {
      auto m = wire::decode_as<wire::bundle>(b.bytes());
      REQUIRE(m.ok());
      CHECK(m->tick == expect_tick++);
      CHECK(m->presence == 0xff);
      if (!m->inputs[0].empty()) {
        ++with_inputs;
        for (std::size_t i = 0; i < 8; ++i) CHECK(wire::same_bytes(m->inputs[i], wire::as_bytes(std::string(1, char('a' + i)))));
      }
    }
    CHECK(with_inputs == 5);
    // A bundle block is referenced by 8 queues' consumers and the history.
    CHECK(w.sh.metrics().ticks_closed == r->next_tick());
  }

  TEST_CASE("a missing input is empty; an input after its tick closed is dropped and counted") {
    world w;
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    room& r = *w.sh.find("r");
    const wire::tick_t t = r.next_tick();
    a.input(t, "x");  // b sends nothing for t
    w.run_ticks(r, 1);
    b.input(t, "late");  // t is closed now
    CHECK(b.error() == std::nullopt);
    CHECK(w.sh.metrics().late_inputs_dropped == 1);
    w.run_ticks(r, 1);
    auto bundles = a.take_all<wire::bundle>();
    REQUIRE(bundles.size() == 2);
    CHECK(bundles[0].tick == t);
    CHECK(bundles[0].presence == 0b11);
    CHECK(wire::same_bytes(bundles[0].inputs[0], wire::as_bytes("x")));
    CHECK(bundles[0].inputs[1].empty());
    CHECK(bundles[1].inputs[1].empty());  // the late input went nowhere
  }

  TEST_CASE("bad_tick: a repeated, older or too distant input tick closes only the offender") {
    shard_config c;
    c.room.input_delay = 2;
    c.room.tick_hz = 30;
    world w(c);
    client good(w.sh);
    good.hello("r", "good");
    room& r = *w.sh.find("r");

    SUBCASE("repeated") {
      client bad(w.sh);
      bad.hello("r", "bad");
      bad.input(r.next_tick() + 1);
      bad.input(r.next_tick() + 1);
      CHECK(bad.error() == wire::error_code::bad_tick);
    }
    SUBCASE("going backwards") {
      client bad(w.sh);
      bad.hello("r", "bad");
      bad.input(r.next_tick() + 3);
      bad.input(r.next_tick() + 2);
      CHECK(bad.error() == wire::error_code::bad_tick);
    }
    SUBCASE("too far ahead") {
      client bad(w.sh);
      bad.hello("r", "bad");
      bad.input(r.next_tick() + 2 + 30);  // the limit itself is fine
      CHECK(bad.error() == std::nullopt);
      client worse(w.sh);
      worse.hello("r", "worse");
      worse.input(r.next_tick() + 2 + 30 + 1);
      CHECK(worse.error() == wire::error_code::bad_tick);
      CHECK(worse.sess->out().close_code() == 4007);
    }
    SUBCASE("a hash report for a tick not closed yet") {
      client bad(w.sh);
      bad.hello("r", "bad");
      bad.send(wire::hash_report{.tick = r.next_tick() + 30 - (r.next_tick() % 30), .hash = 1});
      CHECK(bad.error() == wire::error_code::bad_tick);
    }
    // The others keep getting their ticks.
    const std::size_t before = good.bundles().size();
    w.run_ticks(r, 3);
    CHECK(good.bundles().size() == before + 3);
    CHECK(good.error() == std::nullopt);
  }

  TEST_CASE("presence: a new player is present from its welcome's current_tick") {
    world w;
    client a(w.sh);
    a.hello("r", "a");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 3);
    client b(w.sh);
    b.hello("r", "b");
    const wire::tick_t from = b.welcome().current_tick;
    auto joined = a.take_all<wire::player_joined>();
    REQUIRE(joined.size() == 1);
    CHECK(joined[0].tick == from);
    CHECK(joined[0].slot == 1);
    CHECK(joined[0].name == "b");
    w.run_ticks(r, 2);
    for (auto& bundle : a.take_all<wire::bundle>()) CHECK(bundle.presence == (bundle.tick < from ? 0b01 : 0b11));
  }

  TEST_CASE("a joiner gets the whole history, then live bundles, each tick exactly once") {
    world w;
    client a(w.sh);
    a.hello("r", "a");
    room& r = *w.sh.find("r");
    for (int k = 0; k < 300; ++k) {  // more than one history message (256 ticks each)
      if (r.next_tick() % 7 == 0) a.input(r.next_tick(), "m");
      w.run_ticks(r, 1);
    }
    client late(w.sh);
    late.hello("r", "late", true);  // a spectator
    const wire::welcome wel = late.welcome();
    CHECK(wel.is_spectator());
    CHECK(wel.current_tick == 300);
    CHECK(wel.roster.size() == 1);
    w.run_ticks(r, 5);

    std::vector<wire::bundle> seen;
    std::vector<shared_bytes> history_blocks;
    for (auto& m : late.take()) {
      if (auto* h = std::get_if<wire::history>(&m)) {
        for (const wire::bundle& b : *h) seen.push_back(b);
      }
      if (auto* b = std::get_if<wire::bundle>(&m)) seen.push_back(*b);
    }
    const auto live = a.take_all<wire::bundle>();
    REQUIRE(seen.size() == 305);
    REQUIRE(live.size() == 305);
    for (std::size_t i = 0; i < seen.size(); ++i) {
      CHECK(seen[i].tick == i);
      CHECK(seen[i] == live[i]);
    }
  }

  TEST_CASE("resume_tick after the next tick is bad_tick; ticks beyond the history cap are unavailable") {
    shard_config c;
    c.room.history_ticks = 50;
    world w(c);
    client a(w.sh);
    a.hello("r", "a");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 80);
    CHECK(r.history().size() == 50);
    CHECK(r.history().begin() == 30);

    client ahead(w.sh);
    ahead.hello("r", "x", true, r.next_tick() + 1);
    CHECK(ahead.error() == wire::error_code::bad_tick);
    client fresh(w.sh);
    fresh.hello("r", "y", true, 0);
    CHECK(fresh.error() == wire::error_code::history_unavailable);
    CHECK(fresh.sess->out().close_code() == 4010);
    client recent(w.sh);
    recent.hello("r", "z", true, 30);
    CHECK(recent.error() == std::nullopt);
    auto h = recent.take_all<wire::history>();
    REQUIRE(h.size() == 1);
    CHECK(h[0].first_tick == 30);
    CHECK(h[0].count == 50);
  }

  TEST_CASE("tick lateness is measured against each tick's ideal time") {
    world w;
    client a(w.sh);
    a.hello("r", "a");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 30);
    const lateness_histogram& h = w.sh.metrics().tick_lateness;
    CHECK(h.count == 30);
    CHECK(h.sum_ns == 0);  // on a perfect clock every tick closes on time
    CHECK(h.buckets[0] == 30);

    // The worker stalls for 100 ms: the ticks due meanwhile close late, in
    // one burst, in order, none skipped.
    const wire::tick_t before = r.next_tick();
    w.drv.advance(100ms);
    w.ex.run_until_idle();
    CHECK(r.next_tick() == before + 3);
    CHECK(h.count == 33);
    CHECK(h.sum_ns > 0);
    std::uint64_t over_20ms = 0;
    for (std::size_t i = 7; i < h.buckets.size(); ++i) over_20ms += h.buckets[i];
    CHECK(over_20ms >= 1);
    auto bundles = a.take_all<wire::bundle>();
    for (std::size_t i = 1; i < bundles.size(); ++i) CHECK(bundles[i].tick == bundles[i - 1].tick + 1);
  }

  TEST_CASE("the clock runs at tick_hz from the room's creation") {
    shard_config c;
    c.room.tick_hz = 20;
    world w(c);
    client a(w.sh);
    a.hello("r", "a");
    room& r = *w.sh.find("r");
    w.run_for(1s);
    CHECK(r.next_tick() == 20);
    w.run_for(2500ms);
    CHECK(r.next_tick() == 70);
  }
}
