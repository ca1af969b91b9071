// game_client: two clients play practice in one in-process room on the
// manual driver's virtual time, with frames drawn at 60 Hz over 30 Hz ticks:
// their hash logs agree, the cosmetic layer changes nothing, the input cells
// move the player, and the live events reach the HUD queue.
#include <doctest/doctest.h>

#include <chrono>

#include "skirmish/app/frame_layout.hpp"
#include "skirmish/app/game_client.hpp"
#include "skirmish/game/bot_input_source.hpp"
#include "skirmish/game/local_dialer.hpp"
#include "skirmish/game/run_local_room.hpp"
#include "skirmish/game/session_runner.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/manual_driver.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/zip.hpp"

using namespace skirmish;
namespace L = app::frame_layout;
using runner_t = game::session_runner<game::local_dialer, rt::local_executor>;

namespace {

game::session_config named(std::string name) {
  game::session_config c;
  c.name = std::move(name);
  c.room = "practice";
  return c;
}

struct frame_probe {
  int drawn = 0;          // frames with a battle in them
  float max_x_me = 0;     // how far right my player got
  float first_x_me = -1;
  int alphas_between = 0; // frames drawn strictly between two ticks
};

// Draws frames at 60 Hz until the room reaches `until`, then both leave.
rt::task<> frames(app::game_client& a, runner_t& ra, runner_t& rb, game::local_room& room,
                  frame_probe& probe, rt::local_executor& ex, wire::tick_t until) {
  while (room.next_tick() < until) {
    co_await rt::sleep_for(std::chrono::microseconds(16667));
    // note: only `a` draws (effects, frames); `b` never does, so equal
    // hashes also show that drawing changes nothing in the simulation.
    const std::vector<float>& f = a.frame(ex.now());
    if (f.empty()) continue;
    ++probe.drawn;
    if (f[L::alpha] > 0.0f && f[L::alpha] < 1.0f) ++probe.alphas_between;
    const int me = static_cast<int>(f[L::me]);
    if (me < 0) continue;
    const float x = f[L::players_at + static_cast<std::size_t>(me) * L::player_size + L::p_x];
    if (probe.first_x_me < 0) probe.first_x_me = x;
    probe.max_x_me = std::max(probe.max_x_me, x);
  }
  ra.leave();
  rb.leave();
}

}  // namespace

TEST_SUITE("game_client") {
  TEST_CASE("two clients in one practice room, one drawing at 60 Hz: same hashes, frames between ticks, input moves") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    game::local_room room({.seed = 5, .room = "practice", .max_slots = 3, .bots = 1});
    game::local_dialer dialer(room);
    app::game_client a(named("ann")), b(named("bob"));
    a.input().set_held(game::input::right);
    runner_t ra(a.session(), dialer, ex), rb(b.session(), dialer, ex);
    frame_probe probe;

    auto done = ex.run_until(rt::zip(ra.run(), rb.run(), game::run_local_room(room),
                                     frames(a, ra, rb, room, probe, ex, 600)));
    REQUIRE(done.ok());
    CHECK(a.session().phase() == game::session_phase::ended);
    CHECK(probe.drawn > 1000);  // 60 Hz for 20 s of virtual time
    CHECK(probe.alphas_between > probe.drawn / 4);
    CHECK(probe.max_x_me > probe.first_x_me + 20);  // holding right moved us

    // Every hash tick both clients saw agrees, and there are many of them.
    const auto& ha = a.hashes().entries();
    const auto& hb = b.hashes().entries();
    CHECK(ha.size() >= 15);
    int common = 0;
    for (const auto& [tick, hash] : ha) {
      CHECK(tick % 30 == 0);
      if (auto it = hb.find(tick); it != hb.end()) {
        ++common;
        CHECK(it->second == hash);
      }
    }
    CHECK(common >= 15);
    CHECK(a.hashes().conflicts() == 0);
    CHECK_FALSE(room.desync_tick().has_value());

    // The HUD heard about the joins and the match starting.
    std::vector<game::event> hud = a.take_hud_events();
    bool joined = false, phase = false;
    for (const game::event& e : hud) {
      joined |= e.kind == game::event_kind::joined;
      phase |= e.kind == game::event_kind::phase_changed;
    }
    CHECK(joined);
    CHECK(phase);
    CHECK(a.take_hud_events().empty());
  }

  TEST_CASE("a frame before the welcome is empty; the hash log keeps the first hash of a tick") {
    app::game_client c(named("solo"));
    CHECK(c.frame(rt::instant{}).empty());
    app::hash_log log;
    log.record(29, 1);
    log.record(29, 1);
    CHECK(log.conflicts() == 0);
    log.record(29, 2);
    CHECK(log.conflicts() == 1);
    CHECK(log.entries().at(29) == 1);
  }
}

TEST_SUITE("game_client") {
  TEST_CASE("an autopilot plays instead of the input cells") {
    rt::manual_driver clock;
    rt::local_executor ex(clock);
    game::local_room room({.seed = 9, .room = "practice", .max_slots = 2, .bots = 1});
    game::local_dialer dialer(room);
    game::bot_input_source autopilot(3, game::bot_skill::level(5));
    app::game_client c(named("auto"), &autopilot);
    runner_t r(c.session(), dialer, ex);
    auto done = ex.run_until([](runner_t& r, game::local_room& room, app::game_client& c) -> rt::task<> {
      auto stop = [](runner_t& r, game::local_room& room) -> rt::task<> {
        while (room.next_tick() < 900) co_await rt::sleep_for(std::chrono::milliseconds(100));
        r.leave();
      };
      co_await rt::zip(r.run(), game::run_local_room(room), stop(r, room));
    }(r, room, c));
    REQUIRE(done.ok());
    const int me = *c.session().slot();
    int shots = 0;
    for (const game::event& e : c.session().events()) shots += e.kind == game::event_kind::shot && e.slot == me;
    CHECK(shots > 0);                   // the bot fired: the cells (all zero) never would
    CHECK(c.input().taken() == 0);      // and the cells were never read
    CHECK(c.hashes().entries().size() >= 20);
  }
}
