// message_reader: the read half of a connection. Parses frames from bytes fed
// in any pieces (one byte at a time works), checks them strictly (RFC 6455
// sections 5 to 8), reassembles fragmented messages, validates text as UTF-8
// across fragments, and reports messages, pings, pongs, the peer's close, or
// the protocol error with the close code to send.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "skirmish/ws/byte_buffer.hpp"
#include "skirmish/ws/connection_state.hpp"
#include "skirmish/ws/frame_header.hpp"
#include "skirmish/ws/read_event.hpp"
#include "skirmish/ws/utf8_validator.hpp"

namespace skirmish::ws {

struct reader_limits {
  // A message (all its fragments) over this size fails the connection with
  // 1009 as soon as a frame header announces it, before its payload is read.
  std::uint64_t max_message_size = 16 * 1024 * 1024;
};

// Usage, in the connection's read task:
//   for (;;) {
//     std::span<std::byte> in = <bytes read from the transport>;
//     while (true) {
//       read_event ev = reader.read(in);
//       in = in.subspan(ev.consumed);
//       if (ev.kind == event_kind::need_more) break;     // in is empty now
//       handle(ev);  // before the next read(): ev.payload may point into `in`
//       if (ev.kind == ping / close / error) wake the writer;
//       if (ev.kind == close / error) stop reading;
//     }
//   }
// No byte ever has to be kept for the next call: a partial header is kept
// inside the reader, a partial payload is copied into its message buffer.
// A message that arrives as one whole frame in `in` is not copied: it is
// unmasked in place and reported as a view of `in` (hence the mutable span).
//
// note: a length written in a longer form than needed (7 bytes in the 16-bit
// form) is accepted: RFC 6455 binds senders to the shortest form, and refusing
// it would only cost interoperability.
class message_reader {
 public:
  explicit message_reader(connection_state& state, reader_limits limits = {}) noexcept
      : state_(state), limits_(limits) {}
  message_reader(const message_reader&) = delete;
  message_reader& operator=(const message_reader&) = delete;

  // Consumes bytes until it has an event to report or `input` is used up.
  // After a close the rest of the input is consumed and dropped; after an
  // error read() returns the same error and consumes nothing.
  read_event read(std::span<std::byte> input) noexcept;

  // True while a fragmented message is open (its final frame not yet read).
  bool in_fragmented_message() const noexcept { return fragmented_; }

 private:
  enum class stage : std::uint8_t { header, payload, after_close, failed };

  // How long the header at p is (0: more bytes needed); a protocol error
  // found in its first bytes is reported through `error` (fail fast).
  std::size_t check_header(const std::byte* p, std::size_t avail, read_event& error) noexcept;
  read_event fail(close_code code, std::string_view reason, std::size_t consumed) noexcept;
  read_event on_control_frame(std::size_t consumed) noexcept;

  connection_state& state_;
  reader_limits limits_;
  stage stage_ = stage::header;

  std::array<std::byte, max_header_size> head_{};  // a header split across reads
  std::uint8_t head_size_ = 0;

  frame_header frame_;           // the frame whose payload is being read
  std::uint64_t remaining_ = 0;  // payload bytes of it still to come
  std::uint64_t offset_ = 0;     // payload bytes of it already read (the mask phase)

  bool fragmented_ = false;      // a message's first frame came without FIN
  opcode message_op_ = opcode::binary;
  byte_buffer message_;          // the message being assembled (or the last one reported)
  utf8_validator utf8_;

  std::array<std::byte, max_control_payload> control_{};
  std::uint8_t control_size_ = 0;

  read_event failure_;
};

}  // namespace skirmish::ws
