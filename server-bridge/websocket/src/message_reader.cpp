// Frame parsing, message assembly and the protocol checks of the read half.
#include "skirmish/ws/message_reader.hpp"

#include <algorithm>
#include <cstring>

namespace skirmish::ws {

namespace {

constexpr std::uint64_t reserve_at_once = 1024 * 1024;

std::uint64_t read_be(const std::byte* p, int n) noexcept {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | static_cast<std::uint8_t>(p[i]);
  return v;
}

}  // namespace

read_event message_reader::fail(close_code code, std::string_view reason, std::size_t consumed) noexcept {
  stage_ = stage::failed;
  failure_ = read_event{};
  failure_.kind = event_kind::error;
  failure_.code = code;
  failure_.reason = reason;
  state_.on_protocol_error(code);
  read_event ev = failure_;
  ev.consumed = consumed;
  return ev;
}

std::size_t message_reader::check_header(const std::byte* p, std::size_t avail, read_event& error) noexcept {
  auto bad = [&](close_code code, std::string_view reason) {
    error.kind = event_kind::error;
    error.code = code;
    error.reason = reason;
    return std::size_t{0};
  };
  if (avail < 1) return 0;
  auto b0 = static_cast<std::uint8_t>(p[0]);
  bool fin = (b0 & 0x80) != 0;
  std::uint8_t bits = b0 & 0x0F;
  if ((b0 & 0x70) != 0) return bad(close_code::protocol_error, "reserved bits set without an extension");
  if (!is_known_opcode(bits)) return bad(close_code::protocol_error, "reserved opcode");
  auto op = static_cast<opcode>(bits);
  bool control = is_control(op);
  if (control && !fin) return bad(close_code::protocol_error, "fragmented control frame");
  if (op == opcode::continuation && !fragmented_) return bad(close_code::protocol_error, "continuation frame without a message to continue");
  if ((op == opcode::text || op == opcode::binary) && fragmented_)
    return bad(close_code::protocol_error, "new message before the fragmented one ended");

  if (avail < 2) return 0;
  auto b1 = static_cast<std::uint8_t>(p[1]);
  bool masked = (b1 & 0x80) != 0;
  std::uint8_t len7 = b1 & 0x7F;
  if (state_.role() == role::server && !masked) return bad(close_code::protocol_error, "unmasked frame from a client");
  if (state_.role() == role::client && masked) return bad(close_code::protocol_error, "masked frame from a server");
  if (control && len7 > max_control_payload) return bad(close_code::protocol_error, "control frame payload over 125 bytes");
  int ext = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
  // note: the 64-bit length's top bit must be clear; checked as soon as its first byte is in.
  if (ext == 8 && avail >= 3 && (static_cast<std::uint8_t>(p[2]) & 0x80) != 0)
    return bad(close_code::protocol_error, "64-bit payload length with the top bit set");
  std::size_t size = 2 + static_cast<std::size_t>(ext) + (masked ? 4 : 0);
  if (avail < size) return 0;

  std::uint64_t length = ext == 0 ? len7 : read_be(p + 2, ext);
  if (!control) {
    std::uint64_t so_far = op == opcode::continuation ? message_.size() : 0;
    if (length > limits_.max_message_size || so_far > limits_.max_message_size - length)
      return bad(close_code::message_too_big, "message over the size limit");
  }
  frame_.fin = fin;
  frame_.rsv = 0;
  frame_.op = op;
  frame_.masked = masked;
  frame_.payload_size = length;
  if (masked) std::memcpy(frame_.mask.data(), p + 2 + ext, 4);
  return size;
}

read_event message_reader::read(std::span<std::byte> input) noexcept {
  if (stage_ == stage::failed) return failure_;
  if (stage_ == stage::after_close) return read_event{input.size()};
  std::size_t pos = 0;
  while (true) {
    if (stage_ == stage::header) {
      if (pos == input.size()) return read_event{pos};
      read_event error;
      std::size_t size = 0;
      if (head_size_ == 0) {
        size = check_header(input.data() + pos, input.size() - pos, error);
        if (error.kind == event_kind::error) return fail(error.code, error.reason, pos);
        if (size == 0) {
          // note: a partial header is at most 13 bytes; keep it so the caller never has to.
          head_size_ = static_cast<std::uint8_t>(input.size() - pos);
          std::memcpy(head_.data(), input.data() + pos, head_size_);
          return read_event{input.size()};
        }
        pos += size;
      } else {
        std::size_t take = std::min(head_.size() - head_size_, input.size() - pos);
        std::memcpy(head_.data() + head_size_, input.data() + pos, take);
        size = check_header(head_.data(), head_size_ + take, error);
        if (error.kind == event_kind::error) return fail(error.code, error.reason, pos);
        if (size == 0) {
          head_size_ = static_cast<std::uint8_t>(head_size_ + take);
          return read_event{input.size()};
        }
        pos += size - head_size_;
        head_size_ = 0;
      }

      remaining_ = frame_.payload_size;
      offset_ = 0;
      if (is_control(frame_.op)) {
        control_size_ = 0;
      } else {
        if (frame_.op != opcode::continuation) {
          if (frame_.fin && input.size() - pos >= remaining_) {
            // The whole message is here in one frame: report it in place, no copy.
            std::span<std::byte> payload = input.subspan(pos, remaining_);
            if (frame_.masked) mask_in_place(payload, frame_.mask);
            pos += payload.size();
            if (frame_.op == opcode::text && !is_valid_utf8(payload))
              return fail(close_code::invalid_payload, "text message is not valid UTF-8", pos);
            if (!state_.delivers_data()) continue;
            read_event ev{pos, event_kind::message, frame_.op};
            ev.payload = payload;
            return ev;
          }
          message_op_ = frame_.op;
          message_.clear();
          utf8_.reset();
        }
        fragmented_ = !frame_.fin;
        // note: room for the whole frame up front (up to a cap, so a header
        // alone cannot make us allocate much), growing geometrically across fragments.
        if (!message_.make_room(static_cast<std::size_t>(std::min(remaining_, reserve_at_once))))
          return fail(close_code::internal_error, "out of memory for the message", pos);
      }
      stage_ = stage::payload;
    }

    // stage::payload
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, input.size() - pos));
    const std::byte* src = input.data() + pos;
    std::byte* dst = nullptr;
    if (is_control(frame_.op)) {
      dst = control_.data() + control_size_;
      control_size_ = static_cast<std::uint8_t>(control_size_ + n);
    } else {
      dst = message_.extend(n);
      if (dst == nullptr) return fail(close_code::internal_error, "out of memory for the message", pos);
    }
    if (frame_.masked) mask_copy(dst, src, n, frame_.mask, static_cast<std::size_t>(offset_));
    else if (n != 0) std::memcpy(dst, src, n);
    pos += n;
    remaining_ -= n;
    offset_ += n;
    if (message_op_ == opcode::text && !is_control(frame_.op) && !utf8_.feed({dst, n}))
      return fail(close_code::invalid_payload, "text message is not valid UTF-8", pos);
    if (remaining_ != 0) return read_event{pos};

