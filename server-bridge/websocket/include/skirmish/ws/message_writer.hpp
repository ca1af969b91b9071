// message_writer: the write half of a connection. Encodes the application's
// messages and what the protocol owes the peer (pongs, the close reply) into
// an output buffer that the transport drains, following the close handshake
// in the connection_state it shares with the read half.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "skirmish/rt/result.hpp"
#include "skirmish/ws/byte_buffer.hpp"
#include "skirmish/ws/connection_state.hpp"
#include "skirmish/ws/frame_writer.hpp"

namespace skirmish::ws {

struct writer_options {
  // Messages larger than this go out as several frames ("auto-fragmentation"); 0: never split.
  std::size_t max_frame_payload = 0;
};

enum class send_error : std::uint8_t {
  closing,             // a close was sent or received: no more data (RFC 6455 5.5.1)
  not_a_message,       // send() takes text or binary only
  control_too_long,    // a ping payload over 125 bytes or a close reason over 123
  invalid_close_code,  // a code that may not be sent (1005, 1006, 1015, below 1000, ...)
  invalid_utf8,        // a close reason that is not UTF-8
  out_of_memory,
  slow_consumer,       // (socket glue) the outbound watermark was passed: the connection is being dropped
};

// Usage, in the connection's write task (same thread as the reader):
//   for (;;) {
//     writer.flush_control();                 // a pong or close the reader left us
//     while (!writer.pending().empty()) {
//       n = co_await transport.write(writer.pending());
//       writer.consume(n);
//     }
//     if (state.transport_done()) close the transport;
//     co_await <the reader or the application has something for us>;
//   }
// Sending from the application is writer.send(...) then waking this task.
class message_writer {
 public:
  message_writer(connection_state& state, writer_options options = {}, std::uint64_t mask_seed = random_seed()) noexcept
      : state_(state), options_(options), frames_(state.role(), mask_seed) {}
  message_writer(const message_writer&) = delete;
  message_writer& operator=(const message_writer&) = delete;

  // Encodes a text or binary message (fragmented per writer_options). First
  // encodes anything owed (a pong jumps ahead of the data).
  rt::result<void, send_error> send(opcode op, std::span<const std::byte> payload) noexcept;
  rt::result<void, send_error> send_text(std::string_view text) noexcept {
    return send(opcode::text, std::as_bytes(std::span(text.data(), text.size())));
  }
  rt::result<void, send_error> send_binary(std::span<const std::byte> bytes) noexcept { return send(opcode::binary, bytes); }

  // Encodes a ping (at most 125 bytes of payload).
  rt::result<void, send_error> ping(std::span<const std::byte> payload = {}) noexcept;

  // Starts the closing handshake with `code` and `reason` (at most 123 bytes of
  // UTF-8); no_status sends an empty close. If the peer closed first, this
  // sends the owed echo instead (the peer's code, as the RFC asks).
  rt::result<void, send_error> close(close_code code = close_code::normal, std::string_view reason = {}) noexcept;

  // Encodes what the connection_state says is owed: the latest ping's pong,
  // then the close reply (an echo of the peer's code, or an error's code).
  rt::result<void, send_error> flush_control() noexcept;

  // Bytes encoded and not yet taken by the transport (this is the outbound
  // watermark to compare against a limit: a slow reader shows up here).
  std::span<const std::byte> pending() const noexcept { return out_.span().subspan(head_); }
  // The transport took the first `n` bytes of pending().
  void consume(std::size_t n) noexcept;
  // A drained buffer larger than this is given back (see consume()).
  static constexpr std::size_t keep_bytes = 512;
  // Forgets the pending bytes after the first `keep` (a slow consumer's
  // backlog); `keep` must end on a frame boundary.
  void discard_pending(std::size_t keep) noexcept { out_.resize_down(head_ + keep); }

  frame_writer& frames() noexcept { return frames_; }

 private:
  // note: space at the front of out_ is reclaimed lazily, so a partial write
  // costs no copy; see consume().
  void compact() noexcept;

  connection_state& state_;
  writer_options options_;
  frame_writer frames_;
  byte_buffer out_;
  std::size_t head_ = 0;
};

}  // namespace skirmish::ws
