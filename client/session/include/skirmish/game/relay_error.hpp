// relay_error: the relay's last `error` message, kept for the UI.
#pragma once

#include <string>

#include "skirmish/wire/error_code.hpp"

namespace skirmish::game {

struct relay_error {
  wire::error_code code = wire::error_code::bad_message;
  std::string reason;
};

}  // namespace skirmish::game
