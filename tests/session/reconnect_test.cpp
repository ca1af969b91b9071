// Reconnecting: the hello with the token and resume tick, catching up from
// the history, ending with the same state as peers that never dropped; and
// the ways a reconnect fails (dead token, lost history, the window, too many
// attempts, a welcome that changed the room).
#include "session_fixture.hpp"

#include "skirmish/game/bot_input_source.hpp"

using namespace skirmish;
using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

session_config named(std::string name, std::string room = "arena") {
  session_config c;
  c.name = std::move(name);
  c.room = std::move(room);
  return c;
}

// Ticks the room `n` times, a tick period apart on the virtual clock, and
// lets every connected client catch up after each.
void run_ticks(local_room& room, std::vector<room_client*> clients, int n, rt::instant& now) {
  for (int i = 0; i < n; ++i) {
    room.close_tick();
    now += room.tick_period();
    for (room_client* c : clients) c->pump(now);
  }
}

}  // namespace

TEST_SUITE("session: reconnect") {
  TEST_CASE("a drop keeps the battle, the hello carries the token, the real room and the first tick not applied") {
    scripted_relay relay;
    recording_source source;
    session s(named("ann", "auto"), &source);
    s.on_connected(at_ms(0));
    s.on_message(relay.welcome(), at_ms(1));
    for (wire::tick_t t = 0; t < 10; ++t) s.on_message(relay.bundle(t), at_ms(2));
    (void)drain(s);

    s.on_disconnected(at_ms(100), "network down");
    CHECK(s.phase() == session_phase::reconnecting);
    CHECK(s.status().find("network down") != std::string::npos);
    CHECK(s.wants_connection());
    CHECK(s.retry_after() == rt::duration::zero());  // the first retry is at once
    CHECK(s.tick() == 10);
    CHECK(drain(s).msgs.empty());

    s.on_connected(at_ms(150));
    CHECK(s.phase() == session_phase::reconnecting);  // until the welcome
    auto hello_sent = drain(s);
    auto hello = hello_sent.all<wire::hello>();
    REQUIRE(hello.size() == 1);
    REQUIRE(hello[0].reconnect_token.has_value());
    CHECK(*hello[0].reconnect_token == relay.base.reconnect_token);
    CHECK(hello[0].room == "arena");
    CHECK(hello[0].resume_tick == 10);
    CHECK_FALSE(hello[0].spectator);

    // The relay moved on to tick 15 meanwhile and hands out a new token.
    relay.base.current_tick = 15;
    relay.base.reconnect_token.fill(std::byte{0x77});
    s.on_message(relay.welcome(), at_ms(160));
    CHECK(s.phase() == session_phase::catching_up);
    CHECK(s.token() == relay.base.reconnect_token);
    CHECK(s.attempts() == 0);
    s.on_message(relay.history(10, 5), at_ms(161));
    CHECK(s.phase() == session_phase::live);
    for (wire::tick_t t = 15; t < 21; ++t) s.on_message(relay.bundle(t), at_ms(170));
    auto out = drain(s);
    auto inputs = out.all<wire::input>();
    REQUIRE_FALSE(inputs.empty());
    CHECK(inputs.front().tick == 15);  // from history tick 13 on: the first tick this connection can still play
    CHECK(inputs.back().tick == 22);
    auto reports = out.all<wire::hash_report>();
    REQUIRE(reports.size() == 2);
    CHECK(reports[0].tick == 15);
    CHECK(reports[1].tick == 20);

    reference_battle ref(relay.base.seed, 0);
    ref.run_to(21);
    CHECK(s.battle()->state_hash() == ref.b.state_hash());
  }

  TEST_CASE("a player dropped mid-match catches up and ends with the same hash as the peers that never dropped") {
    local_room room({.seed = 77, .room = "duel", .max_slots = 4, .hash_interval = 15, .bots = 1});
    bot_input_source ann_bot(1), bob_bot(2);
    room_client ann(room, named("ann", "auto"), &ann_bot);
    room_client bob(room, named("bob", "duel"), &bob_bot);
    session_config watch = named("eve", "duel");
    watch.spectator = true;
    room_client eve(room, watch, nullptr);
    rt::instant now = at_ms(0);
    ann.connect(now);
    ann.pump(now);
    bob.connect(now);
    bob.pump(now);
    eve.connect(now);
    eve.pump(now);
    REQUIRE(ann.s.slot() == 0);
    REQUIRE(bob.s.slot() == 1);

    run_ticks(room, {&ann, &bob, &eve}, 300, now);
    ann.lose_connection(now);
    run_ticks(room, {&ann, &bob, &eve}, 90, now);  // three seconds without ann
    CHECK(ann.s.tick() == 300);
    REQUIRE(bob.s.roster().find(0) != nullptr);
    CHECK_FALSE(bob.s.roster().find(0)->connected);
    CHECK((bob.s.battle()->presence() & 1) == 1);  // the slot is held, present, with empty inputs

    ann.connect(now);
    ann.pump(now);
    CHECK(ann.s.phase() == session_phase::live);
    CHECK(ann.s.tick() == 390);
    bob.pump(now);
    CHECK(bob.s.roster().find(0)->connected);
    run_ticks(room, {&ann, &bob, &eve}, 1110, now);

    CHECK(ann.s.tick() == 1500);
    CHECK(bob.s.tick() == 1500);
    CHECK(eve.s.tick() == 1500);
    CHECK(ann.s.battle()->state_hash() == bob.s.battle()->state_hash());
    CHECK(eve.s.battle()->state_hash() == bob.s.battle()->state_hash());
    CHECK(room.mirror().state_hash() == bob.s.battle()->state_hash());
    CHECK_FALSE(room.desync_tick().has_value());
    CHECK_FALSE(ann.s.desync().has_value());
    CHECK(ann.s.phase() == session_phase::live);
  }

  TEST_CASE("a page reload takes the slot back with a stored token, replaying the whole history") {
    local_room room({.seed = 5, .room = "r1", .max_slots = 2, .bots = 1});
    bot_input_source brain(9);
    room_client first(room, named("ann", "r1"), &brain);
    rt::instant now = at_ms(0);
    first.connect(now);
    first.pump(now);
    run_ticks(room, {&first}, 100, now);
    REQUIRE(first.s.token().has_value());
    const wire::token token = *first.s.token();
    first.lose_connection(now);  // the tab closes
    run_ticks(room, {}, 20, now);

    session_config again = named("ann", "r1");
    again.reconnect_token = token;
    room_client second(room, again, &brain);
    second.connect(now);
    second.pump(now);
    CHECK(second.s.phase() == session_phase::live);
    CHECK(second.s.slot() == first.s.slot());
    CHECK(second.s.tick() == 120);
    CHECK(second.s.battle()->state_hash() == room.mirror().state_hash());
  }

  TEST_CASE("a spectator comes back as a new spectator from the tick it needs") {
    scripted_relay relay;
    relay.base.slot = wire::spectator_slot;
    relay.base.reconnect_token = {};
    session_config c = named("eve");
    c.spectator = true;
    session s(c, nullptr);
    s.on_connected(at_ms(0));
    s.on_message(relay.welcome(), at_ms(1));
    for (wire::tick_t t = 0; t < 6; ++t) s.on_message(relay.bundle(t), at_ms(2));
    s.on_disconnected(at_ms(3));
    s.on_connected(at_ms(4));
    auto hello_sent = drain(s);
    auto hello = hello_sent.all<wire::hello>();
    REQUIRE(hello.size() == 1);
    CHECK(hello[0].spectator);
    CHECK_FALSE(hello[0].reconnect_token.has_value());
    CHECK(hello[0].resume_tick == 6);
    relay.base.current_tick = 8;
    s.on_message(relay.welcome(), at_ms(5));
    s.on_message(relay.history(6, 2), at_ms(5));
    CHECK(s.phase() == session_phase::live);
    CHECK(s.tick() == 8);
  }

  TEST_CASE("a token the relay does not know (it restarted) fails with the relay's reason") {
    local_room before({.seed = 5, .room = "r2", .max_slots = 2, .bots = 1});
    local_room after({.seed = 6, .room = "r2", .max_slots = 2, .bots = 1});
    bot_input_source brain(3);
    room_client ann(before, named("ann", "r2"), &brain);
    rt::instant now = at_ms(0);
    ann.connect(now);
    ann.pump(now);
    run_ticks(before, {&ann}, 10, now);
    ann.lose_connection(now);
    run_ticks(after, {}, 20, now);  // the new relay process runs its own room of that name
    ann.room = &after;
    ann.connect(now);
    ann.pump(now);
    CHECK(ann.s.phase() == session_phase::failed);
    REQUIRE(ann.s.last_error().has_value());
    CHECK(ann.s.last_error()->code == wire::error_code::unknown_token);
    CHECK(ann.s.status().find("no longer holds our slot") != std::string::npos);
  }

  TEST_CASE("past the room's window the relay frees the slot, and the session gives up by itself") {
    local_room room({.seed = 5, .room = "r2", .max_slots = 2, .reconnect_window_s = 1});
    bot_input_source brain(3);
    room_client ann(room, named("ann", "r2"), &brain);
    room_client bob(room, named("bob", "r2"), &brain);
    rt::instant now = at_ms(0);
    ann.connect(now);
    ann.pump(now);
    bob.connect(now);
    bob.pump(now);
    run_ticks(room, {&ann, &bob}, 10, now);
    ann.lose_connection(now);
    run_ticks(room, {&ann, &bob}, 40, now);  // past the 1 s window
    CHECK(bob.s.roster().find(0) == nullptr);  // timed out: the slot is free
    CHECK((bob.s.battle()->presence() & 1) == 0);
    ann.connect(now);
    ann.pump(now);
    CHECK(ann.s.phase() == session_phase::failed);
    CHECK(ann.s.status().find("1 s window") != std::string::npos);
  }

  TEST_CASE("history the relay no longer has fails the reconnect") {
    local_room room({.seed = 5, .room = "r3", .max_slots = 2, .bots = 1, .history_ticks = 50});
    bot_input_source brain(3);
    room_client ann(room, named("ann", "r3"), &brain);
    rt::instant now = at_ms(0);
    ann.connect(now);
    ann.pump(now);
    run_ticks(room, {&ann}, 20, now);
    ann.lose_connection(now);
    run_ticks(room, {}, 100, now);
    ann.connect(now);
    ann.pump(now);
    CHECK(ann.s.phase() == session_phase::failed);
    REQUIRE(ann.s.last_error().has_value());
    CHECK(ann.s.last_error()->code == wire::error_code::history_unavailable);
    CHECK(ann.s.status().find("no longer has the ticks we missed") != std::string::npos);
  }

  TEST_CASE("the session gives up once the room's reconnect window has passed") {
    scripted_relay relay;
    relay.base.reconnect_window_s = 10;
    recording_source source;
    session s(named("ann"), &source);
    s.on_connected(at_ms(0));
    s.on_message(relay.welcome(), at_ms(1));
    s.on_disconnected(at_ms(1000));
    CHECK(s.next_deadline() == at_ms(11000));
    s.poll(at_ms(10999));
    CHECK(s.phase() == session_phase::reconnecting);
    s.poll(at_ms(11000));
    CHECK(s.phase() == session_phase::failed);
    CHECK(s.status().find("10 s window") != std::string::npos);
    CHECK_FALSE(s.take_close().has_value());  // no connection to close
  }

  TEST_CASE("an unreachable relay: retries on the backoff schedule, then a clear failure") {
    recording_source source;
    session_config c = named("ann");
    c.max_connect_attempts = 3;
    session s(c, &source);
    CHECK(s.retry_after() == rt::duration::zero());
    s.on_disconnected(at_ms(0), "connection refused");
    CHECK(s.phase() == session_phase::reconnecting);
    CHECK(s.status().find("could not reach the relay (connection refused)") != std::string::npos);
    CHECK(s.retry_after() == rt::duration::zero());
    s.on_disconnected(at_ms(10), "connection refused");
    CHECK(s.retry_after() > rt::duration::zero());
    s.on_disconnected(at_ms(400), "connection refused");
    CHECK(s.retry_after() > rt::duration::zero());
    CHECK(s.wants_connection());
    s.on_disconnected(at_ms(1000), "connection refused");
    CHECK(s.phase() == session_phase::failed);
    CHECK(s.status().find("after 4 attempts") != std::string::npos);
    CHECK_FALSE(s.wants_connection());
  }

  TEST_CASE("leaving while reconnecting ends the session without a connection to close") {
    scripted_relay relay;
    recording_source source;
    session s(named("ann"), &source);
    s.on_connected(at_ms(0));
    s.on_message(relay.welcome(), at_ms(1));
    s.on_disconnected(at_ms(2));
    s.leave();
    CHECK(s.phase() == session_phase::ended);
    CHECK_FALSE(s.wants_connection());
    CHECK_FALSE(s.take_close().has_value());
    CHECK(drain(s).msgs.empty());
    s.on_connected(at_ms(3));  // a transport that did not notice: nothing happens
    CHECK(drain(s).msgs.empty());
  }

  TEST_CASE("slow_consumer is worth a reconnect, the session keeps its battle") {
    scripted_relay relay;
    recording_source source;
    session s(named("ann"), &source);
    s.on_connected(at_ms(0));
    s.on_message(relay.welcome(), at_ms(1));
    s.on_message(relay.bundle(0), at_ms(2));
    s.on_message(encode(wire::error{wire::error_code::slow_consumer, "too slow"}), at_ms(3));
    CHECK(s.take_close().has_value());
    CHECK(s.phase() == session_phase::live);
    s.on_disconnected(at_ms(4));
    CHECK(s.phase() == session_phase::reconnecting);
    CHECK(s.last_error()->code == wire::error_code::slow_consumer);
    s.on_connected(at_ms(5));
    auto hello_sent = drain(s);
    auto hello = hello_sent.all<wire::hello>();
    REQUIRE(hello.size() == 1);
    CHECK(hello[0].resume_tick == 1);
  }

  TEST_CASE("a welcome after a reconnect must describe the same room and slot") {
    auto reconnect_with = [](auto change, const char* why) {
      scripted_relay relay;
      recording_source source;
      session s(named("ann"), &source);
      s.on_connected(at_ms(0));
      s.on_message(relay.welcome(), at_ms(1));
      for (wire::tick_t t = 0; t < 4; ++t) s.on_message(relay.bundle(t), at_ms(2));
      s.on_disconnected(at_ms(3));
      s.on_connected(at_ms(4));
      relay.base.current_tick = 4;
      change(relay.base);
      s.on_message(relay.welcome(), at_ms(5));
      CHECK(s.phase() == session_phase::failed);
      CHECK_MESSAGE(s.status().find(why) != std::string::npos, s.status());
    };
    reconnect_with([](wire::welcome& w) { w.seed = 1; }, "changed the room's seed");
    reconnect_with([](wire::welcome& w) { w.input_delay = 5; }, "changed the room's input delay");
    reconnect_with([](wire::welcome& w) { w.start_tick = 1; w.current_tick = 4; }, "changed the room's start tick");
    reconnect_with(
        [](wire::welcome& w) {
          w.slot = 1;
          w.roster = {{1, true, "ann"}};
        },
        "gave us slot 1 instead of our slot 0");
    reconnect_with([](wire::welcome& w) { w.current_tick = 2; }, "before tick 4 that we already reached");
  }
}
