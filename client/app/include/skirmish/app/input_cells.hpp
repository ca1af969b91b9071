// input_cells: the local player's controls as plain cells that the page's
// key and mouse handlers write, read once per tick by the session.
#pragma once

#include <cstdint>

#include "skirmish/game/input.hpp"
#include "skirmish/game/input_source.hpp"
#include "skirmish/game/trig.hpp"

namespace skirmish::app {

// note: held buttons are level-triggered, but a click or a dash key tapped
// between two ticks would be lost if only the level counted, so presses are
// latched until the next input is taken.
class input_cells final : public game::input_source {
 public:
  // The movement and fire buttons held now (game::input bits up..ability).
  void set_held(std::uint8_t buttons) noexcept;
  // A press that must reach the next tick even if released before it.
  void press(std::uint8_t button) noexcept { latched_ |= static_cast<std::uint8_t>(button & movement_and_actions); }
  // Where the mouse points, as a binary angle from the player.
  void set_aim(game::angle16 aim) noexcept {
    aim_ = aim;
    has_aim_ = true;
  }
  // Nothing held (the page lost focus): stop instead of running on.
  void release_all() noexcept { held_ = 0; }

  // The input for the next tick; clears the latched presses.
  [[nodiscard]] game::input take() noexcept;

  game::input input_for(wire::tick_t, int, const game::battle&) override { return take(); }

  [[nodiscard]] std::uint8_t held() const noexcept { return held_; }
  [[nodiscard]] std::uint32_t taken() const noexcept { return taken_; }

 private:
  static constexpr std::uint8_t movement_and_actions = 0x3f;  // up..ability

  std::uint8_t held_ = 0;
  std::uint8_t latched_ = 0;
  game::angle16 aim_ = 0;
  bool has_aim_ = false;
  std::uint32_t taken_ = 0;
};

}  // namespace skirmish::app
