// byte_reader: bounds-checked little-endian reads from a received message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "skirmish/wire/protocol.hpp"

namespace skirmish::wire::detail {

// Every read checks the bytes left and returns false, consuming nothing, when
// there are too few; it never reads past the end.
class byte_reader {
 public:
  explicit byte_reader(bytes_view in) noexcept : in_(in) {}

  [[nodiscard]] bool u8(std::uint8_t& v) noexcept {
    if (left() < 1) return false;
    v = static_cast<std::uint8_t>(in_[pos_++]);
    return true;
  }
  [[nodiscard]] bool u16(std::uint16_t& v) noexcept { return le(v, 2); }
  [[nodiscard]] bool u32(std::uint32_t& v) noexcept { return le(v, 4); }
  [[nodiscard]] bool u64(std::uint64_t& v) noexcept { return le(v, 8); }
  [[nodiscard]] bool raw(std::size_t n, bytes_view& v) noexcept {
    if (left() < n) return false;
    v = in_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  // A u8 length and that many bytes.
  [[nodiscard]] bool bytes(bytes_view& v) noexcept {
    std::uint8_t n = 0;
    if (left() < 1 || left() - 1 < static_cast<std::size_t>(in_[pos_])) return false;
    (void)u8(n);
    return raw(n, v);
  }
  [[nodiscard]] bool string(std::string_view& s) noexcept {
    bytes_view b;
    if (!bytes(b)) return false;
    s = {reinterpret_cast<const char*>(b.data()), b.size()};
    return true;
  }

  [[nodiscard]] std::size_t left() const noexcept { return in_.size() - pos_; }
  [[nodiscard]] std::size_t pos() const noexcept { return pos_; }
  [[nodiscard]] bool done() const noexcept { return pos_ == in_.size(); }

 private:
  template <class T>
  bool le(T& v, std::size_t n) noexcept {
    if (left() < n) return false;
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < n; ++i) x |= std::uint64_t(static_cast<std::uint8_t>(in_[pos_ + i])) << (8 * i);
    v = static_cast<T>(x);
    pos_ += n;
    return true;
  }
  bytes_view in_;
  std::size_t pos_ = 0;
};

}  // namespace skirmish::wire::detail
