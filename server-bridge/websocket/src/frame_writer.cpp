// Frame encoding for both roles, with auto-fragmentation of large messages.
#include "skirmish/ws/frame_writer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace skirmish::ws {

std::size_t frame_writer::encode_header(std::span<std::byte, max_header_size> out, opcode op, bool fin,
                                        std::uint64_t payload_size) noexcept {
  frame_header h;
  h.fin = fin;
  h.op = op;
  h.masked = masks();
  if (h.masked) h.mask = masks_.next();
  h.payload_size = payload_size;
  return ws::encode_header(h, out);
}

std::size_t frame_writer::encode(std::span<std::byte> out, opcode op, bool fin,
                                 std::span<const std::byte> payload) noexcept {
  frame_header h;
  h.fin = fin;
  h.op = op;
  h.masked = masks();
  if (h.masked) h.mask = masks_.next();
  h.payload_size = payload.size();
  std::array<std::byte, max_header_size> head;
  std::size_t n = ws::encode_header(h, head);
  std::memcpy(out.data(), head.data(), n);
  if (h.masked) mask_copy(out.data() + n, payload.data(), payload.size(), h.mask, 0);
  else if (!payload.empty()) std::memcpy(out.data() + n, payload.data(), payload.size());
  return n + payload.size();
}

bool frame_writer::append_message(byte_buffer& out, opcode op, std::span<const std::byte> payload,
                                  std::size_t max_frame_payload) noexcept {
  std::size_t chunk = max_frame_payload == 0 ? payload.size() : max_frame_payload;
  std::size_t frames = payload.empty() ? 1 : (payload.size() + chunk - 1) / chunk;
  std::size_t total = 0;
  for (std::size_t i = 0; i < frames; ++i) total += frame_size(std::min(chunk, payload.size() - i * chunk));
  std::byte* at = out.extend(total);
  if (at == nullptr) return false;
  std::size_t written = 0;
  for (std::size_t i = 0; i < frames; ++i) {
    std::span<const std::byte> part = payload.subspan(i * chunk, std::min(chunk, payload.size() - i * chunk));
    written += encode({at + written, frame_size(part.size())}, i == 0 ? op : opcode::continuation, i + 1 == frames, part);
  }
  return true;
}

bool frame_writer::append_control(byte_buffer& out, opcode op, std::span<const std::byte> payload) noexcept {
  payload = payload.first(std::min(payload.size(), max_control_payload));
  std::array<std::byte, max_header_size + max_control_payload> frame;
  std::size_t n = encode(frame, op, true, payload);
  return out.append(std::span(frame).first(n));
}

bool frame_writer::append_close(byte_buffer& out, close_code code, std::string_view reason) noexcept {
  std::array<std::byte, max_control_payload> payload;
  std::size_t n = 0;
  if (code != close_code::no_status) {
    auto v = to_number(code);
    payload[0] = static_cast<std::byte>(v >> 8);
    payload[1] = static_cast<std::byte>(v & 0xFF);
    std::size_t r = std::min(reason.size(), max_control_payload - 2);
    if (r != 0) std::memcpy(payload.data() + 2, reason.data(), r);
    n = 2 + r;
  }
  return append_control(out, opcode::close, std::span(payload).first(n));
}

}  // namespace skirmish::ws
