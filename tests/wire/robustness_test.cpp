// Hostile bytes: truncation at every byte, an extra byte, random garbage and mutations never crash, and whatever decodes is canonical.
#include <doctest/doctest.h>

#include <memory>

#include "skirmish/wire/codec.hpp"
#include "test_support.hpp"

using namespace skirmish::wire;
using skirmish::wire::test::message_generator;
using skirmish::wire::test::rng;
using skirmish::wire::test::to_hex;

namespace {

// Decodes from a heap block of exactly `n` bytes, so AddressSanitizer sees any read past the end.
struct exact_copy {
  exact_copy(bytes_view b) : size(b.size()), data(new std::byte[b.size() == 0 ? 1 : b.size()]) {
    std::copy(b.begin(), b.end(), data.get());
  }
  bytes_view view() const { return {data.get(), size}; }
  std::size_t size;
  std::unique_ptr<std::byte[]> data;
};

// Whatever decodes must encode back to exactly the same bytes.
bool decodes_canonically(bytes_view b) {
  const exact_copy copy(b);
  auto m = decode(copy.view());
  if (!m) {
    CHECK(std::string_view(m.error().reason).size() > 0);
    CHECK(m.error().offset <= b.size());
    return false;
  }
  std::vector<std::byte> again;
  const auto ok = encode(*m, again);
  REQUIRE_MESSAGE(ok.ok(), "decoded but does not encode: ", to_hex(b));
  CHECK_MESSAGE(to_hex(again) == to_hex(b), "not canonical");
  return true;
}

}  // namespace

TEST_SUITE("wire robustness") {
  TEST_CASE("every truncation of a valid message is an error") {
    message_generator gen(2);
    std::vector<std::byte> bytes;
    for (int i = 0; i < 600; ++i) {
      bytes.clear();
      REQUIRE(encode(gen.any(), bytes).ok());
      for (std::size_t n = 0; n < bytes.size(); ++n) {
        const exact_copy cut(bytes_view(bytes).first(n));
        auto m = decode(cut.view());
        CHECK_MESSAGE(!m.ok(), "a prefix decoded: ", to_hex(cut.view()));
      }
    }
  }

  TEST_CASE("a byte after a valid message is an error") {
    message_generator gen(3);
    std::vector<std::byte> bytes;
    for (int i = 0; i < 2000; ++i) {
      bytes.clear();
      REQUIRE(encode(gen.any(), bytes).ok());
      bytes.push_back(std::byte{0});
      auto m = decode(bytes);
      REQUIRE_FALSE(m.ok());
      CHECK(m.error().code == error_code::bad_message);
    }
  }

  TEST_CASE("random garbage is an error or a canonical message") {
    rng r(20240601);
    static constexpr std::uint8_t types[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87};
    int accepted = 0;
    std::vector<std::byte> bytes;
    for (int i = 0; i < 100000; ++i) {
      bytes.resize(r.below(48));
      for (auto& b : bytes) b = std::byte(r.below(256));
      // note: mostly a real type byte, so the fuzz gets past the first check.
      if (!bytes.empty() && r.chance(90)) bytes[0] = std::byte{types[r.below(13)]};
      if (decodes_canonically(bytes)) ++accepted;
    }
    CHECK(accepted > 100);
  }

  TEST_CASE("mutated valid messages are errors or canonical messages") {
    message_generator gen(4);
    rng& r = gen.random();
    std::vector<std::byte> bytes;
    for (int i = 0; i < 20000; ++i) {
      bytes.clear();
      REQUIRE(encode(gen.any(), bytes).ok());
      const unsigned flips = 1 + r.below(3);
      for (unsigned f = 0; f < flips; ++f) bytes[r.below(static_cast<std::uint32_t>(bytes.size()))] = std::byte(r.below(256));
      if (r.chance(20)) bytes.resize(r.below(static_cast<std::uint32_t>(bytes.size()) + 1));
      decodes_canonically(bytes);
    }
  }

  TEST_CASE("a history that claims more entries than it holds is rejected") {
    // A count of 256 over 2 entries: the walk must stop at the end of the bytes.
    const auto bytes = skirmish::wire::test::from_hex("83 00000000 0001 01 00 00");
    auto m = decode(bytes);
    REQUIRE_FALSE(m.ok());
    // Iterating a hand-made history over such bytes stops instead of reading on.
    history h{.first_tick = 0, .count = 256, .entries = bytes_view(bytes).subspan(7)};
    int n = 0;
    for (const bundle& b : h) {
      CHECK(b.tick == static_cast<tick_t>(n));
      ++n;
    }
    CHECK(n == 2);
  }
}
