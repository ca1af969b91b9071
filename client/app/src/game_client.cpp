// game_client: what happens on each animation frame and each tick's input.
#include "skirmish/app/game_client.hpp"

#include <chrono>
#include <utility>

namespace skirmish::app {

game_client::game_client(game::session_config config, game::input_source* autopilot)
    : autopilot_(autopilot), session_(std::move(config), &source_) {}

game::input game_client::recording_source::input_for(wire::tick_t tick, int slot, const game::battle& view) {
  // note: the session asks right after it applied a tick, so `view` is the
  // state after room tick next_tick() - 1: the same (tick, hash) pairs the
  // session reports to the relay at every hash tick, on every peer.
  const game::session& s = c_.session_;
  if (const game::lockstep_battle* b = s.battle(); b != nullptr && b->next_tick() > b->start_tick()) {
    const wire::tick_t applied = b->next_tick() - 1;
    const auto every = static_cast<wire::tick_t>(s.hash_interval() > 0 ? s.hash_interval() : game::tick_rate);
    if (applied % every == 0) c_.hashes_.record(applied, view.state_hash());
  }
  return c_.autopilot_ != nullptr ? c_.autopilot_->input_for(tick, slot, view) : c_.cells_.take();
}

const std::vector<float>& game_client::frame(rt::instant now) {
  ++frames_;
  const float dt = last_frame_ ? std::chrono::duration<float>(now - *last_frame_).count() : 0.0f;
  last_frame_ = now;
  fx_.set_me(session_.slot().value_or(-1));
  for (const game::event& e : session_.events()) {
    // note: events of replayed history (a catch-up) happened long ago; only
    // live ones deserve sparks and a line in the kill feed.
    if (e.tick < session_.live_tick()) continue;
    fx_.on_event(e);
    if (hud_events_.size() < 256) hud_events_.push_back(e);
  }
  session_.clear_events();
  fx_.advance(dt);
  const game::lockstep_battle* b = session_.battle();
  if (b == nullptr) return empty_;
  const int hz = session_.tick_hz() > 0 ? session_.tick_hz() : game::tick_rate;
  const rt::duration period = std::chrono::duration_cast<rt::duration>(std::chrono::seconds(1)) / hz;
  const float alpha = session_.last_step_at() ? interpolation_alpha(*session_.last_step_at(), now, period) : 1.0f;
  return writer_.write(b->sim().state(), alpha, b->next_tick() > 0 ? b->next_tick() - 1 : 0,
                       session_.slot().value_or(-1), hz, fx_);
}

std::vector<game::event> game_client::take_hud_events() { return std::exchange(hud_events_, {}); }

}  // namespace skirmish::app
