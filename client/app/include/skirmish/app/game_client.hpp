// game_client: one battle as the page plays it: the lockstep session, the
// input cells it reads, the cosmetic layer, the frame for the renderer, the
// live events for the HUD and the hash log. No transport and no clock of its
// own: the wasm bindings (or a test) run session_runner over it.
#pragma once

#include <cstdint>
#include <vector>

#include "skirmish/app/effects.hpp"
#include "skirmish/app/frame_writer.hpp"
#include "skirmish/app/hash_log.hpp"
#include "skirmish/app/input_cells.hpp"
#include "skirmish/game/event.hpp"
#include "skirmish/game/session.hpp"
#include "skirmish/game/session_config.hpp"
#include "skirmish/rt/time.hpp"

namespace skirmish::app {

class game_client {
 public:
  // `autopilot` plays instead of the input cells when given (a bot filling
  // the room from the page); it must outlive the client.
  explicit game_client(game::session_config config, game::input_source* autopilot = nullptr);
  game_client(const game_client&) = delete;
  game_client& operator=(const game_client&) = delete;

  [[nodiscard]] game::session& session() noexcept { return session_; }
  [[nodiscard]] const game::session& session() const noexcept { return session_; }
  [[nodiscard]] input_cells& input() noexcept { return cells_; }

  // One animation frame at `now`: new events go to the cosmetic layer and
  // the HUD queue, the effects advance, and the frame is written for the
  // state interpolated between the last two ticks. Empty before the welcome.
  const std::vector<float>& frame(rt::instant now);

  // Events of live ticks not yet handed to the page (kills, phases, joins).
  [[nodiscard]] std::vector<game::event> take_hud_events();
  [[nodiscard]] const hash_log& hashes() const noexcept { return hashes_; }
  [[nodiscard]] std::uint64_t frames() const noexcept { return frames_; }

 private:
  // Reads the cells for the session and records the hash of every hash tick.
  class recording_source final : public game::input_source {
   public:
    explicit recording_source(game_client& c) noexcept : c_(c) {}
    game::input input_for(wire::tick_t tick, int slot, const game::battle& view) override;

   private:
    game_client& c_;
  };

  input_cells cells_;
  game::input_source* autopilot_;
  recording_source source_{*this};
  game::session session_;
  effects fx_;
  frame_writer writer_;
  hash_log hashes_;
  std::vector<game::event> hud_events_;
  std::vector<float> empty_;
  std::optional<rt::instant> last_frame_;
  std::uint64_t frames_ = 0;
};

}  // namespace skirmish::app
