// byte_buffer: a growable run of bytes that does not zero what it grows into,
// and reports running out of memory as a value instead of throwing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <utility>

namespace skirmish::ws {

class byte_buffer {
 public:
  byte_buffer() noexcept = default;
  byte_buffer(byte_buffer&& other) noexcept
      : data_(std::move(other.data_)), size_(std::exchange(other.size_, 0)), cap_(std::exchange(other.cap_, 0)) {}
  byte_buffer& operator=(byte_buffer&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    cap_ = std::exchange(other.cap_, 0);
    return *this;
  }

  std::byte* data() noexcept { return data_.get(); }
  const std::byte* data() const noexcept { return data_.get(); }
  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return cap_; }
  bool empty() const noexcept { return size_ == 0; }
  std::span<std::byte> span() noexcept { return {data_.get(), size_}; }
  std::span<const std::byte> span() const noexcept { return {data_.get(), size_}; }

  // Makes room for `n` bytes in all; false if memory ran out (nothing changes then).
  [[nodiscard]] bool reserve(std::size_t n) noexcept {
    if (n <= cap_) return true;
    std::unique_ptr<std::byte[]> bigger(new (std::nothrow) std::byte[n]);
    if (!bigger) return false;
    if (size_ != 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    cap_ = n;
    return true;
  }

  // Makes room for `n` more bytes, growing the capacity at least twofold so
  // that appending piece by piece stays linear; false if memory ran out.
  [[nodiscard]] bool make_room(std::size_t n) noexcept {
    return n <= cap_ - size_ || reserve(std::max(size_ + n, std::max<std::size_t>(cap_ * 2, 256)));
  }

  // Appends `n` bytes for the caller to fill and returns where they start;
  // nullptr if memory ran out.
  // note: never nullptr for n == 0 (it holds at least one byte then), so
  // nullptr always means "out of memory".
  std::byte* extend(std::size_t n) noexcept {
    if (!make_room(n == 0 ? 1 : n)) return nullptr;
    std::byte* at = data_.get() + size_;
    size_ += n;
    return at;
  }

  [[nodiscard]] bool append(std::span<const std::byte> bytes) noexcept {
    if (bytes.empty()) return true;
    std::byte* at = extend(bytes.size());
    if (at == nullptr) return false;
    if (!bytes.empty()) std::memcpy(at, bytes.data(), bytes.size());
    return true;
  }

  // Drops the first `n` bytes, moving the rest to the front.
  void erase_front(std::size_t n) noexcept {
    n = std::min(n, size_);
    if (n != size_) std::memmove(data_.get(), data_.get() + n, size_ - n);
    size_ -= n;
  }

  void resize_down(std::size_t n) noexcept { size_ = std::min(n, size_); }
  void clear() noexcept { size_ = 0; }
  // Empties the buffer and gives its memory back.
  void release() noexcept {
    data_.reset();
    size_ = cap_ = 0;
  }

 private:
  std::unique_ptr<std::byte[]> data_;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
};

}  // namespace skirmish::ws
