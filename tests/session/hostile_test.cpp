// A hostile relay: malformed bytes and messages that break the protocol's
// order or the room's rules. Each one fails the session with its own reason
// and a close 1002, never a crash (this suite runs under ASan and UBSan in
// native-debug), and nothing after it changes the battle.
#include <random>

#include "session_fixture.hpp"

using namespace skirmish;
using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

session_config ann(bool spectator = false) {
  session_config c;
  c.name = "ann";
  c.room = "arena";
  c.spectator = spectator;
  return c;
}

// Feeds `steps` to a fresh session; the last must fail it with `why`.
struct hostile {
  scripted_relay relay;
  recording_source source;
  session s;
  explicit hostile(bool spectator = false) : s(ann(spectator), &source) {
    s.on_connected(at_ms(0));
    (void)drain(s);
  }
  void welcome(wire::tick_t current = 0) {
    relay.base.current_tick = current;
    s.on_message(relay.welcome(), at_ms(1));
    REQUIRE(s.phase() != session_phase::failed);
    (void)drain(s);
  }
  void expect_failed(const char* why) {
    CHECK(s.phase() == session_phase::failed);
    CHECK_MESSAGE(s.status().find(why) != std::string::npos, "status: ", s.status());
    auto c = s.take_close();
    REQUIRE(c.has_value());
    CHECK(c->code == close_protocol_error);
    CHECK(c->reason.size() <= 123);
    CHECK_FALSE(s.wants_connection());
    // A failed session ignores whatever else the relay sends.
    const wire::tick_t tick = s.tick();
    s.on_message(relay.bundle(tick), at_ms(99));
    s.on_message(bytes{std::byte{0xff}}, at_ms(99));
    CHECK(s.tick() == tick);
    CHECK(s.phase() == session_phase::failed);
    CHECK(drain(s).msgs.empty());
  }
};

}  // namespace

