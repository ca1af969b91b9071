// The input's wire encoding: round trips, the meaning of empty payloads, and
// tolerance of short, long or dirty payloads.
#include <doctest/doctest.h>

#include <array>
#include <type_traits>
#include <vector>

#include "skirmish/game/input.hpp"

using namespace skirmish::game;

// A plain value the session can copy into and out of network buffers.
static_assert(std::is_trivially_copyable_v<input> && std::is_standard_layout_v<input>);
static_assert(sizeof(input) <= input::wire_size);

TEST_SUITE("input") {
  TEST_CASE("encode then decode gives the same input") {
    for (std::uint32_t buttons = 0; buttons < 128; ++buttons) {
      for (std::uint32_t a : {0u, 1u, 255u, 256u, 16384u, 40000u, 65535u}) {
        input in{static_cast<std::uint8_t>(buttons | input::aim_set), static_cast<angle16>(a)};
        const auto bytes = in.encode();
        CHECK(input::decode(bytes) == in);
      }
    }
  }

  TEST_CASE("the byte layout is the documented one") {
    const auto bytes = input::aiming(0x1234, input::up | input::fire).encode();
    CHECK(bytes == std::array<std::uint8_t, 4>{0x51, 0x34, 0x12, 0x00});
    CHECK(input::wire_size == 4);
  }

  TEST_CASE("empty and all-zero payloads mean no input") {
    CHECK(input::decode({}).empty());
    const std::array<std::uint8_t, 4> zeros{};
    CHECK(input::decode(zeros) == input{});
    CHECK(input{}.encode() == zeros);
  }

  TEST_CASE("aim bytes without the aim bit are ignored, so equal meanings encode equal") {
    const std::array<std::uint8_t, 4> bytes{input::fire, 0xaa, 0xbb, 0};
    const input in = input::decode(bytes);
    CHECK(in.held(input::fire));
    CHECK(in.aim == 0);
    CHECK(input{input::fire, 0x1234}.encode() == input{input::fire, 0}.encode());
  }

  TEST_CASE("short, long and dirty payloads decode without failing") {
    const std::vector<std::uint8_t> one{input::left};
    CHECK(input::decode(one) == input{input::left, 0});
    const std::vector<std::uint8_t> two{static_cast<std::uint8_t>(input::aim_set), 0x10};
    CHECK(input::decode(two).aim == 0x10);
    const std::vector<std::uint8_t> long_one{0xff, 1, 2, 3, 4, 5, 6, 7, 8};
    const input in = input::decode(long_one);
    CHECK(in.buttons == input::known_buttons);  // the reserved bit is dropped
    CHECK(in.aim == 0x0201);
  }
}
