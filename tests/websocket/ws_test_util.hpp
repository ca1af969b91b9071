// Helpers for the WebSocket engine's tests: byte strings, frames built by hand
// (independently of frame_writer), and a driver that feeds a message_reader
// in chunks of a chosen size and records what it reports.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/ws/message_reader.hpp"

namespace skirmish::ws::test {

using bytes = std::vector<std::byte>;

inline bytes to_bytes(std::string_view s) {
  bytes b(s.size());
  std::transform(s.begin(), s.end(), b.begin(), [](char c) { return static_cast<std::byte>(c); });
  return b;
}

inline std::string to_string(std::span<const std::byte> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

inline bytes concat(std::initializer_list<bytes> parts) {
  bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A frame written out by hand from RFC 6455 section 5.2: `first` is the first
// byte (FIN, RSV, opcode); `len_form` forces 7, 16 or 64-bit length encoding
// (0: the shortest); masked frames use `key`.
inline bytes raw_frame(std::uint8_t first, std::span<const std::byte> payload, bool masked,
                       std::array<std::uint8_t, 4> key = {0x37, 0xfa, 0x21, 0x3d}, int len_form = 0) {
  bytes f;
  f.push_back(static_cast<std::byte>(first));
  std::uint64_t n = payload.size();
  if (len_form == 0) len_form = n < 126 ? 7 : n <= 0xFFFF ? 16 : 64;
  std::uint8_t mask_bit = masked ? 0x80 : 0;
  if (len_form == 7) {
    f.push_back(static_cast<std::byte>(mask_bit | n));
  } else if (len_form == 16) {
    f.push_back(static_cast<std::byte>(mask_bit | 126));
    f.push_back(static_cast<std::byte>(n >> 8));
    f.push_back(static_cast<std::byte>(n & 0xFF));
  } else {
    f.push_back(static_cast<std::byte>(mask_bit | 127));
    for (int i = 7; i >= 0; --i) f.push_back(static_cast<std::byte>((n >> (8 * i)) & 0xFF));
  }
  if (masked)
    for (auto k : key) f.push_back(static_cast<std::byte>(k));
  for (std::size_t i = 0; i < payload.size(); ++i)
    f.push_back(masked ? payload[i] ^ static_cast<std::byte>(key[i % 4]) : payload[i]);
  return f;
}

inline bytes raw_frame(std::uint8_t first, std::string_view payload, bool masked) {
  return raw_frame(first, to_bytes(payload), masked);
}

// A client frame (masked) and a server frame (unmasked) with FIN set.
inline bytes client_frame(opcode op, std::string_view payload, bool fin = true) {
  return raw_frame(static_cast<std::uint8_t>((fin ? 0x80 : 0) | static_cast<std::uint8_t>(op)), payload, true);
}
inline bytes server_frame(opcode op, std::string_view payload, bool fin = true) {
  return raw_frame(static_cast<std::uint8_t>((fin ? 0x80 : 0) | static_cast<std::uint8_t>(op)), payload, false);
}

inline bytes close_payload(std::uint16_t code, std::string_view reason = {}) {
  bytes p{static_cast<std::byte>(code >> 8), static_cast<std::byte>(code & 0xFF)};
  auto r = to_bytes(reason);
  p.insert(p.end(), r.begin(), r.end());
  return p;
}

// What one read_event said, copied out so it outlives the reader's buffers.
struct seen {
  event_kind kind;
  opcode op;
  std::string payload;
  close_code code;
  std::string reason;
};

// Feeds `wire` to `reader` in chunks of `chunk` bytes (0: all at once),
// handing each chunk over exactly once (no byte is kept by the caller), and
// records every event until the bytes run out or an error is reported.
inline std::vector<seen> read_all(message_reader& reader, bytes wire, std::size_t chunk = 0) {
  std::vector<seen> out;
  if (chunk == 0) chunk = std::max<std::size_t>(wire.size(), 1);
  for (std::size_t at = 0; at < wire.size(); at += chunk) {
    std::span<std::byte> in(wire.data() + at, std::min(chunk, wire.size() - at));
    while (true) {
      read_event ev = reader.read(in);
      REQUIRE(ev.consumed <= in.size());
      in = in.subspan(ev.consumed);
      if (ev.kind == event_kind::need_more) {
        REQUIRE(in.empty());
        break;
      }
      out.push_back({ev.kind, ev.op, to_string(ev.payload), ev.code, std::string(ev.reason)});
      if (ev.kind == event_kind::error) return out;
    }
  }
  return out;
}

}  // namespace skirmish::ws::test
