// The session against a scripted relay: hello, welcome, history replay then
// live bundles, inputs for t + delay, hash reports, pings, the roster,
// presence changes, desync notices, relay errors, leaving, spectators.
#include "session_fixture.hpp"

using namespace skirmish;
using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

session_config config_for(std::string name = "ann", std::string room = "arena") {
  session_config c;
  c.name = std::move(name);
  c.room = std::move(room);
  return c;
}

// A session that said hello and got the relay's welcome.
struct joined {
  scripted_relay relay;
  recording_source source;
  session s;
  explicit joined(session_config c = config_for(), wire::tick_t current = 0) : s(std::move(c), &source) {
    relay.base.current_tick = current;
    s.on_connected(at_ms(0));
    (void)drain(s);
    s.on_message(relay.welcome(), at_ms(10));
  }
};

}  // namespace

TEST_SUITE("session: joining and playing") {
  TEST_CASE("the first message is a hello with the name, the room and resume tick 0") {
    recording_source source;
    session s(config_for("ann", "auto"), &source);
    CHECK(s.phase() == session_phase::connecting);
    CHECK(s.wants_connection());
    s.on_connected(at_ms(0));
    CHECK(s.phase() == session_phase::joining);
    CHECK_FALSE(s.wants_connection());
    auto out = drain(s);
    REQUIRE(out.msgs.size() == 1);
    auto* h = std::get_if<wire::hello>(&out.msgs[0]);
    REQUIRE(h != nullptr);
    CHECK(h->name == "ann");
    CHECK(h->room == "auto");
    CHECK_FALSE(h->spectator);
    CHECK_FALSE(h->reconnect_token.has_value());
    CHECK(h->resume_tick == 0);
  }

  TEST_CASE("matchmaking: the welcome's real room replaces auto") {
    scripted_relay relay;
    recording_source source;
    session s(config_for("ann", "auto"), &source);
    s.on_connected(at_ms(0));
    s.on_message(relay.welcome(), at_ms(5));
    CHECK(s.phase() == session_phase::live);
    CHECK(s.room() == "arena");
    CHECK(s.slot() == 0);
    CHECK(s.token() == relay.base.reconnect_token);
    CHECK(s.input_delay() == 2);
    CHECK(s.hash_interval() == 5);
    CHECK(s.seed() == 4242);
  }

  TEST_CASE("history is replayed, then live bundles follow, inputs go out for t + delay") {
    joined j(config_for(), 12);
    CHECK(j.s.phase() == session_phase::catching_up);
    CHECK(j.s.live_tick() == 12);
    (void)drain(j.s);  // the welcome's ping

    j.s.on_message(j.relay.history(0, 8), at_ms(20));
    CHECK(j.s.phase() == session_phase::catching_up);
    CHECK(j.s.tick() == 8);
    auto none = drain(j.s);
    CHECK(none.msgs.empty());  // ticks 0-7 + 2 are all before the live tick: no input, no report

    j.s.on_message(j.relay.history(8, 4), at_ms(21));
    CHECK(j.s.phase() == session_phase::live);
    CHECK(j.s.tick() == 12);
    auto out = drain(j.s);
    // After ticks 10 and 11 the session sends input for 12 and 13; tick 10's hash is history, not reported.
    auto inputs = out.all<wire::input>();
    REQUIRE(inputs.size() == 2);
    CHECK(inputs[0].tick == 12);
    CHECK(inputs[1].tick == 13);
    CHECK(out.count<wire::hash_report>() == 0);
    const auto expected = scripted_input(12, 0);
    CHECK(wire::same_bytes(inputs[0].payload, expected));
    CHECK(j.source.asked == std::vector<std::pair<wire::tick_t, int>>{{12, 0}, {13, 0}});

    // Live: bundle t gives input t + 2, and a hash report at every multiple of 5.
    for (wire::tick_t t = 12; t < 31; ++t) {
      j.s.on_message(j.relay.bundle(t), at_ms(30 + t));
      auto sent = drain(j.s);
      auto in = sent.all<wire::input>();
      REQUIRE(in.size() == 1);
      CHECK(in[0].tick == t + 2);
      auto reports = sent.all<wire::hash_report>();
      if (t % 5 == 0) {
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].tick == t);
        reference_battle ref(4242, 0);
        ref.run_to(t + 1);
        CHECK(reports[0].hash == ref.b.state_hash());
      } else {
        CHECK(reports.empty());
      }
    }
    CHECK(j.s.tick() == 31);
    CHECK(j.s.phase() == session_phase::live);
    reference_battle ref(4242, 0);
    ref.run_to(31);
    CHECK(j.s.battle()->state_hash() == ref.b.state_hash());
  }

  TEST_CASE("a start tick above 0 maps room ticks onto the battle's own") {
    scripted_relay relay;
    relay.base.start_tick = 1000;
    relay.base.current_tick = 1003;
    recording_source source;
    session s(config_for(), &source);
    s.on_connected(at_ms(0));
    s.on_message(relay.welcome(), at_ms(1));
    s.on_message(relay.history(1000, 3), at_ms(2));
    s.on_message(relay.bundle(1003), at_ms(3));
    CHECK(s.phase() == session_phase::live);
    CHECK(s.tick() == 1004);
    CHECK(s.battle()->sim().tick() == 4);
    auto out = drain(s);
    CHECK(out.all<wire::input>().back().tick == 1005);
  }

  TEST_CASE("ping goes out at the welcome and about once a second, pong gives the round trip") {
    joined j;
    auto first_sent = drain(j.s);
    auto first = first_sent.all<wire::ping>();
    REQUIRE(first.size() == 1);
    CHECK(j.s.next_deadline() == at_ms(10) + 1s);
    j.s.on_message(encode(wire::pong{first[0].client_time, 0}), at_ms(55));
    REQUIRE(j.s.ping().has_value());
    CHECK(*j.s.ping() == 45ms);
    CHECK(j.s.relay_tick() == 0u);

    j.s.poll(at_ms(500));
    CHECK(drain(j.s).count<wire::ping>() == 0);
    j.s.poll(at_ms(1010));
    auto second_sent = drain(j.s);
    auto second = second_sent.all<wire::ping>();
    REQUIRE(second.size() == 1);
    j.s.on_message(j.relay.bundle(0), at_ms(1011));
    j.s.on_message(encode(wire::pong{second[0].client_time, 1}), at_ms(1035));
    CHECK(*j.s.ping() == 25ms);
    CHECK(*j.s.smoothed_ping() == 42500us);  // 45 ms, then an eighth of the way to 25 ms
    CHECK(j.s.relay_tick() == 1u);
  }

  TEST_CASE("the roster follows the welcome and the join and leave notices") {
    joined j;
    CHECK(j.s.roster().size() == 2);
    CHECK(j.s.roster().name_of(1) == "bob");
    j.s.on_message(encode(wire::player_joined{3, 2, false, "cid"}), at_ms(20));
    CHECK(j.s.roster().name_of(2) == "cid");
    j.s.on_message(encode(wire::player_left{4, 1, wire::leave_reason::disconnected, "bob"}), at_ms(21));
    REQUIRE(j.s.roster().find(1) != nullptr);
    CHECK_FALSE(j.s.roster().find(1)->connected);
    j.s.on_message(encode(wire::player_joined{5, 1, true, "bob"}), at_ms(22));
    CHECK(j.s.roster().find(1)->connected);
    j.s.on_message(encode(wire::player_left{6, 2, wire::leave_reason::left, "cid"}), at_ms(23));
    CHECK(j.s.roster().find(2) == nullptr);
    CHECK(j.s.roster().name_of(2) == "player 3");
    CHECK(j.s.phase() == session_phase::live);
  }

  TEST_CASE("presence changes add and remove players exactly at the tick the mask says") {
    joined j;
    for (wire::tick_t t = 0; t < 10; ++t) j.s.on_message(j.relay.bundle(t), at_ms(20));
    const auto& players = j.s.battle()->sim().state().players;
    CHECK_FALSE(players[2].active);
    j.relay.presence = 0b111;  // slot 2 is present from tick 10
    j.s.on_message(j.relay.bundle(10), at_ms(30));
    CHECK(players[2].active);
    bool joined_event = false;
    for (const event& e : j.s.events()) joined_event |= e.kind == event_kind::joined && e.slot == 2 && e.tick == 10;
    CHECK(joined_event);
    j.relay.presence = 0b101;  // slot 1 is absent from tick 11
    j.s.on_message(j.relay.bundle(11), at_ms(31));
    CHECK_FALSE(players[1].active);
    CHECK(players[2].active);
    CHECK(j.s.battle()->presence() == 0b101);
  }

  TEST_CASE("a desync notice is surfaced with our own hash of that tick") {
    joined j;
    for (wire::tick_t t = 0; t < 12; ++t) j.s.on_message(j.relay.bundle(t), at_ms(20));
    auto reports_sent = drain(j.s);
    auto reports = reports_sent.all<wire::hash_report>();
    REQUIRE(reports.size() == 3);  // ticks 0, 5, 10
    wire::desync d{.tick = 5, .disagreeing = 0b01};
    (void)d.reports.push_back({0, reports[1].hash});
    (void)d.reports.push_back({1, 0xbad});
    (void)d.reports.push_back({2, 0xbad});
    j.s.on_message(encode(d), at_ms(40));
    REQUIRE(j.s.desync().has_value());
    CHECK(j.s.desync()->tick == 5);
    CHECK(j.s.desync()->me_disagreeing);
    CHECK(j.s.desync()->my_hash == reports[1].hash);
    CHECK(j.s.desync()->reports.size() == 3);
    CHECK(j.s.phase() == session_phase::live);  // the room goes on
  }

  TEST_CASE("a relay error fails the session with a readable reason and the code") {
    joined j;
    j.s.on_message(encode(wire::error{wire::error_code::rate_limited, "slow down"}), at_ms(20));
    CHECK(j.s.phase() == session_phase::failed);
    REQUIRE(j.s.last_error().has_value());
    CHECK(j.s.last_error()->code == wire::error_code::rate_limited);
    CHECK(j.s.last_error()->reason == "slow down");
    CHECK(j.s.status().find("rate_limited") != std::string::npos);
    CHECK(j.s.status().find("slow down") != std::string::npos);
    CHECK(j.s.take_close().has_value());
    CHECK_FALSE(j.s.wants_connection());
  }

  TEST_CASE("an error code this build does not know is still shown") {
    joined j;
    j.s.on_message(encode(wire::error{static_cast<wire::error_code>(99), "new in v2"}), at_ms(20));
    CHECK(j.s.phase() == session_phase::failed);
    CHECK(j.s.status() == "the relay reported an error (unknown: new in v2)");
    CHECK(static_cast<int>(j.s.last_error()->code) == 99);
  }

  TEST_CASE("an error instead of a welcome (room_full) fails the join") {
    recording_source source;
    session s(config_for(), &source);
    s.on_connected(at_ms(0));
    s.on_message(encode(wire::error{wire::error_code::room_full, "room is full"}), at_ms(1));
    CHECK(s.phase() == session_phase::failed);
    CHECK(s.status().find("the room is full") != std::string::npos);
  }

  TEST_CASE("room_closed and shutting_down end the session rather than fail it") {
    joined j;
    j.s.on_message(encode(wire::error{wire::error_code::shutting_down, "bye"}), at_ms(20));
    CHECK(j.s.phase() == session_phase::ended);
    CHECK(j.s.status().find("shutting down") != std::string::npos);
  }

  TEST_CASE("leave sends leave, asks for a close 1000 and ends the session") {
    joined j;
    (void)drain(j.s);
    j.s.leave();
    CHECK(j.s.phase() == session_phase::ended);
    auto out = drain(j.s);
    REQUIRE(out.msgs.size() == 1);
    CHECK(std::holds_alternative<wire::leave>(out.msgs[0]));
    auto c = j.s.take_close();
    REQUIRE(c.has_value());
    CHECK(c->code == close_normal);
    // Whatever comes after is ignored.
    j.s.on_message(j.relay.bundle(0), at_ms(30));
    CHECK(j.s.tick() == 0);
    CHECK(drain(j.s).msgs.empty());
  }

  TEST_CASE("events carry room ticks, can be cleared, and are capped") {
    session_config c = config_for();
    c.max_events = 8;
    joined j(c);
    for (wire::tick_t t = 0; t < 400; ++t) j.s.on_message(j.relay.bundle(t), at_ms(20));
    CHECK(j.s.events().size() <= 8);
    CHECK_FALSE(j.s.events().empty());
    for (const event& e : j.s.events()) CHECK(e.tick < 400);
    j.s.clear_events();
    CHECK(j.s.events().empty());
  }

  TEST_CASE("a spectator says so, sends no input and no hash report, and sees the same battle") {
    scripted_relay relay;
    relay.base.slot = wire::spectator_slot;
    relay.base.reconnect_token = {};
    relay.base.current_tick = 7;
    session_config c = config_for("eve");
    c.spectator = true;
    session s(c, nullptr);
    s.on_connected(at_ms(0));
    auto hello_sent = drain(s);
    auto hello = hello_sent.all<wire::hello>();
    REQUIRE(hello.size() == 1);
    CHECK(hello[0].spectator);
    s.on_message(relay.welcome(), at_ms(1));
    CHECK(s.spectator());
    CHECK_FALSE(s.slot().has_value());
    CHECK_FALSE(s.token().has_value());
    s.on_message(relay.history(0, 7), at_ms(2));
    for (wire::tick_t t = 7; t < 40; ++t) s.on_message(relay.bundle(t), at_ms(3));
    auto out = drain(s);
    CHECK(out.count<wire::input>() == 0);
    CHECK(out.count<wire::hash_report>() == 0);
    CHECK(out.count<wire::ping>() == 1);
    reference_battle ref(4242, 0);
    ref.run_to(40);
    CHECK(s.battle()->state_hash() == ref.b.state_hash());
  }

  TEST_CASE("a config that breaks the rules fails before any connection") {
    auto check_fails = [](session_config c, const char* why) {
      session s(std::move(c), nullptr);
      CHECK(s.phase() == session_phase::failed);
      CHECK_MESSAGE(s.status().find(why) != std::string::npos, s.status());
      CHECK_FALSE(s.wants_connection());
      s.on_connected(at_ms(0));
      CHECK(drain(s).msgs.empty());
    };
    check_fails(config_for(""), "name");
    check_fails(config_for(std::string(33, 'x')), "name");
    check_fails(config_for("ann", "no spaces"), "room id");
    session_config t = config_for("ann", "auto");
    t.reconnect_token = wire::token{};
    check_fails(t, "real room id");
    session_config sp = config_for();
    sp.spectator = true;
    sp.reconnect_token = wire::token{};
    check_fails(sp, "spectator");
  }
}
