// frame_writer: turns the battle's state, the time since its last tick and
// the cosmetic layer into the flat frame the page draws (frame_layout.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "skirmish/app/effects.hpp"
#include "skirmish/game/battle_state.hpp"
#include "skirmish/rt/time.hpp"

namespace skirmish::app {

// How far between the last tick and the next one `now` is: 0 at the tick,
// 1 a tick period later; never outside [0, 1] (a late tick holds the pose
// instead of extrapolating into a wall).
[[nodiscard]] float interpolation_alpha(rt::instant last_step, rt::instant now, rt::duration period) noexcept;

class frame_writer {
 public:
  // Writes the frame for `s` at `alpha`; `room_tick` is the tick drawn, `me`
  // the local slot or -1. The returned vector stays valid until the next call.
  const std::vector<float>& write(const game::battle_state& s, float alpha, std::uint32_t room_tick, int me,
                                  int tick_hz, const effects& fx);
  [[nodiscard]] const std::vector<float>& frame() const noexcept { return out_; }

 private:
  std::vector<float> out_;
};

}  // namespace skirmish::app
