// premasked_frame: a client frame encoded and masked once, so a load generator
// can send the same bytes again and again with no work and no allocation per
// message (as uWebSockets' load_test does).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "skirmish/ws/frame_header.hpp"
#include "skirmish/ws/mask.hpp"

namespace skirmish::ws {

// note: every copy reuses one mask key. A server cannot tell; RFC 6455 asks
// for a fresh key per frame only to defeat attacks by scripts on proxies,
// which a native load generator is not.
class premasked_frame {
 public:
  // `copies` back-to-back frames of `payload`, so one write can send a batch.
  premasked_frame(opcode op, std::span<const std::byte> payload, mask_key key, std::size_t copies = 1) {
    frame_header h;
    h.op = op;
    h.masked = true;
    h.mask = key;
    h.payload_size = payload.size();
    std::array<std::byte, max_header_size> head;
    std::size_t n = encode_header(h, head);
    frame_size_ = n + payload.size();
    bytes_.resize(frame_size_ * copies);
    for (std::size_t c = 0; c < copies; ++c) {
      std::byte* at = bytes_.data() + c * frame_size_;
      std::copy_n(head.data(), n, at);
      mask_copy(at + n, payload.data(), payload.size(), key, 0);
    }
  }

  // All copies, ready to write.
  std::span<const std::byte> bytes() const noexcept { return bytes_; }
  // The size of one frame (bytes().size() / copies).
  std::size_t frame_size() const noexcept { return frame_size_; }

 private:
  std::vector<std::byte> bytes_;
  std::size_t frame_size_ = 0;
};

}  // namespace skirmish::ws
