// bot: a deterministic brain that plays one slot, turning the battle's state
// into that slot's input each tick; the same in the browser, in tests and in
// a headless native client.
#pragma once

#include <cstdint>

#include "skirmish/game/battle_state.hpp"
#include "skirmish/game/bot_skill.hpp"
#include "skirmish/game/input.hpp"
#include "skirmish/game/nav_field.hpp"
#include "skirmish/game/rng.hpp"

namespace skirmish::game {

// It seeks enemies around walls, aims with lead and human-like wobble,
// strafes, backs off behind cover and on to a health pack when hurt, sidesteps
// or dashes out of the way of projectiles, and never fires at the spawn
// protected. Everything it does comes from the state and its own seeded rng,
// so two bots built alike and fed alike produce the same inputs.
class bot {
 public:
  bot(int slot, std::uint64_t seed, bot_skill skill = bot_skill::normal());

  // The input for the tick the battle is about to step (call once per tick,
  // with the state before that step).
  [[nodiscard]] input think(const battle_state& s);

  [[nodiscard]] int slot() const { return slot_; }
  [[nodiscard]] const bot_skill& skill() const { return skill_; }

 private:
  struct threat {
    bool found = false;
    std::uint32_t id = 0;
    std::int32_t ticks = 0;  // until its closest approach
    vec2 away;               // a direction out of its path
  };

  int choose_target(const battle_state& s) const;
  threat incoming(const battle_state& s) const;
  vec2 toward(const battle_state& s, vec2 goal);
  vec2 engage_move(const battle_state& s, const player& me, const player& enemy, bool engaged);
  angle16 aim_at(const battle_state& s, const player& me, const player& enemy);
  vec2 retreat_goal(const battle_state& s, const player& me, int enemy, bool visible) const;

  int slot_;
  bot_skill skill_;
  rng random_;
  nav_field nav_;
  int target_ = -1;
  std::uint16_t seen_ticks_ = 0;     // the target has been in sight this long
  std::uint16_t sight_memory_ = 0;   // ticks the target still counts as in sight
  std::int32_t wobble_ = 0;          // current aim error, angle units
  std::int32_t strafe_sign_ = 1;
  std::uint16_t strafe_left_ = 0;
  std::uint32_t judged_threat_ = 0;  // the projectile last decided about
  bool dodging_ = false;
  bool retreating_ = false;
  vec2 last_pos_;
  std::uint16_t stuck_ticks_ = 0;
  std::uint16_t unstick_left_ = 0;
  vec2 unstick_dir_;
};

}  // namespace skirmish::game
