// input_cells: latching presses between ticks, and opposite directions cancelling.
#include "skirmish/app/input_cells.hpp"

namespace skirmish::app {

void input_cells::set_held(std::uint8_t buttons) noexcept {
  const auto b = static_cast<std::uint8_t>(buttons & movement_and_actions);
  // A button going down is also latched, so a tap shorter than a tick counts.
  latched_ |= static_cast<std::uint8_t>(b & ~held_);
  held_ = b;
}

game::input input_cells::take() noexcept {
  auto buttons = static_cast<std::uint8_t>(held_ | latched_);
  latched_ = 0;
  ++taken_;
  // note: up and down (or left and right) together mean neither, as on a
  // keyboard where both arrows are held; the sim would see them as a wash
  // anyway, but a clean input keeps replays readable.
  if ((buttons & game::input::up) && (buttons & game::input::down))
    buttons = static_cast<std::uint8_t>(buttons & ~(game::input::up | game::input::down));
  if ((buttons & game::input::left) && (buttons & game::input::right))
    buttons = static_cast<std::uint8_t>(buttons & ~(game::input::left | game::input::right));
  if (has_aim_) return game::input::aiming(aim_, buttons);
  return game::input{buttons, 0};
}

}  // namespace skirmish::app
