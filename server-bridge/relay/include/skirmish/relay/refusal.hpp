// refusal: why the relay turns a message or a connection down: the protocol
// error to send (PROTOCOL.md section 5) and a reason for people.
#pragma once

#include <string_view>

#include "skirmish/wire/error_code.hpp"

namespace skirmish::relay {

struct refusal {
  wire::error_code code = wire::error_code::internal;
  std::string_view reason;  // static text, at most wire::max_reason_bytes
};

}  // namespace skirmish::relay
