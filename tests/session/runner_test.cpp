// session_runner on the manual driver's virtual clock: offline practice as
// a reader and a writer zipped over a local_connection with the room's clock
// beside them; reconnecting after the network cuts out; retrying an
// unreachable relay on the backoff schedule; a hostile stream closed with 1002.
#include "session_fixture.hpp"

#include "skirmish/game/bot_input_source.hpp"
#include "skirmish/game/local_dialer.hpp"
#include "skirmish/game/run_local_room.hpp"
#include "skirmish/game/reconnect_backoff.hpp"
#include "skirmish/game/session_runner.hpp"
#include "skirmish/rt/channel.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/manual_driver.hpp"
#include "skirmish/rt/yield_now.hpp"

using namespace skirmish;
using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

session_config named(std::string name, std::string room) {
  session_config c;
  c.name = std::move(name);
  c.room = std::move(room);
  return c;
}

using practice_runner = session_runner<local_dialer, rt::local_executor>;

// Leaves once the match is over (or stops if the session ended by itself).
rt::task<> leave_when_over(session& s, practice_runner& runner) {
  for (;;) {
    co_await rt::sleep_for(std::chrono::milliseconds(500));
    if (is_final(s.phase())) co_return;
    if (s.battle() != nullptr && s.battle()->sim().state().match.phase == match_phase::ended) {
      runner.leave();
      co_return;
    }
  }
}

// Cuts the network once, when the session reaches `tick`.
rt::task<> cut_at(session& s, local_room& room, wire::tick_t tick) {
  while (s.tick() < tick) co_await rt::sleep_for(std::chrono::milliseconds(10));
  room.sever(1);  // the first connection the room ever had
}

// A dialer that remembers when it was asked.
struct recording_dialer {
  using connection = local_connection;
  local_dialer inner;
  rt::manual_driver& clock;
  std::vector<rt::instant> dialed_at;
  auto dial(std::string_view room) {
    dialed_at.push_back(clock.now());
    return inner.dial(room);
  }
};

// An in-memory connection whose other end is the test: what the session
// sends is kept, what it receives is queued up front.
struct pipe_end {
  rt::channel<transport_message> to_session;
  std::vector<bytes> from_session;
  std::optional<std::uint16_t> closed_with;
};
struct pipe_connection {
  pipe_end* end;
  ready<bool> send(wire::bytes_view b) {
    if (end->closed_with) return ready<bool>(false);
    end->from_session.emplace_back(b.begin(), b.end());
    return ready<bool>(true);
  }
  auto recv() { return end->to_session.recv(); }
  ready<bool> close(std::uint16_t code, std::string_view) {
    end->closed_with = code;
    end->to_session.close();
    return ready<bool>(true);
  }
};
struct pipe_dialer {
  using connection = pipe_connection;
  pipe_end* end;
  ready<rt::result<pipe_connection, std::string>> dial(std::string_view) {
    return ready<rt::result<pipe_connection, std::string>>(pipe_connection{end});
  }
};

// Plays the relay's side of a pipe: waits for the hello, then sends the
// script one message at a time, letting the session answer in between.
rt::task<> play_relay(pipe_end& end, std::vector<transport_message>& script) {
  while (end.from_session.empty()) co_await rt::yield_now();
  for (transport_message& m : script) {
    if (end.to_session.try_send(std::move(m)) != rt::send_status::sent) co_return;
    for (int i = 0; i < 4; ++i) co_await rt::yield_now();
  }
}

static_assert(message_dialer<local_dialer>);
static_assert(message_dialer<pipe_dialer>);
static_assert(message_connection<local_connection>);

}  // namespace

