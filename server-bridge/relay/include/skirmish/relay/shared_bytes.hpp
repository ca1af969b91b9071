// shared_bytes: one immutable, reference-counted block of bytes, so one encoded
// message (a tick's bundle, a notice) sits in every recipient's outbound queue
// without a copy per recipient.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <span>
#include <utility>

namespace skirmish::relay {

// note: the count is a plain integer, not an atomic. A block never leaves the
// thread that made it: a room, its connections and their queues all live on
// one worker, which is the whole point of the design.
class shared_bytes {
  struct block {
    std::uint32_t refs;
    std::uint32_t size;
    std::byte* data() noexcept { return reinterpret_cast<std::byte*>(this + 1); }
  };

 public:
  shared_bytes() noexcept = default;
  shared_bytes(const shared_bytes& other) noexcept : b_(other.b_) {
    if (b_ != nullptr) ++b_->refs;
  }
  shared_bytes(shared_bytes&& other) noexcept : b_(std::exchange(other.b_, nullptr)) {}
  shared_bytes& operator=(shared_bytes other) noexcept {
    std::swap(b_, other.b_);
    return *this;
  }
  ~shared_bytes() { release(); }

  // A new block holding a copy of `bytes`: one allocation for the count and the bytes.
  [[nodiscard]] static shared_bytes copy_of(std::span<const std::byte> bytes) {
    void* raw = ::operator new(sizeof(block) + bytes.size());
    auto* b = new (raw) block{1, static_cast<std::uint32_t>(bytes.size())};
    if (!bytes.empty()) std::memcpy(b->data(), bytes.data(), bytes.size());
    return shared_bytes(b);
  }

  [[nodiscard]] std::span<const std::byte> bytes() const noexcept {
    if (b_ == nullptr) return {};
    return {b_->data(), b_->size};
  }
  [[nodiscard]] std::size_t size() const noexcept { return b_ == nullptr ? 0 : b_->size; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  explicit operator bool() const noexcept { return b_ != nullptr; }

  // How many handles share the block (0 for an empty handle).
  [[nodiscard]] std::uint32_t use_count() const noexcept { return b_ == nullptr ? 0 : b_->refs; }
  // True when both handles share one block: the same bytes in memory, not a copy.
  [[nodiscard]] bool same_block(const shared_bytes& other) const noexcept { return b_ == other.b_; }
  // Bytes of memory the block occupies, for accounting against a limit.
  [[nodiscard]] std::size_t footprint() const noexcept { return b_ == nullptr ? 0 : sizeof(block) + b_->size; }

 private:
  explicit shared_bytes(block* b) noexcept : b_(b) {}
  void release() noexcept {
    if (b_ != nullptr && --b_->refs == 0) {
      b_->~block();
      ::operator delete(static_cast<void*>(b_));
    }
    b_ = nullptr;
  }

  block* b_ = nullptr;
};

}  // namespace skirmish::relay
