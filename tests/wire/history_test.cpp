// history and history_builder: building from bundles or from encoded bundles, iterating, and the limits.
#include <doctest/doctest.h>

#include <cstdint>

#include "skirmish/wire/codec.hpp"
#include "skirmish/wire/history_builder.hpp"
#include "test_support.hpp"

using namespace skirmish::wire;
using skirmish::wire::test::from_hex;
using skirmish::wire::test::to_hex;

namespace {
const std::byte aa[] = {std::byte{0xaa}};
const std::byte bbcc[] = {std::byte{0xbb}, std::byte{0xcc}};

bundle make(tick_t tick, std::initializer_list<std::pair<std::size_t, bytes_view>> inputs) {
  bundle b;
  b.tick = tick;
  for (const auto& [slot, payload] : inputs) b.set(slot, payload);
  return b;
}
}  // namespace

TEST_SUITE("wire history") {
  TEST_CASE("built from bundles or from encoded bundles, it is the golden vector") {
    // The "history" vector of vectors.json.
    const std::string golden = to_hex(from_hex("83 0a000000 0300 01 01 aa 02 02 bbcc 03 00 00"));
    const bundle b10 = make(10, {{0, aa}});
    const bundle b11 = make(11, {{1, bbcc}});
    const bundle b12 = make(12, {{0, {}}, {1, {}}});

    std::vector<std::byte> out{std::byte{0x55}};
    history_builder h(out, 10);
    REQUIRE(h.add(b10).ok());
    REQUIRE(h.add(b11).ok());
    REQUIRE(h.add(b12).ok());
    CHECK(h.count() == 3);
    CHECK(h.next_tick() == 13);
    REQUIRE(h.finish().ok());
    CHECK(to_hex(out) == "55" + golden);

    // The relay's way: keep each tick's encoded bundle, splice their tails.
    std::vector<std::byte> e10, e11, e12, spliced;
    REQUIRE(encode(b10, e10).ok());
    REQUIRE(encode(b11, e11).ok());
    REQUIRE(encode(b12, e12).ok());
    history_builder s(spliced, 10);
    REQUIRE(s.add_encoded(e10).ok());
    REQUIRE(s.add(b11).ok());
    REQUIRE(s.add_encoded(e12).ok());
    REQUIRE(s.finish().ok());
    CHECK(to_hex(spliced) == golden);

    auto m = decode_as<history>(spliced);
    REQUIRE(m.ok());
    CHECK(m->first_tick == 10);
    CHECK(m->count == 3);
    CHECK(m->last_tick() == 12);
    std::vector<bundle> got(m->begin(), m->end());
    REQUIRE(got.size() == 3);
    CHECK(got[0] == b10);
    CHECK(got[1] == b11);
    CHECK(got[2] == b12);
  }

  TEST_CASE("the builder refuses a bundle of the wrong tick, a bad bundle, and too many") {
    std::vector<std::byte> out;
    history_builder h(out, 100);
    CHECK_FALSE(h.add(make(101, {})).ok());
    CHECK_FALSE(h.add_encoded(from_hex("82 64000000 01")).ok());  // truncated bundle
    CHECK_FALSE(h.add_encoded(from_hex("02 64000000 00")).ok());  // an input, not a bundle
    const std::byte big[17]{};
    CHECK_FALSE(h.add(make(100, {{0, big}})).ok());
    CHECK(h.count() == 0);
    for (tick_t t = 100; t < 100 + max_history_ticks; ++t) REQUIRE(h.add(make(t, {{t % 8, aa}})).ok());
    CHECK(h.full());
    CHECK_FALSE(h.add(make(100 + max_history_ticks, {})).ok());
    REQUIRE(h.finish().ok());
    auto m = decode_as<history>(out);
    REQUIRE(m.ok());
    CHECK(m->count == max_history_ticks);
  }

  TEST_CASE("a builder with no entries removes its partial message") {
    std::vector<std::byte> out{std::byte{1}, std::byte{2}};
    history_builder h(out, 5);
    CHECK(out.size() > 2);
    CHECK_FALSE(h.finish().ok());
    CHECK(out.size() == 2);
  }

  TEST_CASE("the last tick is 2^32 - 1; the builder stops there") {
    std::vector<std::byte> out;
    const tick_t last = UINT32_MAX;
    history_builder h(out, last - 1);
    REQUIRE(h.add(make(last - 1, {})).ok());
    REQUIRE(h.add(make(last, {})).ok());
    CHECK_FALSE(h.add(make(0, {})).ok());
    REQUIRE(h.finish().ok());
    auto m = decode_as<history>(out);
    REQUIRE(m.ok());
    CHECK(m->last_tick() == last);
  }

  TEST_CASE("a full history of full bundles is the stated maximum size") {
    std::byte payload[max_input_bytes];
    for (std::size_t i = 0; i < max_input_bytes; ++i) payload[i] = std::byte(i);
    std::vector<std::byte> out;
    history_builder h(out, 0);
    for (tick_t t = 0; t < max_history_ticks; ++t) {
      bundle b;
      b.tick = t;
      for (std::size_t s = 0; s < max_slots; ++s) b.set(s, payload);
      REQUIRE(h.add(b).ok());
    }
    REQUIRE(h.finish().ok());
    CHECK(out.size() == max_history_message_bytes);
    auto m = decode(out);
    REQUIRE(m.ok());
    std::vector<std::byte> again;
    REQUIRE(encode(*m, again).ok());
    CHECK(again == out);
  }
}
