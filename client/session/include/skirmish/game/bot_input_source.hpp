// bot_input_source: a bot brain as the session's input source (the headless
// bot client, a browser tab on autopilot, tests).
#pragma once

#include <cstdint>
#include <optional>

#include "skirmish/game/bot.hpp"
#include "skirmish/game/input_source.hpp"

namespace skirmish::game {

// The bot is built the first time the session asks, for the slot the relay
// gave. It sees the battle `input_delay` ticks before the tick it plays, as a
// human does.
class bot_input_source final : public input_source {
 public:
  explicit bot_input_source(std::uint64_t seed, bot_skill skill = bot_skill::normal()) : seed_(seed), skill_(skill) {}

  input input_for(wire::tick_t, int slot, const battle& view) override {
    if (!bot_ || bot_->slot() != slot) bot_.emplace(slot, seed_, skill_);
    return bot_->think(view.state());
  }

 private:
  std::uint64_t seed_;
  bot_skill skill_;
  std::optional<bot> bot_;
};

}  // namespace skirmish::game
