// bot_skill: the difficulty knob of a bot, as the handful of numbers it sets.
#pragma once

#include <cstdint>

namespace skirmish::game {

struct bot_skill {
  std::uint16_t reaction_ticks = 10;  // from first seeing an enemy to the first shot
  std::uint16_t aim_error = 1000;     // largest aim wobble, in binary angle units (65536 a turn)
  std::uint8_t lead_percent = 70;     // how much of the target's motion it aims ahead of
  std::uint8_t fire_percent = 85;     // chance per tick to pull the trigger with a target in sight
  std::uint8_t dodge_percent = 35;    // chance to sidestep a projectile coming at it
  std::uint8_t dash_percent = 40;     // chance to dash out of the way of one about to hit
  std::uint8_t retreat_health = 30;   // below this share of max health (percent) it goes to heal

  // Level 1 (a beginner's punching bag) to 5 (sharp); other values are clamped.
  [[nodiscard]] static constexpr bot_skill level(int lvl) {
    constexpr bot_skill table[5] = {
        {18, 2400, 0, 50, 0, 0, 0},
        {14, 1600, 40, 70, 15, 20, 20},
        {10, 1000, 70, 85, 35, 40, 30},
        {7, 600, 90, 100, 55, 60, 30},
        {4, 300, 100, 100, 75, 80, 30},
    };
    return table[lvl < 1 ? 0 : (lvl > 5 ? 4 : lvl - 1)];
  }
  [[nodiscard]] static constexpr bot_skill easy() { return level(1); }
  [[nodiscard]] static constexpr bot_skill normal() { return level(3); }
  [[nodiscard]] static constexpr bot_skill hard() { return level(5); }

  friend constexpr bool operator==(const bot_skill&, const bot_skill&) = default;
};

}  // namespace skirmish::game
