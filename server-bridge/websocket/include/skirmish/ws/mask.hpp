// mask: the XOR masking of RFC 6455 section 5.3, eight bytes at a time.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace skirmish::ws {

using mask_key = std::array<std::byte, 4>;

// dst[i] = src[i] ^ key[(offset + i) % 4] for i < n; dst may be src (in place)
// but the ranges must not otherwise overlap. `offset` is where in the payload
// src starts, so a payload can be (un)masked in pieces.
inline void mask_copy(std::byte* dst, const std::byte* src, std::size_t n, mask_key key, std::size_t offset) noexcept {
  std::uint32_t k32;
  std::memcpy(&k32, key.data(), 4);
  std::uint64_t k64 = (std::uint64_t{k32} << 32) | k32;
  // note: the word loaded at payload position p must start with key[p % 4];
  // in memory order that is a rotation by whole bytes, its direction set by endianness.
  int shift = static_cast<int>(offset & 3) * 8;
  if constexpr (std::endian::native == std::endian::little) k64 = std::rotr(k64, shift);
  else k64 = std::rotl(k64, shift);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, src + i, 32);
    w[0] ^= k64;
    w[1] ^= k64;
    w[2] ^= k64;
    w[3] ^= k64;
    std::memcpy(dst + i, w, 32);
  }
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, src + i, 8);
    w ^= k64;
    std::memcpy(dst + i, &w, 8);
  }
  for (; i < n; ++i) dst[i] = src[i] ^ key[(offset + i) & 3];
}

// Masks or unmasks `data` in place; `offset` as for mask_copy.
inline void mask_in_place(std::span<std::byte> data, mask_key key, std::size_t offset = 0) noexcept {
  mask_copy(data.data(), data.data(), data.size(), key, offset);
}

}  // namespace skirmish::ws