TEST_SUITE("session: hostile relay") {
  TEST_CASE("malformed bytes") {
    SUBCASE("empty") {
      hostile h;
      h.s.on_message(bytes{}, at_ms(1));
      h.expect_failed("malformed message");
    }
    SUBCASE("unknown type") {
      hostile h;
      h.s.on_message(bytes{std::byte{0x7f}, std::byte{1}}, at_ms(1));
      h.expect_failed("malformed message");
    }
    SUBCASE("a truncated welcome") {
      hostile h;
      bytes w = h.relay.welcome();
      w.resize(w.size() - 3);
      h.s.on_message(w, at_ms(1));
      h.expect_failed("malformed message");
    }
    SUBCASE("a bundle with trailing bytes") {
      hostile h;
      h.welcome();
      bytes b = h.relay.bundle(0);
      b.push_back(std::byte{0});
      h.s.on_message(b, at_ms(2));
      h.expect_failed("malformed message");
    }
    SUBCASE("a text message") {
      hostile h;
      h.welcome();
      h.s.on_text_message(at_ms(2));
      h.expect_failed("text message");
    }
    SUBCASE("a client message type") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::ping{1}), at_ms(2));
      h.expect_failed("client message (ping)");
    }
  }

  TEST_CASE("messages out of order") {
    SUBCASE("bundle before welcome") {
      hostile h;
      h.s.on_message(h.relay.bundle(0), at_ms(1));
      h.expect_failed("bundle before the welcome");
    }
    SUBCASE("history before welcome") {
      hostile h;
      h.s.on_message(h.relay.history(0, 3), at_ms(1));
      h.expect_failed("history before the welcome");
    }
    SUBCASE("pong before welcome") {
      hostile h;
      h.s.on_message(encode(wire::pong{0, 0}), at_ms(1));
      h.expect_failed("pong before the welcome");
    }
    SUBCASE("notices before welcome") {
      hostile h;
      h.s.on_message(encode(wire::player_joined{0, 1, false, "bob"}), at_ms(1));
      h.expect_failed("player_joined before the welcome");
    }
    SUBCASE("a second welcome") {
      hostile h;
      h.welcome();
      h.s.on_message(h.relay.welcome(), at_ms(2));
      h.expect_failed("second welcome");
    }
  }

  TEST_CASE("history that does not fit") {
    SUBCASE("not starting where expected") {
      hostile h;
      h.welcome(10);
      h.s.on_message(h.relay.history(1, 9), at_ms(2));
      h.expect_failed("history starts at tick 1 but the next tick we need is 0");
    }
    SUBCASE("not contiguous with the one before") {
      hostile h;
      h.welcome(10);
      h.s.on_message(h.relay.history(0, 4), at_ms(2));
      h.s.on_message(h.relay.history(5, 5), at_ms(2));
      h.expect_failed("history starts at tick 5 but the next tick we need is 4");
      CHECK(h.s.tick() == 4);
    }
    SUBCASE("running past the live tick") {
      hostile h;
      h.welcome(10);
      h.s.on_message(h.relay.history(0, 11), at_ms(2));
      h.expect_failed("past the live tick 10");
      CHECK(h.s.tick() == 0);  // checked before anything was applied
    }
    SUBCASE("after the history was complete") {
      hostile h;
      h.welcome(3);
      h.s.on_message(h.relay.history(0, 3), at_ms(2));
      h.s.on_message(h.relay.history(3, 1), at_ms(2));
      h.expect_failed("after the history was complete");
    }
    SUBCASE("an entry with a slot beyond the room") {
      hostile h;
      h.welcome(10);
      h.relay.presence = 0b10001;  // slot 4 in a 4-slot room
      h.s.on_message(h.relay.history(0, 10), at_ms(2));
      h.expect_failed("slot 4 is present but the room has 4 slots");
      CHECK(h.s.tick() == 0);
    }
  }

  TEST_CASE("bundles that skip, repeat or break the room's rules") {
    SUBCASE("a skipped tick") {
      hostile h;
      h.welcome();
      h.s.on_message(h.relay.bundle(0), at_ms(2));
      h.s.on_message(h.relay.bundle(2), at_ms(2));
      h.expect_failed("skips ticks");
    }
    SUBCASE("a repeated tick") {
      hostile h;
      h.welcome();
      h.s.on_message(h.relay.bundle(0), at_ms(2));
      h.s.on_message(h.relay.bundle(0), at_ms(2));
      h.expect_failed("repeats a tick");
    }
    SUBCASE("a live bundle while the history still owes ticks") {
      hostile h;
      h.welcome(5);
      h.s.on_message(h.relay.history(0, 2), at_ms(2));
      h.s.on_message(h.relay.bundle(2), at_ms(2));
      h.expect_failed("history still owed ticks 2-4");
    }
    SUBCASE("a presence bit at or above max_slots") {
      hostile h;
      h.welcome();
      h.relay.presence = 0b10000011;
      h.s.on_message(h.relay.bundle(0), at_ms(2));
      h.expect_failed("slot 7 is present but the room has 4 slots");
    }
    SUBCASE("an input payload longer than the game accepts") {
      hostile h;
      h.welcome();
      wire::bundle b{.tick = 0};
      const std::array<std::byte, 9> big{};
      const auto mine = scripted_input(0, 0);
      b.set(0, mine);
      b.set(1, big);
      h.s.on_message(encode(b), at_ms(2));
      h.expect_failed("slot 1's input is 9 bytes, the game takes at most 4");
    }
    SUBCASE("a bundle that leaves out our slot") {
      hostile h;
      h.welcome();
      h.relay.presence = 0b10;
      h.s.on_message(h.relay.bundle(0), at_ms(2));
      h.expect_failed("leaves out our slot 0");
    }
  }

  TEST_CASE("a welcome that does not match what we asked") {
    SUBCASE("a spectator slot for a player") {
      hostile h;
      h.relay.base.slot = wire::spectator_slot;
      h.relay.base.reconnect_token = {};
      h.s.on_message(h.relay.welcome(), at_ms(1));
      h.expect_failed("made us a spectator");
    }
    SUBCASE("a slot for a spectator") {
      hostile h(true);
      h.s.on_message(h.relay.welcome(), at_ms(1));
      h.expect_failed("asked to watch");
    }
    SUBCASE("another room") {
      hostile h;
      h.relay.base.room = "elsewhere";
      h.s.on_message(h.relay.welcome(), at_ms(1));
      h.expect_failed("welcome is for room elsewhere");
    }
    SUBCASE("a roster without us") {
      hostile h;
      h.relay.base.roster = {{1, true, "bob"}};
      h.s.on_message(h.relay.welcome(), at_ms(1));
      h.expect_failed("roster does not list us");
    }
    SUBCASE("a roster that has us held, not connected") {
      hostile h;
      h.relay.base.roster = {{0, false, "ann"}};
      h.s.on_message(h.relay.welcome(), at_ms(1));
      h.expect_failed("roster does not list us");
    }
  }

  TEST_CASE("notices that contradict the roster") {
    SUBCASE("a join into our own slot") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::player_joined{0, 0, false, "mallory"}), at_ms(2));
      h.expect_failed("our own slot 0");
    }
    SUBCASE("a join into a taken slot") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::player_joined{0, 1, false, "mallory"}), at_ms(2));
      h.expect_failed("but bob holds it");
    }
    SUBCASE("a reconnect into a free slot") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::player_joined{0, 2, true, "mallory"}), at_ms(2));
      h.expect_failed("that slot is free");
    }
    SUBCASE("a join beyond the room's slots") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::player_joined{0, 6, false, "mallory"}), at_ms(2));
      h.expect_failed("names slot 6 but the room has 4 slots");
    }
    SUBCASE("a leave from a free slot") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::player_left{0, 3, wire::leave_reason::left, "nobody"}), at_ms(2));
      h.expect_failed("slot 3, which is free");
    }
    SUBCASE("a bundle that keeps a slot whose player left") {
      hostile h;
      h.welcome();
      h.s.on_message(h.relay.bundle(0), at_ms(2));
      h.s.on_message(encode(wire::player_left{1, 1, wire::leave_reason::left, "bob"}), at_ms(2));
      h.s.on_message(h.relay.bundle(1), at_ms(2));
      h.expect_failed("the bundle for tick 1 still has slot 1, which a notice said is gone from tick 1");
    }
    SUBCASE("a bundle without the slot a join notice promised") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::player_joined{2, 2, false, "cid"}), at_ms(2));
      for (wire::tick_t t = 0; t < 2; ++t) h.s.on_message(h.relay.bundle(t), at_ms(2));
      CHECK(h.s.phase() == session_phase::live);  // before tick 2 the slot may be absent
      h.s.on_message(h.relay.bundle(2), at_ms(2));
      h.expect_failed("leaves out slot 2, which a notice said is present from tick 2");
    }
    SUBCASE("a notice that we disconnected") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::player_left{0, 0, wire::leave_reason::disconnected, "ann"}), at_ms(2));
      h.expect_failed("says we disconnected");
    }
  }

  TEST_CASE("desync notices and pongs that cannot be right") {
    SUBCASE("a desync at a tick that is not a hash tick") {
      hostile h;
      h.welcome();
      wire::desync d{.tick = 7, .disagreeing = 0b10};
      (void)d.reports.push_back({0, 1});
      (void)d.reports.push_back({1, 2});
      h.s.on_message(encode(d), at_ms(2));
      h.expect_failed("not a hash tick");
    }
    SUBCASE("a desync naming a slot beyond the room") {
      hostile h;
      h.welcome();
      wire::desync d{.tick = 5, .disagreeing = 0b100000};
      (void)d.reports.push_back({0, 1});
      (void)d.reports.push_back({5, 2});
      h.s.on_message(encode(d), at_ms(2));
      h.expect_failed("report for slot 5");
    }
    SUBCASE("a pong for a ping never sent") {
      hostile h;
      h.welcome();
      h.s.on_message(encode(wire::pong{123456789, 0}), at_ms(2));
      h.expect_failed("ping we did not send");
    }
    SUBCASE("a pong whose relay tick is behind the bundles it sent") {
      hostile h;
      h.relay.base.current_tick = 0;
      h.s.on_message(h.relay.welcome(), at_ms(1));
      auto ping_sent = drain(h.s);
      auto ping = ping_sent.all<wire::ping>();
      REQUIRE(ping.size() == 1);
      for (wire::tick_t t = 0; t < 5; ++t) h.s.on_message(h.relay.bundle(t), at_ms(2));
      h.s.on_message(encode(wire::pong{ping[0].client_time, 3}), at_ms(3));
      h.expect_failed("already sent tick 4");
    }
  }

  TEST_CASE("random corruption of a valid stream never crashes and never applies a bad tick") {
    // A valid stream: welcome, history, bundles, notices; then each run
    // corrupts a few bytes of it and feeds it whole.
    scripted_relay relay;
    relay.base.current_tick = 20;
    std::vector<bytes> stream{relay.welcome(), relay.history(0, 20)};
    for (wire::tick_t t = 20; t < 60; ++t) stream.push_back(relay.bundle(t));
    stream.push_back(encode(wire::player_joined{60, 2, false, "cid"}));
    stream.push_back(encode(wire::player_left{61, 1, wire::leave_reason::left, "bob"}));

    std::mt19937 rng(20261122);
    int failed = 0;
    for (int run = 0; run < 300; ++run) {
      std::vector<bytes> s = stream;
      const int flips = 1 + static_cast<int>(rng() % 3);
      for (int f = 0; f < flips; ++f) {
        bytes& m = s[rng() % s.size()];
        if (m.empty()) continue;
        switch (rng() % 3) {
          case 0: m[rng() % m.size()] = static_cast<std::byte>(rng()); break;
          case 1: m.resize(rng() % m.size()); break;
          default: m.insert(m.begin() + static_cast<long>(rng() % m.size()), static_cast<std::byte>(rng())); break;
        }
      }
      recording_source source;
      session ses(ann(), &source);
      ses.on_connected(at_ms(0));
      for (const bytes& m : s) ses.on_message(m, at_ms(1));
      (void)ses.take_outgoing();
      if (ses.phase() == session_phase::failed) {
        ++failed;
        CHECK_FALSE(ses.status().empty());
      } else {
        // What got through was well formed and in order (a changed input
        // byte is valid: only the relay knows the inputs); nothing ran ahead.
        CHECK(ses.tick() <= 60);
        CHECK(ses.phase() == session_phase::live);
      }
    }
    CHECK(failed > 150);  // most corruptions are caught; the rest were valid messages (an input byte, a letter)
  }
}
