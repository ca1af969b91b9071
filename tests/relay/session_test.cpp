// The per-connection rules: the order of messages, malformed input, versions,
// the rate limit, ping, and the hello and idle timeouts.
#include "relay_test_support.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

namespace {
// The error message the client got last, decoded, with its reason.
wire::error last_error(client& c) {
  auto errors = c.take_all<wire::error>();
  REQUIRE(errors.size() == 1);
  return errors.back();
}
}  // namespace

TEST_SUITE("session") {
  TEST_CASE("order: hello first and once, nothing after leave") {
    world w;
    client other(w.sh);
    other.hello("r", "other");

    SUBCASE("input before hello") {
      client c(w.sh);
      c.input(0);
      CHECK(c.error() == wire::error_code::not_allowed);
      CHECK(c.sess->out().close_code() == 4009);
      CHECK(last_error(c).code == wire::error_code::not_allowed);
    }
    SUBCASE("a second hello") {
      client c(w.sh);
      c.hello("r", "c");
      c.hello("r", "c");
      CHECK(c.error() == wire::error_code::not_allowed);
      CHECK(w.sh.find("r")->players() == 1);  // a protocol fault frees the slot (kicked)
      auto left = other.take_all<wire::player_left>();
      REQUIRE(left.size() == 1);
      CHECK(left[0].reason == wire::leave_reason::kicked);
    }
    SUBCASE("after leave") {
      client c(w.sh);
      c.hello("r", "c");
      c.send(wire::leave{});
      c.input(5);
      CHECK(c.error() == wire::error_code::not_allowed);
    }
    SUBCASE("input from a spectator") {
      client c(w.sh);
      c.hello("r", "c", true);
      c.input(w.sh.find("r")->next_tick());
      CHECK(c.error() == wire::error_code::not_allowed);
    }
    CHECK(other.error() == std::nullopt);
  }

  TEST_CASE("malformed, unknown, relay-typed and text messages are bad_message") {
    world w;
    client c(w.sh);
    SUBCASE("garbage") { c.send(std::vector<std::byte>{std::byte{0x42}, std::byte{1}}); }
    SUBCASE("empty") { c.send(std::vector<std::byte>{}); }
    SUBCASE("a truncated hello") {
      auto h = encoded(wire::hello{.room = "r", .name = "n"});
      h.pop_back();
      c.send(h);
    }
    SUBCASE("a relay message") { c.send(wire::pong{.client_time = 1, .relay_tick = 2}); }
    SUBCASE("a truncated input from a member") {
      c.hello("r", "c");
      auto in = encoded(wire::input{.tick = 1, .payload = wire::as_bytes("abc")});
      in.pop_back();
      c.send(in);
    }
    SUBCASE("text") { c.sess->on_text_message(5); }
    CHECK(c.error() == wire::error_code::bad_message);
    CHECK(c.sess->out().close_code() == 4001);
    CHECK(c.sess->out().close_reason() == "bad_message");
    CHECK(c.sess->state() == session_state::closed);
    CHECK(w.sh.metrics().errors_sent[1] == 1);
  }

  TEST_CASE("a hello of another version gets unsupported_version with the versions spoken") {
    world w;
    client c(w.sh);
    auto h = encoded(wire::hello{.room = "r", .name = "n"});
    h[1] = std::byte{2};  // version 2
    c.send(h);
    CHECK(c.error() == wire::error_code::unsupported_version);
    CHECK(c.sess->out().close_code() == 4002);
    CHECK(last_error(c).reason == "relay speaks protocol 1 only");
  }

  TEST_CASE("bytes after our close are ignored") {
    world w;
    client c(w.sh);
    c.input(0);
    c.input(1);
    c.sess->on_text_message(3);
    CHECK(w.sh.metrics().errors_sent[9] == 1);  // one error, the first
    CHECK(c.take_all<wire::error>().size() == 1);
  }

  TEST_CASE("ping gets a pong with the relay's next tick") {
    world w;
    client c(w.sh);
    c.hello("r", "c");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 4);
    c.send(wire::ping{.client_time = 123456});
    auto pongs = c.take_all<wire::pong>();
    REQUIRE(pongs.size() == 1);
    CHECK(pongs[0].client_time == 123456);
    CHECK(pongs[0].relay_tick == 4);
  }

  TEST_CASE("the rate limit: twice the well-behaved rate passes, a flood is rate_limited") {
    shard_config c;
    c.room.tick_hz = 30;
    c.rate_factor = 2;
    world w(c);
    client ok(w.sh), flood(w.sh);
    ok.hello("r", "ok");
    flood.hello("r", "flood");
    room& r = *w.sh.find("r");

    // Two pings a second for ten seconds: within the limit.
    for (int i = 0; i < 20; ++i) {
      ok.send(wire::ping{.client_time = static_cast<std::uint64_t>(i)});
      flood.send(wire::ping{.client_time = 0});
      w.run_for(500ms);
    }
    CHECK(ok.error() == std::nullopt);
    CHECK(flood.error() == std::nullopt);
    // Two inputs per tick for a second (60 a second) is still allowed.
    const wire::tick_t first = r.next_tick() + 1;
    for (wire::tick_t i = 0; i < 30; ++i) {
      ok.input(first + 2 * i);
      ok.input(first + 2 * i + 1);
      w.run_ticks(r, 1);
    }
    CHECK(ok.error() == std::nullopt);

    // A burst of pings well over the limit.
    for (int i = 0; i < 10 && !flood.error(); ++i) flood.send(wire::ping{.client_time = 0});
    CHECK(flood.error() == wire::error_code::rate_limited);
    CHECK(flood.sess->out().close_code() == 4006);
    CHECK(ok.error() == std::nullopt);
  }

  // A well-behaved client as the game plays: for every bundle it applies, the
  // input for that tick + input_delay, and a hash report every hash_interval.
  void answer_bundles(client& c, const room_config& rc) {
    for (const auto& b : c.take_all<wire::bundle>()) {
      c.input(b.tick + rc.input_delay, "x");
      if (b.tick % rc.hash_interval == 0) c.send(wire::hash_report{.tick = b.tick, .hash = 7});
    }
  }

  TEST_CASE("a stalled relay does not rate-limit the clients that answer its backlog") {
    shard_config c;
    c.room.tick_hz = 30;
    c.room.hash_interval = 15;
    c.rate_factor = 2;
    world w(c);
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    room& r = *w.sh.find("r");
    for (int i = 0; i < 30; ++i) {  // a second of normal play
      w.run_ticks(r, 1);
      answer_bundles(a, c.room);
      answer_bundles(b, c.room);
    }
    // The relay is starved for 2.5 s: no task runs, then the room clock
    // closes the 75 overdue ticks at once, and both clients answer all of
    // them at once (75 inputs, 5 hash reports) along with the pings their
    // own clocks sent meanwhile.
    const wire::tick_t before = r.next_tick();
    w.drv.advance(2500ms);
    w.ex.run_until_idle();
    CHECK(r.next_tick() - before >= 74);
    for (client* x : {&a, &b}) {
      x->send(wire::ping{.client_time = 1});
      x->send(wire::ping{.client_time = 2});
      answer_bundles(*x, c.room);
    }
    CHECK(a.error() == std::nullopt);
    CHECK(b.error() == std::nullopt);
    // And play goes on normally afterwards.
    for (int i = 0; i < 30; ++i) {
      w.run_ticks(r, 1);
      answer_bundles(a, c.room);
      answer_bundles(b, c.room);
    }
    CHECK(a.error() == std::nullopt);
    CHECK(b.error() == std::nullopt);
  }

  TEST_CASE("an input flood is rate_limited before it outruns the room") {
    shard_config c;
    c.room.tick_hz = 30;
    c.room.input_delay = 2;
    c.rate_factor = 2;
    world w(c);
    client f(w.sh);
    f.hello("r", "f");
    room& r = *w.sh.find("r");
    // Allowed: the ticks closed since the welcome (none yet) + input_delay +
    // one second of ticks. (Inputs saved up while idle cannot be spent in a
    // flood either: past input_delay + tick_hz ahead of the room is bad_tick.)
    const wire::tick_t from = r.next_tick();
    int accepted = 0;
    for (wire::tick_t t = from; t < from + 100 && !f.error(); ++t, ++accepted) f.input(t);
    CHECK(f.error() == wire::error_code::rate_limited);
    CHECK(accepted == 2 + 30 + 1);  // the last one counted is the refused one
    CHECK(f.sess->out().close_code() == 4006);
    // One closed tick later a fresh connection may send exactly one more.
    client g(w.sh);
    g.hello("r", "g");
    const wire::tick_t g_from = r.next_tick();
    for (wire::tick_t t = g_from; t < g_from + 32; ++t) g.input(t);
    w.run_ticks(r, 1);
    g.input(g_from + 32);
    CHECK(g.error() == std::nullopt);
    g.input(g_from + 33);
    CHECK(g.error() == wire::error_code::rate_limited);
  }

  TEST_CASE("no hello in time: timeout") {
    shard_config c;
    c.hello_timeout = 5s;
    world w(c);
    client c1(w.sh);
    CHECK(c1.sess->next_deadline() == w.drv.now() + 5s);
    w.run_for(4s);
    c1.sess->poll();
    CHECK(c1.error() == std::nullopt);
    w.run_for(1s);
    c1.sess->poll();
    CHECK(c1.error() == wire::error_code::timeout);
    CHECK(c1.sess->out().close_code() == 4011);
  }

  TEST_CASE("idle too long: timeout, and the slot is held") {
    shard_config c;
    c.idle_timeout = 10s;
    world w(c);
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    for (int i = 0; i < 15; ++i) {
      w.run_for(1s);
      a.sess->on_activity();  // a's WebSocket answers pings; b's is silent
      a.sess->poll();
      b.sess->poll();
    }
    CHECK(a.error() == std::nullopt);
    CHECK(b.error() == wire::error_code::timeout);
    auto left = a.take_all<wire::player_left>();
    REQUIRE(left.size() == 1);
    CHECK(left[0].reason == wire::leave_reason::disconnected);
    CHECK(w.sh.find("r")->players() == 2);
  }

  TEST_CASE("destroying a member session counts as a disconnect") {
    world w;
    client a(w.sh);
    auto b = std::make_unique<client>(w.sh);
    a.hello("r", "a");
    b->hello("r", "b");
    b.reset();
    auto left = a.take_all<wire::player_left>();
    REQUIRE(left.size() == 1);
    CHECK(left[0].reason == wire::leave_reason::disconnected);
    CHECK(w.sh.metrics().connections == 1);
  }
}
