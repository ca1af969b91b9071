// utf8_validator: an incremental UTF-8 check (RFC 3629) that can be fed a text
// message in any pieces and rejects at the first byte that no valid text
// could continue, as Autobahn's "fail fast" cases expect.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace skirmish::ws {

namespace detail::utf8 {

// Byte classes: the ranges RFC 3629's grammar distinguishes.
enum cls : std::uint8_t { ascii, c80_8f, c90_9f, ca0_bf, bad, lead2, e0, lead3, ed, f0, lead4, f4, class_count };
// States: where in a character we are, and what the next byte may be.
enum state : std::uint8_t { accept, reject, need1, need2, need3, after_e0, after_ed, after_f0, after_f4, state_count };

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> c{};
  for (int b = 0; b < 256; ++b) {
    cls k = bad;
    if (b <= 0x7F) k = ascii;
    else if (b <= 0x8F) k = c80_8f;
    else if (b <= 0x9F) k = c90_9f;
    else if (b <= 0xBF) k = ca0_bf;
    else if (b <= 0xC1) k = bad;  // overlong two-byte forms
    else if (b <= 0xDF) k = lead2;
    else if (b == 0xE0) k = e0;
    else if (b == 0xED) k = ed;
    else if (b <= 0xEF) k = lead3;
    else if (b == 0xF0) k = f0;
    else if (b <= 0xF3) k = lead4;
    else if (b == 0xF4) k = f4;
    c[b] = k;
  }
  return c;
}

constexpr std::array<std::uint8_t, state_count * 16> make_transitions() {
  std::array<std::uint8_t, state_count * 16> t{};
  for (auto& s : t) s = reject;
  auto at = [&](state s, cls c) -> std::uint8_t& { return t[s * 16 + c]; };
  at(accept, ascii) = accept;
  at(accept, lead2) = need1;
  at(accept, e0) = after_e0;  // E0 A0..BF: no overlong three-byte forms
  at(accept, lead3) = need2;
  at(accept, ed) = after_ed;  // ED 80..9F: no surrogates
  at(accept, f0) = after_f0;  // F0 90..BF: no overlong four-byte forms
  at(accept, lead4) = need3;
  at(accept, f4) = after_f4;  // F4 80..8F: nothing above U+10FFFF
  for (cls c : {c80_8f, c90_9f, ca0_bf}) {
    at(need1, c) = accept;
    at(need2, c) = need1;
    at(need3, c) = need2;
  }
  at(after_e0, ca0_bf) = need1;
  at(after_ed, c80_8f) = need1;
  at(after_ed, c90_9f) = need1;
  at(after_f0, c90_9f) = need2;
  at(after_f0, ca0_bf) = need2;
  at(after_f4, c80_8f) = need2;
  return t;
}

inline constexpr std::array<std::uint8_t, 256> classes = make_classes();
inline constexpr std::array<std::uint8_t, state_count * 16> transitions = make_transitions();

}  // namespace detail::utf8

class utf8_validator {
 public:
  // Feeds the next bytes of the text; false once no continuation could make it
  // valid (and from then on). Runs of ASCII are skipped eight bytes at a time.
  bool feed(std::span<const std::byte> bytes) noexcept {
    using namespace detail::utf8;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size();
    std::size_t i = 0;
    std::uint8_t s = state_;
    while (i < n) {
      if (s == accept) {
        while (i + 8 <= n) {
          std::uint64_t w;
          std::memcpy(&w, p + i, 8);
          if ((w & 0x8080808080808080ull) != 0) break;
          i += 8;
        }
        if (i == n) break;
      }
      s = transitions[s * 16 + classes[p[i]]];
      ++i;
      if (s == reject) break;
    }
    state_ = s;
    return s != reject;
  }

  // True when everything fed so far is valid and ends on a character boundary.
  bool complete() const noexcept { return state_ == detail::utf8::accept; }
  // True once the text is known to be invalid.
  bool failed() const noexcept { return state_ == detail::utf8::reject; }
  void reset() noexcept { state_ = detail::utf8::accept; }

 private:
  std::uint8_t state_ = detail::utf8::accept;
};

// Whether `bytes` is one complete, valid UTF-8 text.
inline bool is_valid_utf8(std::span<const std::byte> bytes) noexcept {
  utf8_validator v;
  return v.feed(bytes) && v.complete();
}

}  // namespace skirmish::ws
