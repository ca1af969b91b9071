// connection_state: the protocol state one WebSocket connection's read half
// and write half share: the phase of the close handshake, the close the writer
// owes, the pong it owes. A plain struct, no lock and no atomic.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "skirmish/ws/close_code.hpp"
#include "skirmish/ws/frame_header.hpp"
#include "skirmish/ws/role.hpp"

namespace skirmish::ws {

// The rules that make sharing it safe without a lock (the "no BiLock" point):
// - Both halves live on the same thread (the executor that owns the
//   connection) and hold a plain reference to one connection_state that
//   outlives them; nothing here is touched from another thread.
// - Each method runs to completion without suspending, so a half never sees
//   the other's change half-done; a co_await in between may see the state
//   move on, which is why the writer asks may_send_data() right before it
//   encodes, not once up front.
// - The read half (message_reader) calls only the on_*_received / on_ping /
//   on_protocol_error methods; the write half (message_writer) only
//   on_close_sent / pong_sent. After the reader changes the state in a way
//   the writer must act on, writer_has_work() is true: the glue wakes the
//   writer (an rt::event, a waker_cell) after each read() that returns ping,
//   close or error.
//
// The phases (RFC 6455 sections 5.5.1 and 7):
//   open ── we send close ──────────▶ close_sent ── peer's close ──▶ closed
//   open ── peer's close / error ──▶ close_received ── we send the owed close ──▶ closed
// In close_sent the reader drops incoming data and pings (we may not answer).
// In close_received the writer must send the owed close (the peer's code
// echoed, or the error's code) and nothing else.
enum class phase : std::uint8_t { open, close_sent, close_received, closed };

class connection_state {
 public:
  explicit connection_state(ws::role r) noexcept : role_(r) {}
  connection_state(const connection_state&) = delete;
  connection_state& operator=(const connection_state&) = delete;

  ws::role role() const noexcept { return role_; }
  ws::phase phase() const noexcept { return phase_; }
  // True if our close frame came first (we started the closing handshake).
  bool we_initiated_close() const noexcept { return we_initiated_; }
  // True if the connection failed on a protocol error (ours to report, the peer's fault).
  bool failed() const noexcept { return failed_; }
  // The code the peer's close frame carried (no_status if none or none yet).
  close_code peer_code() const noexcept { return peer_code_; }

  // --- read half ---
  // Remembers the latest ping's payload to answer (an earlier unanswered one is
  // superseded, as RFC 6455 5.5.3 allows). Ignored unless open.
  void on_ping(std::span<const std::byte> payload) noexcept;
  // The peer's close frame arrived with `code` (no_status if it had none).
  void on_close_received(close_code code) noexcept;
  // The peer broke the protocol: owe a close with `code`, then drop the transport.
  void on_protocol_error(close_code code) noexcept;
  // Whether the reader should still report data messages (false after our close).
  bool delivers_data() const noexcept { return phase_ == phase::open; }

  // --- write half ---
  // Whether the application may send data, pings or start a close.
  bool may_send_data() const noexcept { return phase_ == phase::open; }
  // Whether the writer owes a pong or a close.
  bool writer_has_work() const noexcept { return pong_pending_ || owed_close_.has_value(); }
  // The payload of the pong owed, if any (valid until pong_sent or the next ping).
  std::optional<std::span<const std::byte>> pending_pong() const noexcept;
  void pong_sent() noexcept { pong_pending_ = false; }
  // The close the writer owes: an echo of the peer's code, or an error's code.
  // no_status means a close frame with an empty payload.
  std::optional<close_code> owed_close() const noexcept { return owed_close_; }
  // A close frame went out (the owed one, or one the application started).
  void on_close_sent() noexcept;

  // Whether the transport should now be closed, once the writer's pending
  // bytes are flushed: both closes were exchanged, or the connection failed
  // and our close went out. (RFC 6455 7.1.1: a server closes TCP first; a
  // client waits a moment for the server to do it, then closes itself.)
  bool transport_done() const noexcept { return phase_ == phase::closed; }

 private:
  ws::role role_;
  ws::phase phase_ = phase::open;
  bool we_initiated_ = false;
  bool failed_ = false;
  bool pong_pending_ = false;
  std::uint8_t pong_size_ = 0;
  close_code peer_code_ = close_code::no_status;
  std::optional<close_code> owed_close_;
  std::array<std::byte, max_control_payload> pong_{};
};

}  // namespace skirmish::ws
