// The write half: messages, pings, the close handshake and the owed replies.
#include "skirmish/ws/message_writer.hpp"

#include <algorithm>

#include "skirmish/ws/utf8_validator.hpp"

namespace skirmish::ws {

void message_writer::consume(std::size_t n) noexcept {
  head_ += std::min(n, out_.size() - head_);
  if (head_ == out_.size()) {
    // note: a burst (a joiner's history, a backlog) grows the buffer to tens
    // of KiB; an idle connection should not keep that, so it is given back
    // once drained, while the small steady-state buffer is kept for reuse.
    if (out_.capacity() > keep_bytes) out_.release();
    else out_.clear();
    head_ = 0;
  }
}

void message_writer::compact() noexcept {
  // Move the unsent tail to the front only when that is cheap next to the
  // space it frees (the dead front is at least as large as what is still live).
  if (head_ != 0 && head_ >= out_.size() - head_) {
    out_.erase_front(head_);
    head_ = 0;
  }
}

rt::result<void, send_error> message_writer::flush_control() noexcept {
  compact();
  if (auto pong = state_.pending_pong()) {
    if (!frames_.append_control(out_, opcode::pong, *pong)) return rt::fail(send_error::out_of_memory);
    state_.pong_sent();
  }
  if (auto code = state_.owed_close()) {
    if (!frames_.append_close(out_, *code)) return rt::fail(send_error::out_of_memory);
    state_.on_close_sent();
  }
  return {};
}

rt::result<void, send_error> message_writer::send(opcode op, std::span<const std::byte> payload) noexcept {
  if (op != opcode::text && op != opcode::binary) return rt::fail(send_error::not_a_message);
  if (auto owed = flush_control(); !owed) return owed;
  if (!state_.may_send_data()) return rt::fail(send_error::closing);
  if (!frames_.append_message(out_, op, payload, options_.max_frame_payload)) return rt::fail(send_error::out_of_memory);
  return {};
}

rt::result<void, send_error> message_writer::ping(std::span<const std::byte> payload) noexcept {
  if (payload.size() > max_control_payload) return rt::fail(send_error::control_too_long);
  if (auto owed = flush_control(); !owed) return owed;
  if (!state_.may_send_data()) return rt::fail(send_error::closing);
  if (!frames_.append_control(out_, opcode::ping, payload)) return rt::fail(send_error::out_of_memory);
  return {};
}

rt::result<void, send_error> message_writer::close(close_code code, std::string_view reason) noexcept {
  if (state_.phase() == phase::close_received) return flush_control();
  if (!state_.may_send_data()) return rt::fail(send_error::closing);
  if (code != close_code::no_status && !valid_on_wire(code)) return rt::fail(send_error::invalid_close_code);
  if (code == close_code::no_status && !reason.empty()) return rt::fail(send_error::invalid_close_code);
  if (reason.size() > max_control_payload - 2) return rt::fail(send_error::control_too_long);
  if (!is_valid_utf8(std::as_bytes(std::span(reason.data(), reason.size())))) return rt::fail(send_error::invalid_utf8);
  if (auto owed = flush_control(); !owed) return owed;
  if (!frames_.append_close(out_, code, reason)) return rt::fail(send_error::out_of_memory);
  state_.on_close_sent();
  return {};
}

}  // namespace skirmish::ws