    stage_ = stage::header;
    if (is_control(frame_.op)) return on_control_frame(pos);
    if (!frame_.fin) continue;
    fragmented_ = false;
    if (message_op_ == opcode::text && !utf8_.complete())
      return fail(close_code::invalid_payload, "text message ends inside a UTF-8 sequence", pos);
    if (!state_.delivers_data()) continue;
    read_event ev{pos, event_kind::message, message_op_};
    ev.payload = message_.span();
    return ev;
  }
}

read_event message_reader::on_control_frame(std::size_t consumed) noexcept {
  std::span<const std::byte> payload(control_.data(), control_size_);
  read_event ev{consumed};
  ev.payload = payload;
  switch (frame_.op) {
    case opcode::ping:
      state_.on_ping(payload);
      ev.kind = event_kind::ping;
      return ev;
    case opcode::pong:
      ev.kind = event_kind::pong;
      return ev;
    default: break;
  }
  // A close frame: empty, or a valid code and a UTF-8 reason (RFC 6455 5.5.1, 7.4).
  if (payload.size() == 1) return fail(close_code::protocol_error, "close payload of one byte", consumed);
  ev.kind = event_kind::close;
  ev.payload = {};
  if (payload.size() >= 2) {
    auto code = static_cast<std::uint16_t>(read_be(payload.data(), 2));
    if (!valid_on_wire(code)) return fail(close_code::protocol_error, "close code not allowed on the wire", consumed);
    ev.code = static_cast<close_code>(code);
    ev.payload = payload.subspan(2);
    if (!is_valid_utf8(ev.payload)) return fail(close_code::invalid_payload, "close reason is not valid UTF-8", consumed);
  }
  ev.reason = ev.text();
  state_.on_close_received(ev.code);
  stage_ = stage::after_close;
  return ev;
}

}  // namespace skirmish::ws
