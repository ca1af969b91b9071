// shared_bytes: one block, shared by handles, freed with the last one.
#include <doctest/doctest.h>

#include "skirmish/relay/shared_bytes.hpp"
#include "skirmish/wire/protocol.hpp"

using skirmish::relay::shared_bytes;

TEST_SUITE("shared_bytes") {
  TEST_CASE("a copy shares the block and counts it") {
    shared_bytes a = shared_bytes::copy_of(skirmish::wire::as_bytes("hello"));
    CHECK(a.size() == 5);
    CHECK(a.use_count() == 1);
    {
      shared_bytes b = a;
      CHECK(b.same_block(a));
      CHECK(a.use_count() == 2);
      CHECK(b.bytes().data() == a.bytes().data());
    }
    CHECK(a.use_count() == 1);
    shared_bytes c = std::move(a);
    CHECK(c.use_count() == 1);
    CHECK_FALSE(static_cast<bool>(a));
    CHECK(skirmish::wire::same_bytes(c.bytes(), skirmish::wire::as_bytes("hello")));
  }

  TEST_CASE("an empty message is still a block") {
    shared_bytes e = shared_bytes::copy_of({});
    CHECK(static_cast<bool>(e));
    CHECK(e.empty());
    CHECK(shared_bytes{}.use_count() == 0);
  }
}
