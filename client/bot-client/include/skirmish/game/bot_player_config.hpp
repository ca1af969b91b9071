// bot_player_config: who one bot is, where it plays and when it leaves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "skirmish/game/bot_skill.hpp"
#include "skirmish/rt/time.hpp"

namespace skirmish::game {

struct bot_player_config {
  std::string name;
  std::string room;                        // a room id or auto
  std::uint64_t seed = 1;
  bot_skill skill = bot_skill::normal();
  std::optional<std::uint32_t> ticks;      // leave after this many live ticks
  std::optional<rt::duration> duration;    // leave after this long
  bool until_match_end = false;
  unsigned attempts = 8;
};

}  // namespace skirmish::game
