// frame_header: the fields before a frame's payload (RFC 6455 section 5.2) and
// their encoding in the shortest of the three length forms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "skirmish/ws/mask.hpp"
#include "skirmish/ws/opcode.hpp"

namespace skirmish::ws {

// The longest header: 2 bytes, a 64-bit length and a mask key.
inline constexpr std::size_t max_header_size = 14;
// Control frames carry at most this much payload.
inline constexpr std::size_t max_control_payload = 125;

struct frame_header {
  bool fin = true;
  std::uint8_t rsv = 0;  // RSV1..RSV3 as bits 2..0; nonzero only with an extension (none here)
  opcode op = opcode::binary;
  bool masked = false;
  mask_key mask{};
  std::uint64_t payload_size = 0;
};

// How many bytes the header of a frame with this payload takes.
constexpr std::size_t header_size(std::uint64_t payload_size, bool masked) noexcept {
  std::size_t n = payload_size < 126 ? 2 : payload_size <= 0xFFFF ? 4 : 10;
  return masked ? n + 4 : n;
}

// Writes `h` in the shortest length form; returns header_size(h.payload_size, h.masked).
// note: payload sizes need the top bit clear (RFC 6455 5.2); larger ones are cut to 63 bits.
inline std::size_t encode_header(const frame_header& h, std::span<std::byte, max_header_size> out) noexcept {
  std::uint64_t size = h.payload_size & 0x7FFF'FFFF'FFFF'FFFFull;
  out[0] = static_cast<std::byte>((h.fin ? 0x80 : 0) | (h.rsv & 0x7) << 4 | static_cast<std::uint8_t>(h.op));
  std::byte mask_bit = h.masked ? std::byte{0x80} : std::byte{0};
  std::size_t n = 2;
  if (size < 126) {
    out[1] = mask_bit | static_cast<std::byte>(size);
  } else if (size <= 0xFFFF) {
    out[1] = mask_bit | std::byte{126};
    out[2] = static_cast<std::byte>(size >> 8);
    out[3] = static_cast<std::byte>(size);
    n = 4;
  } else {
    out[1] = mask_bit | std::byte{127};
    for (int i = 0; i < 8; ++i) out[2 + i] = static_cast<std::byte>(size >> (56 - 8 * i));
    n = 10;
  }
  if (h.masked) {
    for (std::size_t i = 0; i < 4; ++i) out[n + i] = h.mask[i];
    n += 4;
  }
  return n;
}

}  // namespace skirmish::ws