TEST_SUITE("session: runner") {
  TEST_CASE("practice through the runner: the match runs to its end on virtual time, then we leave") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    local_room room({.seed = 99, .room = "practice", .max_slots = 3, .bots = 2, .skill = bot_skill::level(3)});
    local_dialer dialer(room);
    bot_input_source autopilot(5, bot_skill::level(4));
    session s(named("me", "practice"), &autopilot);
    practice_runner runner(s, dialer, ex);
    const rt::instant start = clock.now();

    auto done = ex.run_until([](practice_runner& r, local_room& room, session& s) -> rt::task<> {
      co_await rt::zip(r.run(), run_local_room(room), leave_when_over(s, r));
    }(runner, room, s));
    REQUIRE(done.ok());
    CHECK(s.phase() == session_phase::ended);
    CHECK(room.finished());
    CHECK(s.battle()->sim().state().match.phase == match_phase::ended);
    CHECK(s.battle()->state_hash() == room.mirror().state_hash());
    REQUIRE(s.ping().has_value());
    CHECK(*s.ping() == rt::duration::zero());  // in-process: the pong comes back at once
    // The clock ran at 30 ticks a second of virtual time.
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock.now() - start).count();
    CHECK(seconds >= static_cast<long long>(room.next_tick() / 30) - 1);
    CHECK(seconds <= static_cast<long long>(room.next_tick() / 30) + 2);
    CHECK(ex.live_tasks() == 0);
  }

  TEST_CASE("the runner reconnects after the network cuts out and catches up") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    local_room room({.seed = 42, .room = "practice", .max_slots = 2, .bots = 1});
    recording_dialer dialer{local_dialer(room), clock, {}};
    bot_input_source autopilot(6);
    session s(named("me", "practice"), &autopilot);
    using runner_t = session_runner<recording_dialer, rt::local_executor>;
    runner_t runner(s, dialer, ex);
    rt::instant cut_time{};

    auto done = ex.run_until([](runner_t& r, local_room& room, session& s, rt::manual_driver& clock,
                                rt::instant& cut_time) -> rt::task<> {
      auto watch = [](runner_t& r, local_room& room, session& s, rt::manual_driver& clock,
                      rt::instant& cut_time) -> rt::task<> {
        co_await cut_at(s, room, 300);
        cut_time = clock.now();
        while (s.tick() < 900) co_await rt::sleep_for(std::chrono::milliseconds(100));
        r.leave();
      };
      co_await rt::zip(r.run(), run_local_room(room), watch(r, room, s, clock, cut_time));
    }(runner, room, s, clock, cut_time));
    REQUIRE(done.ok());
    REQUIRE(dialer.dialed_at.size() == 2);
    CHECK(dialer.dialed_at[1] == cut_time);  // the first retry is at once
    CHECK(s.phase() == session_phase::ended);
    CHECK(s.tick() >= 900);
    CHECK(s.tick() == room.next_tick());
    CHECK(s.battle()->state_hash() == room.mirror().state_hash());
    CHECK_FALSE(room.desync_tick().has_value());
  }

  TEST_CASE("a late joiner's catch-up lets other tasks run between history messages") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    local_room room({.seed = 8, .room = "practice", .max_slots = 3, .bots = 2});
    for (int i = 0; i < 3000; ++i) room.close_tick();  // 12 history messages to replay
    local_dialer dialer(room);
    session s(named("late", "practice"), nullptr);
    practice_runner runner(s, dialer, ex);
    int turns_while_catching_up = 0;
    auto done = ex.run_until([](practice_runner& r, session& s, int& turns) -> rt::task<> {
      auto renderer = [](practice_runner& r, session& s, int& turns) -> rt::task<> {
        while (s.phase() != session_phase::live) {
          if (s.phase() == session_phase::catching_up) ++turns;
          co_await rt::yield_now();
        }
        r.leave();
      };
      co_await rt::zip(r.run(), renderer(r, s, turns));
    }(runner, s, turns_while_catching_up));
    REQUIRE(done.ok());
    CHECK(s.tick() == 3000);
    CHECK(turns_while_catching_up >= 10);
  }

  TEST_CASE("an unreachable relay is retried on the backoff schedule, then the session fails") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    local_room room({.room = "r"});
    recording_dialer dialer{local_dialer(room), clock, {}};
    dialer.inner.refuse_next(100);
    session_config c = named("me", "r");
    c.max_connect_attempts = 4;
    session s(c, nullptr);
    session_runner<recording_dialer, rt::local_executor> runner(s, dialer, ex);
    auto done = ex.run_until(runner.run());
    REQUIRE(done.ok());
    CHECK(s.phase() == session_phase::failed);
    CHECK(s.status().find("could not reach the relay after 5 attempts") != std::string::npos);
    REQUIRE(dialer.dialed_at.size() == 5);
    // The waits between attempts follow reconnect_backoff (with its jitter).
    CHECK(dialer.dialed_at[1] == dialer.dialed_at[0]);  // the first retry is at once
    for (std::size_t i = 2; i < dialer.dialed_at.size(); ++i) {
      const rt::duration gap = dialer.dialed_at[i] - dialer.dialed_at[i - 1];
      const rt::duration plain = reconnect_backoff(static_cast<unsigned>(i), 0, {.jitter_percent = 0});
      CHECK(gap <= plain);
      CHECK(gap >= plain - plain / 5);
    }
  }

  TEST_CASE("leave() during the wait between attempts ends the runner at once") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    local_room room({.room = "r"});
    recording_dialer dialer{local_dialer(room), clock, {}};
    dialer.inner.refuse_next(1000);
    session_config c = named("me", "r");
    c.max_connect_attempts = 1000;
    session s(c, nullptr);
    session_runner<recording_dialer, rt::local_executor> runner(s, dialer, ex);
    const rt::instant start = clock.now();
    auto done = ex.run_until([](auto& runner) -> rt::task<> {
      auto quit_later = [](auto& runner) -> rt::task<> {
        co_await rt::sleep_for(std::chrono::seconds(7));
        runner.leave();
      };
      co_await rt::zip(runner.run(), quit_later(runner));
    }(runner));
    REQUIRE(done.ok());
    CHECK(s.phase() == session_phase::ended);
    CHECK(clock.now() - start == std::chrono::seconds(7));  // not the end of a 5 s backoff
    CHECK(dialer.dialed_at.size() > 2);
  }

  TEST_CASE("a session that failed from its config never dials") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    local_room room({.room = "r"});
    recording_dialer dialer{local_dialer(room), clock, {}};
    session s(named("", "r"), nullptr);
    session_runner<recording_dialer, rt::local_executor> runner(s, dialer, ex);
    REQUIRE(ex.run_until(runner.run()).ok());
    CHECK(dialer.dialed_at.empty());
    CHECK(s.phase() == session_phase::failed);
  }

  TEST_CASE("a hostile stream through the runner: the session fails and the connection closes with 1002") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    pipe_end end;
    scripted_relay relay;
    std::vector<transport_message> script{{relay.welcome(), true}, {relay.bundle(0), true}, {relay.bundle(5), true}};
    pipe_dialer dialer{&end};
    recording_source source;
    session s(named("ann", "arena"), &source);
    session_runner<pipe_dialer, rt::local_executor> runner(s, dialer, ex);
    auto done = ex.run_until([](auto& runner, pipe_end& end, std::vector<transport_message>& script) -> rt::task<> {
      co_await rt::zip(runner.run(), play_relay(end, script));
    }(runner, end, script));
    REQUIRE(done.ok());
    CHECK(s.phase() == session_phase::failed);
    CHECK(s.status().find("skips ticks") != std::string::npos);
    CHECK(end.closed_with == close_protocol_error);
    sent_messages sent(end.from_session);
    REQUIRE_FALSE(sent.msgs.empty());
    CHECK(std::holds_alternative<wire::hello>(sent.msgs[0]));
    CHECK(sent.count<wire::input>() == 1);  // for tick 2, after bundle 0
  }

  TEST_CASE("a text message through the runner fails the session") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    pipe_end end;
    scripted_relay relay;
    REQUIRE(end.to_session.try_send(transport_message{relay.welcome(), true}) == rt::send_status::sent);
    REQUIRE(end.to_session.try_send(transport_message{bytes{std::byte{'h'}, std::byte{'i'}}, false}) ==
            rt::send_status::sent);
    pipe_dialer dialer{&end};
    session s(named("ann", "arena"), nullptr);
    session_runner runner(s, dialer, ex);  // the types deduced, as the README shows
    REQUIRE(ex.run_until(runner.run()).ok());
    CHECK(s.phase() == session_phase::failed);
    CHECK(s.status().find("text message") != std::string::npos);
    CHECK(end.closed_with == close_protocol_error);
  }
}
