// Room lifecycle and caps: created by the first hello, disposed of after a
// grace period with no connection; room_full, too_many_rooms, server_full.
#include "relay_test_support.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

TEST_SUITE("lifecycle") {
  TEST_CASE("a room is created by its first hello and disposed of after the grace period") {
    shard_config c;
    c.room.empty_grace = 10s;
    world w(c);
    CHECK(w.sh.rooms() == 0);
    auto a = std::make_unique<client>(w.sh);
    a->hello("r", "a");
    CHECK(w.sh.rooms() == 1);
    CHECK(w.sh.metrics().rooms == 1);
    w.run_for(1s);
    a->send(wire::leave{});
    a.reset();
    w.run_for(9900ms);
    CHECK(w.sh.rooms() == 1);  // still in its grace period
    w.run_for(200ms);
    CHECK(w.sh.rooms() == 0);
    CHECK(w.sh.metrics().rooms == 0);
    CHECK(w.sh.metrics().players == 0);
    CHECK(w.ex.live_tasks() == 0);  // its clock is gone too

    // The same id makes a fresh room: a new seed, ticks from the start.
    client b(w.sh);
    b.hello("r", "b");
    CHECK(b.welcome().current_tick == 0);
    CHECK(w.sh.metrics().rooms_created_total == 2);
  }

  TEST_CASE("a newcomer during the grace period keeps the room") {
    world w;
    auto a = std::make_unique<client>(w.sh);
    a->hello("r", "a");
    room* r = w.sh.find("r");
    a.reset();  // a disconnect: the slot is held for the window
    w.run_for(5s);
    client b(w.sh);
    b.hello("r", "b", true);
    CHECK(w.sh.find("r") == r);
    CHECK(b.welcome().current_tick > 0);
  }

  TEST_CASE("a held slot keeps the room alive until its window ends, then the grace runs") {
    shard_config c;
    c.room.reconnect_window_s = 20;
    c.room.empty_grace = 10s;
    world w(c);
    auto a = std::make_unique<client>(w.sh);
    a->hello("r", "a");
    a->sess->on_transport_closed();
    w.run_for(25s);
    CHECK(w.sh.rooms() == 1);  // window over at 20 s, grace until 30 s
    w.run_for(6s);
    CHECK(w.sh.rooms() == 0);
  }

  TEST_CASE("room_full when every slot is taken; spectators still fit") {
    shard_config c;
    c.room.max_players = 2;
    world w(c);
    client a(w.sh), b(w.sh), x(w.sh), s(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    x.hello("r", "x");
    CHECK(x.error() == wire::error_code::room_full);
    CHECK(x.sess->out().close_code() == 4003);
    s.hello("r", "s", true);
    CHECK(s.error() == std::nullopt);
    CHECK(a.welcome().max_slots == 2);
  }

  TEST_CASE("too_many_rooms when the cap is reached and the room does not exist") {
    shard_config c;
    c.max_rooms = 2;
    world w(c);
    client a(w.sh), b(w.sh), x(w.sh), y(w.sh);
    a.hello("one", "a");
    b.hello("two", "b");
    x.hello("three", "x");
    CHECK(x.error() == wire::error_code::too_many_rooms);
    CHECK(x.sess->out().close_code() == 4004);
    y.hello("two", "y");  // an existing room is fine
    CHECK(y.error() == std::nullopt);
    CHECK(w.sh.rooms() == 2);
  }

  TEST_CASE("server_full past the connection cap") {
    shard_config c;
    c.max_connections = 2;
    world w(c);
    client a(w.sh), b(w.sh), x(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    x.hello("r", "x");
    CHECK(x.error() == wire::error_code::server_full);
  }

  TEST_CASE("a refused hello does not leave an empty room behind") {
    world w;
    client x(w.sh);
    x.hello("fresh", "x", false, 5);  // resume_tick after a new room's next tick
    CHECK(x.error() == wire::error_code::bad_tick);
    CHECK(w.sh.rooms() == 0);
    client y(w.sh);
    y.reconnect("ghost", wire::token{}, 0);
    CHECK(y.error() == wire::error_code::unknown_token);
    CHECK(w.sh.rooms() == 0);
  }

  TEST_CASE("shut_down closes every connection with shutting_down (close 1001)") {
    world w;
    client a(w.sh), b(w.sh), idle(w.sh);
    a.hello("r", "a");
    b.hello("r", "b", true);
    w.sh.shut_down();
    for (client* c : {&a, &b, &idle}) {
      CHECK(c->error() == wire::error_code::shutting_down);
      CHECK(c->sess->out().close_code() == 1001);
    }
  }
}
