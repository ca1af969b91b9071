// shared_bytes: one immutable, reference-counted block holding one encoded
// protocol message already framed as a server WebSocket frame, so a tick's
// bundle (or a notice) sits in every recipient's queue, and then in every
// recipient's socket writes, without a copy per recipient.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "skirmish/ws/shared_message.hpp"

namespace skirmish::relay {

// note: the block is a ws::shared_message (one binary frame, unmasked since
// the relay is the server), so the same bytes are valid on every
// connection and the WebSocket writer queues them by reference and writes
// them with writev. Its count is a plain integer, not an atomic: a block
// never leaves the worker thread that made it.
class shared_bytes {
 public:
  shared_bytes() noexcept = default;

  // A new block holding `bytes` as one binary server frame: one allocation
  // for the count, the frame header and the bytes. Empty if memory ran out.
  [[nodiscard]] static shared_bytes copy_of(std::span<const std::byte> bytes) noexcept {
    auto m = ws::shared_message::binary(bytes);
    if (!m) return {};
    return shared_bytes(std::move(*m));
  }

  // The protocol message (the frame's payload).
  [[nodiscard]] std::span<const std::byte> bytes() const noexcept {
    const auto f = frame_.frames();
    return f.empty() ? f : f.subspan(header_size(f));
  }
  // The whole WebSocket frame, ready for the wire.
  [[nodiscard]] const ws::shared_message& frame() const noexcept { return frame_; }
  [[nodiscard]] std::size_t size() const noexcept { return bytes().size(); }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  explicit operator bool() const noexcept { return static_cast<bool>(frame_); }

  // How many handles share the block (0 for an empty handle), queued sends included.
  [[nodiscard]] std::uint32_t use_count() const noexcept { return frame_.use_count(); }
  // True when both handles share one block: the same bytes in memory, not a copy.
  [[nodiscard]] bool same_block(const shared_bytes& other) const noexcept {
    return frame_.frames().data() == other.frame_.frames().data();
  }
  // Bytes of memory the block occupies (count, size, frame header, payload),
  // for accounting against a limit.
  [[nodiscard]] std::size_t footprint() const noexcept {
    return frame_ ? 2 * sizeof(std::size_t) + frame_.frames().size() : 0;
  }

 private:
  explicit shared_bytes(ws::shared_message frame) noexcept : frame_(std::move(frame)) {}
  // note: read from the frame (RFC 6455 5.2: 7-bit length, or 126 + 16 bits,
  // or 127 + 64 bits; no mask) rather than stored, so a handle stays one
  // pointer: a room's history holds thousands of them.
  static std::size_t header_size(std::span<const std::byte> f) noexcept {
    const auto len7 = static_cast<unsigned>(f[1]) & 0x7fu;
    return len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
  }

  ws::shared_message frame_;
};

}  // namespace skirmish::relay
