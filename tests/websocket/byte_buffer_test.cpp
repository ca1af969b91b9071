#include <doctest/doctest.h>

#include "skirmish/ws/byte_buffer.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using skirmish::ws::test::to_bytes;
using skirmish::ws::test::to_string;

TEST_SUITE("byte_buffer") {
  TEST_CASE("extending by nothing is not mistaken for running out of memory") {
    byte_buffer b;
    CHECK(b.extend(0) != nullptr);
    CHECK(b.size() == 0);
    CHECK(b.append({}));
  }

  TEST_CASE("appends, erases from the front, and grows geometrically") {
    byte_buffer b;
    REQUIRE(b.append(to_bytes("hello ")));
    REQUIRE(b.append(to_bytes("world")));
    CHECK(to_string(b.span()) == "hello world");
    b.erase_front(6);
    CHECK(to_string(b.span()) == "world");
    std::size_t reallocations = 0;
    std::size_t cap = b.capacity();
    for (int i = 0; i < 100000; ++i) {
      if (b.extend(1) == nullptr) FAIL("out of memory");
      if (b.capacity() != cap) {
        ++reallocations;
        cap = b.capacity();
      }
    }
    CHECK(reallocations < 20);
    byte_buffer moved = std::move(b);
    CHECK(moved.size() == 100005);
    CHECK(b.size() == 0);
  }
}
