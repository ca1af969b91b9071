#include <doctest/doctest.h>

#include <cstddef>
#include <string_view>
#include <vector>

#include "skirmish/ws/shared_message.hpp"

using namespace skirmish::ws;

namespace {
std::vector<unsigned> bytes_of(std::span<const std::byte> b) {
  std::vector<unsigned> v;
  for (auto x : b) v.push_back(static_cast<unsigned>(x));
  return v;
}
}  // namespace

TEST_SUITE("shared_message") {
  TEST_CASE("a text message encodes as one unmasked server frame") {
    auto m = shared_message::text("hello");
    REQUIRE(m);
    CHECK(bytes_of(m->frames()) == std::vector<unsigned>{0x81, 0x05, 'h', 'e', 'l', 'l', 'o'});
  }

  TEST_CASE("an empty binary message is one empty frame") {
    auto m = shared_message::binary({});
    REQUIRE(m);
    CHECK(bytes_of(m->frames()) == std::vector<unsigned>{0x82, 0x00});
  }

  TEST_CASE("a long message is cut into continuation frames, FIN on the last") {
    auto m = shared_message::text("abcdefg", 3);
    REQUIRE(m);
    CHECK(bytes_of(m->frames()) ==
          std::vector<unsigned>{0x01, 3, 'a', 'b', 'c', 0x00, 3, 'd', 'e', 'f', 0x80, 1, 'g'});
  }

  TEST_CASE("copies share one block and count it; the last one frees it") {
    auto m = shared_message::text("shared");
    REQUIRE(m);
    CHECK(m->use_count() == 1);
    {
      shared_message a = *m;
      shared_message b = a;
      CHECK(m->use_count() == 3);
      CHECK(a.frames().data() == m->frames().data());
      shared_message c = std::move(b);
      CHECK(m->use_count() == 3);
      CHECK_FALSE(b);
    }
    CHECK(m->use_count() == 1);
  }
}
