// match_state: the phase of the match and its clock, as the UI shows them.
#pragma once

#include <cstdint>

#include "skirmish/game/limits.hpp"

namespace skirmish::game {

// warmup:    fewer than rules::min_players have joined; free play, nothing scores.
// countdown: everyone was placed on a spawn point; moving and dashing, no firing.
// playing:   the round clock runs; kills score; first to rules::kill_limit wins.
// overtime:  the round ended with a tie for most kills; the next kill that
//            breaks it wins (sudden death), else fewest deaths, else a draw.
// ended:     frozen on the results; after rules::restart_delay a new match
//            counts down (a delay of 0 keeps it ended).
enum class match_phase : std::uint8_t { warmup, countdown, playing, overtime, ended };

struct match_state {
  match_phase phase = match_phase::warmup;
  std::uint32_t phase_ticks = 0;      // left in countdown, playing, overtime or ended; 0 in warmup
  std::uint8_t winner = no_slot;      // when ended: the winning slot, or no_slot for a draw
  std::uint16_t number = 0;           // matches started so far (the first countdown makes it 1)

  friend constexpr bool operator==(const match_state&, const match_state&) = default;
};

}  // namespace skirmish::game
