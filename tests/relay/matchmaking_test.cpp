// `auto` matchmaking: the oldest room with a free slot, spectators to the
// oldest room with players, and the same directory serving two workers.
#include "relay_test_support.hpp"

#include "skirmish/relay/room_owner.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

TEST_SUITE("matchmaking") {
  TEST_CASE("auto fills the oldest open room, and a freed slot there comes first again") {
    shard_config c;
    c.room.max_players = 2;
    world w(c);
    std::vector<std::unique_ptr<client>> cs;
    std::vector<std::string> rooms;
    for (int i = 0; i < 5; ++i) {
      cs.push_back(std::make_unique<client>(w.sh));
      cs.back()->hello("auto", "p");
      const wire::welcome wel = cs.back()->welcome();
      CHECK(wel.room != "auto");
      rooms.emplace_back(wel.room);
    }
    CHECK(rooms[0] == rooms[1]);
    CHECK(rooms[2] == rooms[3]);
    CHECK(rooms[1] != rooms[2]);
    CHECK(rooms[4] != rooms[3]);
    CHECK(w.sh.rooms() == 3);

    cs[1]->send(wire::leave{});  // a slot frees up in the oldest room
    client next(w.sh);
    next.hello("auto", "n");
    CHECK(next.welcome().room == rooms[0]);
    client after(w.sh);
    after.hello("auto", "m");
    CHECK(after.welcome().room == rooms[4]);  // then the youngest open one
  }

  TEST_CASE("an auto spectator goes to the oldest room with players") {
    shard_config c;
    c.room.max_players = 2;
    world w(c);
    client s0(w.sh);
    s0.hello("auto", "s", true);  // no room with players: a new one
    const std::string empty_room(s0.welcome().room);
    client a(w.sh);
    a.hello("auto", "a");  // a spectator does not take a slot: the same room
    CHECK(a.welcome().room == empty_room);
    client s1(w.sh);
    s1.hello("auto", "s", true);
    CHECK(s1.welcome().room == empty_room);
    CHECK(s1.welcome().is_spectator());
  }

  TEST_CASE("named rooms are not matchmade") {
    world w;
    client named(w.sh);
    named.hello("lobby", "n");
    client a(w.sh);
    a.hello("auto", "a");
    CHECK(a.welcome().room != "lobby");
    CHECK(w.mm.rooms() == 1);
  }

  TEST_CASE("the directory follows a disposed room") {
    shard_config c;
    c.room.empty_grace = 1s;
    world w(c);
    auto a = std::make_unique<client>(w.sh);
    a->hello("auto", "a");
    const std::string first(a->welcome().room);
    a->send(wire::leave{});
    a.reset();
    w.run_for(2s);
    CHECK(w.sh.rooms() == 0);
    client b(w.sh);
    b.hello("auto", "b");  // the shard hands its reports to the matchmaker first
    CHECK(b.welcome().room != first);
    CHECK(w.mm.rooms() == 1);
  }

  TEST_CASE("a room whose history no longer reaches its start gets no newcomers") {
    shard_config c;
    c.room.max_players = 4;
    c.room.history_ticks = 20;
    world w(c);
    client a(w.sh);
    a.hello("auto", "a");
    const std::string old(a.welcome().room);
    room& r = *w.sh.find(old);
    w.run_ticks(r, 10);
    client b(w.sh);
    b.hello("auto", "b");
    CHECK(b.welcome().room == old);  // still within its history
    w.run_ticks(r, 20);
    CHECK_FALSE(r.open_to_joiners());
    client d(w.sh);
    d.hello("auto", "d");
    CHECK(d.error() == std::nullopt);
    CHECK(d.welcome().room != old);  // a free slot, but a newcomer could not catch up
    client s(w.sh);
    s.hello("auto", "s", true);
    CHECK(s.welcome().room != old);
  }

  TEST_CASE("two workers: the matchmaker on worker 0, rooms wherever their id hashes") {
    shard_config c0, c1;
    c0.room.max_players = c1.room.max_players = 2;
    c0.worker_count = c1.worker_count = 2;
    c0.worker_index = 0;
    c1.worker_index = 1;
    rt::manual_driver drv;
    rt::local_executor ex0(drv), ex1(drv);  // note: two threads' executors, driven here in turn
    matchmaker mm(2, random_source(7));
    shard w0(ex0, c0, random_source(1)), w1(ex1, c1, random_source(2));
    shard* workers[2] = {&w0, &w1};

    // The glue of a real relay, written out: route, assign, hand off, report.
    std::vector<std::unique_ptr<client>> joined;
    auto connect_auto = [&](std::size_t accepted_on) {
      client first(*workers[accepted_on]);
      first.hello("auto", "p");
      REQUIRE(first.sess->state() == session_state::routing);
      const route_request& route = *first.sess->route();
      CHECK(route.room.empty());  // no matchmaker on this worker: ask worker 0
      for (shard* s : workers) {
        for (const room_report& r : s->take_reports()) mm.apply(r);
      }
      const std::string room = mm.assign(route.spectator);
      const std::size_t owner = owner_of(room, 2);
      auto moved = std::make_unique<client>(*workers[owner]);
      moved->sess->on_routed_hello(route.hello, room);
      REQUIRE(moved->sess->state() == session_state::member);
      CHECK(moved->welcome().room == room);
      CHECK(workers[owner]->find(room) != nullptr);
      CHECK(workers[1 - owner]->find(room) == nullptr);
      joined.push_back(std::move(moved));
    };
    for (int i = 0; i < 8; ++i) connect_auto(static_cast<std::size_t>(i % 2));
    // Pairs share a room, oldest first, whichever worker accepted them.
    for (int i = 0; i < 8; i += 2) CHECK(joined[i]->welcome().room == joined[i + 1]->welcome().room);
    CHECK(w0.rooms() + w1.rooms() == 4);
    CHECK(mm.rooms() == 4);

    // A named hello on the wrong worker is routed to its owner, unchanged.
    const std::size_t owner = owner_of("lobby", 2);
    client wrong(*workers[1 - owner]);
    wrong.hello("lobby", "x");
    REQUIRE(wrong.sess->state() == session_state::routing);
    CHECK(wrong.sess->route()->room == "lobby");
    client right(*workers[owner]);
    right.sess->on_routed_hello(wrong.sess->route()->hello, "lobby");
    CHECK(right.welcome().room == "lobby");
    joined.clear();  // sessions go before their shards
  }
}
