// read_event: what message_reader::read found in the bytes it was given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "skirmish/ws/close_code.hpp"
#include "skirmish/ws/opcode.hpp"

namespace skirmish::ws {

enum class event_kind : std::uint8_t {
  need_more,  // everything given was consumed; read more from the transport
  message,    // a complete text or binary message
  ping,       // a ping; the connection_state already holds the pong to send
  pong,       // a pong (an answer to our ping, or unsolicited)
  close,      // the peer's close frame; the connection_state knows what to answer
  error,      // the peer broke the protocol; the connection_state holds the close to send
};

struct read_event {
  // How many bytes of the input this call consumed, up to the end of the frame
  // that produced the event; the rest must be passed to the next read.
  std::size_t consumed = 0;
  event_kind kind = event_kind::need_more;
  opcode op = opcode::binary;  // message: text or binary
  // message, ping, pong: the payload. close: the reason (UTF-8). Valid until
  // the next read() and while the input bytes stay untouched: it may point
  // into the input (a message that came as one frame, unmasked in place) or
  // into the reader's own buffer.
  std::span<const std::byte> payload;
  // close: the peer's code (no_status if it sent none). error: the code we close with.
  close_code code = close_code::no_status;
  // error: what was wrong (static text).
  std::string_view reason;

  std::string_view text() const noexcept { return {reinterpret_cast<const char*>(payload.data()), payload.size()}; }
};

}  // namespace skirmish::ws
