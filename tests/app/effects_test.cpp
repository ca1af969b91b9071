// effects: events make particles, hits flash and shake; everything decays.
#include <doctest/doctest.h>

#include "skirmish/app/effects.hpp"
#include "skirmish/game/fixed_math.hpp"

using namespace skirmish;

namespace {
game::event ev(game::event_kind k, int slot, int other) {
  game::event e;
  e.kind = k;
  e.slot = static_cast<std::uint8_t>(slot);
  e.other = static_cast<std::uint8_t>(other);
  e.pos = {100 * game::px, 200 * game::px};
  return e;
}
}  // namespace

TEST_SUITE("effects") {
  TEST_CASE("a hit on me flashes my slot, shakes the screen and throws sparks that die out") {
    app::effects fx;
    fx.set_me(2);
    fx.on_event(ev(game::event_kind::hit, 1, 2));
    CHECK(fx.flash(2) == 1.0f);
    CHECK(fx.flash(1) == 0.0f);
    CHECK(fx.shake_strength() > 0);
    REQUIRE(!fx.particles().empty());
    CHECK(fx.particles()[0].x == 100.0f);
    CHECK(fx.particles()[0].slot == 2);
    fx.advance(0.05f);
    CHECK(fx.flash(2) < 1.0f);
    CHECK(fx.particles()[0].x != 100.0f);
    for (int i = 0; i < 20; ++i) fx.advance(0.1f);
    CHECK(fx.particles().empty());
    CHECK(fx.flash(2) == 0.0f);
    CHECK(fx.shake_strength() == 0.0f);
    CHECK(fx.shake_x() == 0.0f);
  }

  TEST_CASE("someone else's hit does not shake my screen; kills burst bigger than hits") {
    app::effects a, b;
    a.set_me(0);
    b.set_me(0);
    a.on_event(ev(game::event_kind::hit, 1, 2));
    b.on_event(ev(game::event_kind::kill, 1, 2));
    CHECK(a.shake_strength() == 0.0f);
    CHECK(b.particles().size() > a.particles().size());
  }

  TEST_CASE("the particle count is bounded") {
    app::effects fx;
    for (int i = 0; i < 100; ++i) fx.on_event(ev(game::event_kind::kill, 0, 1));
    CHECK(fx.particles().size() == app::effects::max_particles);
  }
}
