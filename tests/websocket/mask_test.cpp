#include <doctest/doctest.h>

#include <vector>

#include "skirmish/ws/mask.hpp"
#include "skirmish/ws/mask_source.hpp"

using namespace skirmish::ws;

TEST_SUITE("mask") {
  TEST_CASE("matches the byte-by-byte definition for every length and starting offset") {
    const mask_key key{std::byte{0x37}, std::byte{0xfa}, std::byte{0x21}, std::byte{0x3d}};
    std::vector<std::byte> src(300);
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = static_cast<std::byte>(i * 7 + 3);
    for (std::size_t offset = 0; offset < 8; ++offset)
      for (std::size_t n = 0; n <= 80; ++n) {
        std::vector<std::byte> dst(n);
        mask_copy(dst.data(), src.data(), n, key, offset);
        for (std::size_t i = 0; i < n; ++i) REQUIRE(dst[i] == (src[i] ^ key[(offset + i) % 4]));
      }
  }

  TEST_CASE("masking in pieces equals masking at once, and twice is the identity") {
    const mask_key key{std::byte{1}, std::byte{0x80}, std::byte{0xff}, std::byte{0x55}};
    std::vector<std::byte> data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>(i);
    std::vector<std::byte> whole = data;
    mask_in_place(whole, key);
    for (std::size_t cut : {1u, 3u, 5u, 8u, 33u, 999u}) {
      std::vector<std::byte> pieces = data;
      std::span<std::byte> s(pieces);
      for (std::size_t at = 0; at < s.size(); at += cut) mask_in_place(s.subspan(at, std::min(cut, s.size() - at)), key, at);
      CHECK(pieces == whole);
    }
    mask_in_place(whole, key);
    CHECK(whole == data);
  }

  TEST_CASE("mask_source gives varied keys and the same ones for the same seed") {
    mask_source a(42), b(42), c(43);
    int differing = 0;
    mask_key prev{};
    for (int i = 0; i < 100; ++i) {
      mask_key ka = a.next();
      CHECK(ka == b.next());
      if (ka != c.next()) ++differing;
      if (ka != prev) ++differing;
      prev = ka;
    }
    CHECK(differing >= 195);
  }
}
