// frame_writer: interpolation between ticks and the flat frame's layout.
#include <doctest/doctest.h>

#include <chrono>
#include <optional>

#include "skirmish/app/frame_layout.hpp"
#include "skirmish/app/frame_writer.hpp"
#include "skirmish/game/battle.hpp"

using namespace skirmish;
namespace L = app::frame_layout;
using std::chrono::milliseconds;

TEST_SUITE("frame") {
  TEST_CASE("alpha runs from 0 at a tick to 1 a period later and never leaves [0, 1]") {
    const rt::instant t0{};
    const rt::duration period = milliseconds(30);
    CHECK(app::interpolation_alpha(t0, t0, period) == 0.0f);
    CHECK(app::interpolation_alpha(t0, t0 + milliseconds(15), period) == doctest::Approx(0.5f));
    CHECK(app::interpolation_alpha(t0, t0 + milliseconds(300), period) == 1.0f);  // a late tick holds
    CHECK(app::interpolation_alpha(t0 + milliseconds(5), t0, period) == 0.0f);
    CHECK(app::interpolation_alpha(t0, t0 + milliseconds(5), rt::duration::zero()) == 0.0f);
  }

  TEST_CASE("players are drawn between prev_pos and pos; the header says what the state is") {
    game::battle start(7);
    start.add_player(0);
    start.add_player(3);
    // Whichever way is open from the spawn point: walk that way for a while.
    std::optional<game::battle> moved;
    for (const std::uint8_t dir : {game::input::right, game::input::left}) {
      game::battle b = start;
      game::inputs_by_slot in{};
      in[0] = game::input{dir, 0};
      for (int i = 0; i < 20; ++i) b.step(in);
      if (b.state().players[0].pos.x != b.state().players[0].prev_pos.x) {
        moved = b;
        break;
      }
    }
    REQUIRE(moved.has_value());
    const game::battle& b = *moved;
    const game::player& p = b.state().players[0];

    app::effects fx;
    app::frame_writer w;
    const auto& f0 = w.write(b.state(), 0.0f, 119, 0, 30, fx);
    const float x0 = f0[L::players_at + L::p_x];
    const auto& f1 = w.write(b.state(), 1.0f, 119, 0, 30, fx);
    const float x1 = f1[L::players_at + L::p_x];
    CHECK(x0 == doctest::Approx(p.prev_pos.x / 256.0f));
    CHECK(x1 == doctest::Approx(p.pos.x / 256.0f));
    const auto& f = w.write(b.state(), 0.5f, 119, 0, 30, fx);
    CHECK(f[L::players_at + L::p_x] == doctest::Approx((x0 + x1) / 2));
    CHECK(f[L::alpha] == 0.5f);
    CHECK(f[L::me] == 0.0f);
    CHECK(f[L::tick] == 119.0f);
    CHECK(f[L::tick_hz] == 30.0f);
    CHECK(f[L::players_at + L::p_active] == 1.0f);
    CHECK(f[L::players_at + 3 * L::player_size + L::p_active] == 1.0f);
    CHECK(f[L::players_at + 1 * L::player_size + L::p_active] == 0.0f);
    CHECK(f[L::players_at + L::p_health] == 1.0f);
    const std::size_t shots = static_cast<std::size_t>(f[L::projectile_count]);
    CHECK(f.size() == L::header_size + 8 * L::player_size + 4 * L::pickup_size + shots * L::projectile_size);
  }

  TEST_CASE("projectiles in flight appear after the pickups, with their owner") {
    game::battle b(3);
    b.add_player(0);
    b.add_player(1);
    game::inputs_by_slot in{};
    in[0] = game::input::aiming(0, game::input::fire);
    in[1] = game::input::aiming(32768, game::input::fire);
    int n = 0;
    for (int i = 0; i < 200 && n == 0; ++i) {
      b.step(in);
      n = static_cast<int>(b.state().live_projectiles().size());
    }
    REQUIRE(n > 0);
    app::effects fx;
    app::frame_writer w;
    const auto& f = w.write(b.state(), 1.0f, 0, -1, 30, fx);
    REQUIRE(f[L::projectile_count] == static_cast<float>(n));
    const std::size_t at = L::header_size + 8 * L::player_size + 4 * L::pickup_size;
    const game::projectile& s = b.state().live_projectiles()[0];
    CHECK(f[at + L::s_x] == doctest::Approx(s.pos.x / 256.0f));
    CHECK(f[at + L::s_owner] == static_cast<float>(s.owner));
    CHECK(f[L::me] == -1.0f);
  }
}
