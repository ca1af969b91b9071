// message: a text or binary message as connection::receive() gives it, a
// view valid until the next receive() on the same connection.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "skirmish/ws/opcode.hpp"

namespace skirmish::ws {

struct message {
  opcode op = opcode::binary;  // text or binary
  std::span<const std::byte> payload;

  bool is_text() const noexcept { return op == opcode::text; }
  // The payload as characters (valid UTF-8 when is_text()).
  std::string_view text() const noexcept { return {reinterpret_cast<const char*>(payload.data()), payload.size()}; }
};

}  // namespace skirmish::ws
