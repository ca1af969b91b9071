// shared_message: a message encoded once as server frames into one
// ref-counted block, so a broadcast sends the same bytes to many connections
// without copying them into each connection's queue.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "skirmish/ws/opcode.hpp"

namespace skirmish::ws {

// note: the count is a plain integer, not an atomic: a shared_message belongs
// to the thread that encoded it (one relay worker) and never crosses to
// another, like everything else a connection touches.
class shared_message {
 public:
  shared_message() noexcept = default;
  shared_message(const shared_message& other) noexcept : b_(other.b_) {
    if (b_ != nullptr) ++b_->refs;
  }
  shared_message(shared_message&& other) noexcept : b_(std::exchange(other.b_, nullptr)) {}
  shared_message& operator=(shared_message other) noexcept {
    std::swap(b_, other.b_);
    return *this;
  }
  ~shared_message() { release(); }

  // Encodes `payload` as a text or binary message in unmasked (server) frames
  // of at most `max_frame_payload` bytes each (0: one frame). Nothing if memory ran out.
  static std::optional<shared_message> encode(opcode op, std::span<const std::byte> payload,
                                              std::size_t max_frame_payload = 0) noexcept;
  static std::optional<shared_message> text(std::string_view text, std::size_t max_frame_payload = 0) noexcept {
    return encode(opcode::text, std::as_bytes(std::span(text.data(), text.size())), max_frame_payload);
  }
  static std::optional<shared_message> binary(std::span<const std::byte> bytes, std::size_t max_frame_payload = 0) noexcept {
    return encode(opcode::binary, bytes, max_frame_payload);
  }

  // The encoded frames, ready for the wire.
  std::span<const std::byte> frames() const noexcept {
    return b_ == nullptr ? std::span<const std::byte>{} : std::span<const std::byte>(b_->data(), b_->size);
  }
  // How many handles (and queued sends) share the block.
  std::uint32_t use_count() const noexcept { return b_ == nullptr ? 0 : b_->refs; }
  explicit operator bool() const noexcept { return b_ != nullptr; }

 private:
  struct block {
    std::uint32_t refs;
    std::size_t size;
    std::byte* data() noexcept { return reinterpret_cast<std::byte*>(this + 1); }
  };
  explicit shared_message(block* b) noexcept : b_(b) {}
  void release() noexcept;

  block* b_ = nullptr;
};

}  // namespace skirmish::ws
