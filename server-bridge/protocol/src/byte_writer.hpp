// byte_writer: writes little-endian fields into space reserved at the end of a vector.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "skirmish/rt/check.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::wire::detail {

// note: the encoders compute a message's exact size first, so the vector
// grows once and every put is a plain store without a capacity check.
class byte_writer {
 public:
  byte_writer(std::vector<std::byte>& out, std::size_t size) : out_(out), pos_(out.size()) {
    out.resize(pos_ + size);
    end_ = pos_ + size;
  }
  ~byte_writer() { rt::expect(pos_ == end_, "wire: an encoder's size and its writes disagree"); }
  byte_writer(const byte_writer&) = delete;
  byte_writer& operator=(const byte_writer&) = delete;

  void u8(std::uint8_t v) noexcept { out_[pos_++] = std::byte{v}; }
  void u16(std::uint16_t v) noexcept { le(v, 2); }
  void u32(std::uint32_t v) noexcept { le(v, 4); }
  void u64(std::uint64_t v) noexcept { le(v, 8); }
  void raw(bytes_view b) noexcept {
    if (!b.empty()) std::memcpy(out_.data() + pos_, b.data(), b.size());
    pos_ += b.size();
  }
  // A u8 length and the bytes.
  void bytes(bytes_view b) noexcept {
    u8(static_cast<std::uint8_t>(b.size()));
    raw(b);
  }
  void string(std::string_view s) noexcept { bytes(as_bytes(s)); }

 private:
  void le(std::uint64_t v, int n) noexcept {
    for (int i = 0; i < n; ++i) out_[pos_++] = std::byte((v >> (8 * i)) & 0xff);
  }
  std::vector<std::byte>& out_;
  std::size_t pos_;
  std::size_t end_;
};

}  // namespace skirmish::wire::detail
