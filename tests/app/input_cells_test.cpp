// input_cells: held buttons, presses latched until the next tick, aim, and
// opposite directions cancelling.
#include <doctest/doctest.h>

#include "skirmish/app/input_cells.hpp"

using namespace skirmish;
using game::input;

TEST_SUITE("input_cells") {
  TEST_CASE("held buttons are sent every tick while held, with no aim before the mouse moved") {
    app::input_cells c;
    c.set_held(input::up | input::fire);
    CHECK(c.take() == input{input::up | input::fire, 0});
    CHECK(c.take() == input{input::up | input::fire, 0});
    c.set_held(0);
    CHECK(c.take().empty());
  }

  TEST_CASE("a tap shorter than a tick still reaches the next tick, once") {
    app::input_cells c;
    c.set_held(input::fire);
    c.set_held(0);
    CHECK(c.take().buttons == input::fire);
    CHECK(c.take().buttons == 0);
    c.press(input::ability);
    CHECK(c.take().buttons == input::ability);
    CHECK(c.take().buttons == 0);
    c.press(0xff);  // the aim and reserved bits are not buttons
    CHECK(c.take().buttons == (input::fire | input::ability));  // all four directions cancel
  }

  TEST_CASE("the aim is sent with the aim bit once the mouse moved") {
    app::input_cells c;
    c.set_aim(16384);
    c.set_held(input::right);
    const input in = c.take();
    CHECK(in.held(input::aim_set));
    CHECK(in.aim == 16384);
    CHECK(in.held(input::right));
    CHECK(input::decode(in.encode()) == in);
  }

  TEST_CASE("opposite directions cancel; release_all stops the player") {
    app::input_cells c;
    c.set_held(input::up | input::down | input::left);
    CHECK(c.take().buttons == input::left);
    c.set_held(input::left | input::right | input::fire);
    CHECK(c.take().buttons == input::fire);
    c.release_all();
    CHECK(c.take().buttons == 0);
    CHECK(c.taken() == 3);
  }
}
