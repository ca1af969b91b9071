#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "skirmish/ws/utf8_validator.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using skirmish::ws::test::to_bytes;

namespace {

enum class verdict { valid, prefix, invalid, inconsistent };

// A plain reference for RFC 3629: decode character by character; a trailing
// partial character counts as a viable prefix if some continuation bytes
// could still complete it into a scalar value of the right length.
verdict reference(const std::vector<unsigned char>& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char b = s[i];
    int len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0) return verdict::invalid;
    std::uint32_t lo = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    std::uint32_t hi = lo;
    int have = 1;
    for (; have < len && i + have < s.size(); ++have) {
      unsigned char c = s[i + have];
      if ((c & 0xC0) != 0x80) return verdict::invalid;
      lo = lo << 6 | (c & 0x3F);
      hi = hi << 6 | (c & 0x3F);
    }
    for (int k = have; k < len; ++k) {
      lo = lo << 6;
      hi = hi << 6 | 0x3F;
    }
    std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    std::uint32_t max_for_len[] = {0, 0x7F, 0x7FF, 0xFFFF, 0x10FFFF};
    std::uint32_t a = std::max(lo, min_for_len[len]);
    std::uint32_t z = std::min(hi, max_for_len[len]);
    if (a > z) return verdict::invalid;
    if (a >= 0xD800 && z <= 0xDFFF) return verdict::invalid;  // only surrogates possible
    if (have < len) return verdict::prefix;
    i += len;
  }
  return verdict::valid;
}

verdict engine(const std::vector<unsigned char>& s) {
  utf8_validator v;
  bool alive = v.feed(std::as_bytes(std::span(s)));
  if (alive == v.failed()) return verdict::inconsistent;  // feed() and failed() disagree
  if (v.failed()) return verdict::invalid;
  return v.complete() ? verdict::valid : verdict::prefix;
}

bool split_valid(std::string_view text, std::size_t cut1, std::size_t cut2) {
  auto b = to_bytes(text);
  std::span<const std::byte> all(b);
  utf8_validator v;
  v.feed(all.first(cut1));
  v.feed(all.subspan(cut1, cut2 - cut1));
  v.feed(all.subspan(cut2));
  return v.complete();
}

}  // namespace

TEST_SUITE("utf8_validator") {
  TEST_CASE("agrees with a reference decoder on every 1- and 2-byte sequence") {
    std::vector<unsigned char> s(1);
    for (int a = 0; a < 256; ++a) {
      s = {static_cast<unsigned char>(a)};
      REQUIRE(engine(s) == reference(s));
      for (int b = 0; b < 256; ++b) {
        std::vector<unsigned char> t{static_cast<unsigned char>(a), static_cast<unsigned char>(b)};
        REQUIRE(engine(t) == reference(t));
      }
    }
  }

  TEST_CASE("agrees with the reference on 3- and 4-byte sequences over every class boundary") {
    // Each byte range edge the grammar cares about, and a few ordinary bytes.
    const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                   0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
    // note: mismatches are counted rather than asserted one by one, to keep
    // four million comparisons fast in the sanitizer build.
    int checked = 0, mismatches = 0;
    std::vector<unsigned char> first_mismatch;
    auto compare = [&](const std::vector<unsigned char>& s) {
      ++checked;
      if (engine(s) != reference(s) && mismatches++ == 0) first_mismatch = s;
    };
    // The first byte: every non-ASCII value (all leads and continuations) and the ASCII edges.
    std::vector<unsigned char> firsts{0x00, 0x41, 0x7F};
    for (int a = 0x80; a < 0x100; ++a) firsts.push_back(static_cast<unsigned char>(a));
    std::vector<unsigned char> s;
    for (unsigned char a : firsts)
      for (unsigned char b : edges)
        for (unsigned char c : edges) {
          s = {a, b, c};
          compare(s);
          for (unsigned char d : edges) {
            s.resize(3);
            s.push_back(d);
            compare(s);
          }
        }
    CHECK(checked == 131 * 25 * 25 * 26);
    CHECK_MESSAGE(mismatches == 0, "first mismatch has ", first_mismatch.size(), " bytes, lead ", int(first_mismatch.empty() ? 0 : first_mismatch[0]));
  }

  TEST_CASE("known valid and invalid texts") {
    CHECK(is_valid_utf8(std::as_bytes(std::span(std::string_view("Hello-µ@ßöäüàá-UTF-8!!")))));
    CHECK(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5")))));  // κόσμε
    CHECK(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xf0\x9f\x98\x80")))));       // U+1F600
    CHECK(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xf4\x8f\xbf\xbf")))));       // U+10FFFF
    CHECK(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xef\xbf\xbf")))));           // U+FFFF
    CHECK(is_valid_utf8({}));
    CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xed\xa0\x80")))));     // U+D800
    CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xf4\x90\x80\x80")))));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xc0\xaf")))));         // overlong '/'
    CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xe0\x80\xaf")))));     // overlong '/'
    CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xf8\x88\x80\x80\x80")))));  // 5 bytes
    CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(std::string_view("\xce\xba\xe1")))));     // cut short
    CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(std::string_view("\x80")))));             // lone continuation
  }

  TEST_CASE("fails fast at the first byte no valid text could follow") {
    // Autobahn 6.4.x: the bytes before the bad one are fine, the bad one is caught at once.
    utf8_validator v;
    CHECK(v.feed(to_bytes("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5")));
    CHECK(v.feed(to_bytes("\xf4")));
    CHECK_FALSE(v.failed());
    CHECK_FALSE(v.feed(to_bytes("\x90")));  // F4 90: above U+10FFFF, whatever follows
    CHECK(v.failed());
    CHECK_FALSE(v.feed(to_bytes("\x80\x80")));  // stays failed
    v.reset();
    CHECK(v.complete());
  }

  TEST_CASE("texts split at every pair of byte boundaries") {
    const std::string_view valid = "a\xce\xba\xe1\xbd\xb9z\xf0\x9f\x98\x80\xef\xbf\xbf!";
    for (std::size_t i = 0; i <= valid.size(); ++i)
      for (std::size_t j = i; j <= valid.size(); ++j) REQUIRE(split_valid(valid, i, j));
    const std::string_view invalid = "a\xce\xba\xe1\xbd\xb9z\xed\xa0\x80!";
    for (std::size_t i = 0; i <= invalid.size(); ++i)
      for (std::size_t j = i; j <= invalid.size(); ++j) REQUIRE_FALSE(split_valid(invalid, i, j));
  }

  TEST_CASE("the ASCII fast path still sees a bad byte at any position") {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string s(40, 'x');
      s[at] = '\xff';
      CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(s))));
      s[at] = '\xc3';  // a lead byte whose continuation is missing ('x' follows or the end)
      CHECK_FALSE(is_valid_utf8(std::as_bytes(std::span(s))));
    }
    std::string ascii(1000, 'q');
    CHECK(is_valid_utf8(std::as_bytes(std::span(ascii))));
  }
}
