// Hash reports and desync detection: the majority rule, the one-second
// wait, the first bad tick only, and the tracker on its own.
#include "relay_test_support.hpp"

#include "skirmish/relay/hash_tracker.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

namespace {
void report(client& c, wire::tick_t t, std::uint64_t h) { c.send(wire::hash_report{.tick = t, .hash = h}); }
}  // namespace

TEST_SUITE("desync") {
  TEST_CASE("a wrong hash is named with its tick and slot, once, to everyone") {
    world w;
    client a(w.sh), b(w.sh), c(w.sh), spec(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    c.hello("r", "c");
    spec.hello("r", "s", true);
    room& r = *w.sh.find("r");
    w.run_ticks(r, 31);

    // Tick 0 agrees; tick 30: c disagrees with the majority.
    report(a, 0, 7);
    report(b, 0, 7);
    report(c, 0, 7);
    CHECK(a.take_all<wire::desync>().empty());
    report(a, 30, 100);
    report(b, 30, 100);
    CHECK(a.take_all<wire::desync>().empty());  // c has not reported yet, and a second has not passed
    report(c, 30, 666);
    for (client* x : {&a, &b, &c, &spec}) {
      auto d = x->take_all<wire::desync>();
      REQUIRE(d.size() == 1);
      CHECK(d[0].tick == 30);
      CHECK(d[0].disagreeing == 0b100);
      REQUIRE(d[0].reports.size() == 3);
      CHECK(d[0].reports[0] == wire::slot_hash{0, 100});
      CHECK(d[0].reports[2] == wire::slot_hash{2, 666});
    }
    // Only the first bad tick of a room is reported; the room goes on.
    w.run_ticks(r, 30);
    report(a, 60, 1);
    report(b, 60, 2);
    report(c, 60, 3);
    w.run_for(2s);
    CHECK(a.take_all<wire::desync>().empty());
    CHECK(w.sh.metrics().desyncs == 1);
    CHECK(a.error() == std::nullopt);
  }

  TEST_CASE("one second after the first report the tick is compared with what came") {
    world w;
    client a(w.sh), b(w.sh), c(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    c.hello("r", "c");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 1);
    report(a, 0, 5);
    report(b, 0, 6);  // c never reports; no strict majority among two
    w.run_for(900ms);
    CHECK(a.take_all<wire::desync>().empty());
    w.run_for(200ms);
    auto d = a.take_all<wire::desync>();
    REQUIRE(d.size() == 1);
    CHECK(d[0].tick == 0);
    CHECK(d[0].disagreeing == 0b011);
  }

  TEST_CASE("reports are owed only by connected players from their welcome on") {
    world w;
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 31);
    b.sess->on_transport_closed();  // a dropped player owes nothing
    client late(w.sh);
    late.hello("r", "late");  // joined at tick 31: owes nothing for 30
    report(a, 30, 9);
    // a is the only one owing: compared at once, one report, nothing to disagree.
    CHECK(a.take_all<wire::desync>().empty());
    report(late, 30, 10);  // ignored: tick 30 was compared already
    w.run_for(2s);
    CHECK(a.take_all<wire::desync>().empty());
  }

  TEST_CASE("hash_tracker: an earlier pending tick is compared before a later ready one") {
    hash_tracker t(std::chrono::seconds(1));
    const rt::instant now{};
    t.report(30, 0, 1, now);
    t.report(30, 1, 2, now);  // slot 2 still owes tick 30
    t.report(60, 0, 5, now);
    t.report(60, 1, 5, now);
    t.report(60, 2, 5, now);
    auto d = t.check(now, [](wire::tick_t) { return std::uint8_t{0b111}; });
    REQUIRE(d.has_value());
    CHECK(d->tick == 30);
    CHECK(d->disagreeing == 0b011);
    CHECK(t.done());
    t.report(90, 0, 1, now);
    CHECK(t.pending() == 0);
  }

  TEST_CASE("hash_tracker: the majority rule and a slot's first report") {
    hash_tracker t(std::chrono::seconds(1));
    const rt::instant now{};
    t.report(0, 0, 1, now);
    t.report(0, 0, 9, now);  // a second report of slot 0 does not count
    t.report(0, 1, 1, now);
    t.report(0, 2, 1, now);
    t.report(0, 3, 2, now);
    t.report(0, 4, 3, now);
    auto d = t.check(now, [](wire::tick_t) { return std::uint8_t{0b11111}; });
    REQUIRE(d.has_value());
    CHECK(d->disagreeing == 0b11000);
    CHECK(d->reports[0].hash == 1);
  }
}
