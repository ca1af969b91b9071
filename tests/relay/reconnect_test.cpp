// Reconnecting with a token, half-open connections, the reconnect window,
// and leave against disconnect.
#include "relay_test_support.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

TEST_SUITE("reconnect") {
  TEST_CASE("reconnect with the token resumes the same slot with the same ticks") {
    world w;
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    room& r = *w.sh.find("r");
    const wire::welcome first = b.welcome();
    const wire::token token = first.reconnect_token;
    w.run_ticks(r, 5);
    const wire::tick_t resume = r.next_tick();  // b applied everything so far
    b.drain();

    b.sess->on_transport_closed();  // the connection drops without leave
    CHECK(b.sess->current_room() == nullptr);
    auto left = a.take_all<wire::player_left>();
    REQUIRE(left.size() == 1);
    CHECK(left[0].slot == 1);
    CHECK(left[0].reason == wire::leave_reason::disconnected);
    CHECK(left[0].tick == resume);

    a.input(r.next_tick(), "a1");
    w.run_ticks(r, 7);  // the slot stays present, with empty inputs
    for (auto& bundle : a.take_all<wire::bundle>()) CHECK(bundle.presence == 0b11);

    client b2(w.sh);
    b2.reconnect("r", token, resume, "b");
    const wire::welcome again = b2.welcome();
    CHECK(again.slot == 1);
    CHECK(again.current_tick == r.next_tick());
    CHECK(again.reconnect_token != token);  // rotated
    CHECK(again.roster.size() == 2);
    auto joined = a.take_all<wire::player_joined>();
    REQUIRE(joined.size() == 1);
    CHECK(joined[0].reconnected);
    CHECK(joined[0].slot == 1);
    w.run_ticks(r, 3);

    // What b2 replays plus what it gets live is exactly what a got from `resume` on.
    std::vector<wire::bundle> seen;
    for (auto& m : b2.take()) {
      if (auto* h = std::get_if<wire::history>(&m)) {
        CHECK(h->first_tick == resume);
        for (const wire::bundle& x : *h) seen.push_back(x);
      }
      if (auto* x = std::get_if<wire::bundle>(&m)) seen.push_back(*x);
    }
    std::vector<wire::bundle> reference;
    for (auto& blk : a.bundles()) {
      auto x = wire::decode_as<wire::bundle>(blk.bytes());
      if (x->tick >= resume) reference.push_back(*x);
    }
    REQUIRE(seen.size() == reference.size());
    REQUIRE(seen.size() == 10);
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == reference[i]);

    // The old token is dead now.
    client thief(w.sh);
    thief.reconnect("r", token, r.next_tick(), "b");
    CHECK(thief.error() == wire::error_code::unknown_token);
    CHECK(thief.sess->out().close_code() == 4008);
  }

  TEST_CASE("an input held before a reconnect is kept; the new connection's ticks start fresh") {
    world w;
    client a(w.sh);
    a.hello("r", "a");
    room& r = *w.sh.find("r");
    const wire::token token = a.welcome().reconnect_token;
    const wire::tick_t t = r.next_tick() + 2;
    a.input(t, "first");
    a.sess->on_transport_closed();
    client a2(w.sh);
    a2.reconnect("r", token, r.next_tick(), "a");
    a2.input(t, "second");  // allowed on a new connection, but the first input stays
    CHECK(a2.error() == std::nullopt);
    w.run_ticks(r, 3);
    auto bundles = a2.take_all<wire::bundle>();
    REQUIRE(bundles.size() == 3);
    CHECK(bundles[2].tick == t);
    CHECK(wire::same_bytes(bundles[2].inputs[0], wire::as_bytes("first")));
  }

  TEST_CASE("a half-open connection is replaced by the reconnect") {
    world w;
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 2);
    client b2(w.sh);
    b2.reconnect("r", b.welcome().reconnect_token, r.next_tick(), "b");
    CHECK(b.error() == wire::error_code::replaced);
    CHECK(b.sess->out().close_code() == 4014);
    CHECK(b.sess->state() == session_state::closed);
    CHECK(b.sess->current_room() == nullptr);
    CHECK(b2.welcome().slot == 1);
    CHECK(r.players() == 2);
    // The old connection goes away later; the slot stays with the new one.
    b.sess.reset();
    w.run_ticks(r, 2);
    CHECK(r.players() == 2);
    CHECK(b2.take_all<wire::bundle>().size() == 2);
    CHECK(a.take_all<wire::player_left>().empty());
  }

  TEST_CASE("after the reconnect window the slot is freed and the token is unknown") {
    shard_config c;
    c.room.reconnect_window_s = 5;
    world w(c);
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    room& r = *w.sh.find("r");
    const wire::token token = b.welcome().reconnect_token;
    b.sess->on_transport_closed();
    w.run_for(4900ms);
    CHECK(r.players() == 2);
    w.run_for(200ms);
    CHECK(r.players() == 1);
    auto left = a.take_all<wire::player_left>();
    REQUIRE(left.size() == 2);
    CHECK(left[0].reason == wire::leave_reason::disconnected);
    CHECK(left[1].reason == wire::leave_reason::timed_out);
    w.run_ticks(r, 1);
    for (auto& bundle : a.take_all<wire::bundle>()) CHECK(bundle.presence == (bundle.tick < left[1].tick ? 0b11 : 0b01));

    client late(w.sh);
    late.reconnect("r", token, r.next_tick(), "b");
    CHECK(late.error() == wire::error_code::unknown_token);
  }

  TEST_CASE("leave frees the slot at once; a disconnect holds it") {
    world w;
    client a(w.sh), b(w.sh), c(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    c.hello("r", "c");
    room& r = *w.sh.find("r");
    w.run_ticks(r, 1);
    const wire::tick_t ahead = r.next_tick() + 3;
    b.input(ahead, "stale");  // sent, then b leaves before that tick

    b.send(wire::leave{});
    CHECK(b.sess->state() == session_state::left);
    CHECK(b.error() == std::nullopt);
    CHECK(b.sess->out().close_code() == 1000);  // a normal close once its queue drains
    c.sess->on_transport_closed();
    auto left = a.take_all<wire::player_left>();
    REQUIRE(left.size() == 2);
    CHECK(left[0].slot == 1);
    CHECK(left[0].reason == wire::leave_reason::left);
    CHECK(left[1].slot == 2);
    CHECK(left[1].reason == wire::leave_reason::disconnected);
    w.run_ticks(r, 1);
    CHECK(a.take_all<wire::bundle>().back().presence == 0b101);

    // Anything after leave is out of order.
    b.send(wire::ping{.client_time = 1});
    CHECK(b.error() == wire::error_code::not_allowed);

    // The freed slot goes to the next player, with no inputs of its predecessor.
    client d(w.sh);
    d.hello("r", "d");
    CHECK(d.welcome().slot == 1);
    CHECK(d.welcome().roster.size() == 3);
    w.run_ticks(r, 3);
    auto bundles = a.take_all<wire::bundle>();
    REQUIRE(bundles.back().tick == ahead);
    CHECK(bundles.back().present(1));
    CHECK(bundles.back().inputs[1].empty());
  }
}
