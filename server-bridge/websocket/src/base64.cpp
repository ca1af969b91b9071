// base64 encoding and strict decoding for the handshake keys.
#include "skirmish/ws/base64.hpp"

#include <array>
#include <cstdint>

namespace skirmish::ws {

namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_values() {
  std::array<std::int8_t, 256> v{};
  for (auto& x : v) x = -1;
  for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  return v;
}
constexpr std::array<std::int8_t, 256> values = make_values();

}  // namespace

std::string base64_encode(std::span<const std::byte> bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<std::uint32_t>(bytes[k]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t w = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
    out += alphabet[w >> 18 & 63];
    out += alphabet[w >> 12 & 63];
    out += alphabet[w >> 6 & 63];
    out += alphabet[w & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    std::uint32_t w = at(i) << 16;
    out += alphabet[w >> 18 & 63];
    out += alphabet[w >> 12 & 63];
    out += "==";
  } else if (rest == 2) {
    std::uint32_t w = at(i) << 16 | at(i + 1) << 8;
    out += alphabet[w >> 18 & 63];
    out += alphabet[w >> 12 & 63];
    out += alphabet[w >> 6 & 63];
    out += '=';
  }
  return out;
}

std::optional<std::vector<std::byte>> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  std::vector<std::byte> out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    std::size_t real = last ? 4 - pad : 4;
    std::uint32_t w = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      std::int8_t v = 0;
      if (k < real) {
        v = values[static_cast<unsigned char>(text[i + k])];
        if (v < 0) return std::nullopt;
      }
      w = w << 6 | static_cast<std::uint32_t>(v);
    }
    // note: canonical form only; the bits under the padding must be zero.
    if (real == 2 && (w & 0xFFFF) != 0) return std::nullopt;
    if (real == 3 && (w & 0xFF) != 0) return std::nullopt;
    out.push_back(static_cast<std::byte>(w >> 16));
    if (real >= 3) out.push_back(static_cast<std::byte>(w >> 8 & 0xFF));
    if (real == 4) out.push_back(static_cast<std::byte>(w & 0xFF));
  }
  return out;
}

}  // namespace skirmish::ws
