// bot_outcome: how one bot's run ended, for the exit status and the last line.
#pragma once

#include <string>

namespace skirmish::game {

struct bot_outcome {
  bool ok = false;
  std::string why;  // a sentence: what ended it, or what went wrong
};

}  // namespace skirmish::game
