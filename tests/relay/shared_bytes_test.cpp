// shared_bytes: one block, shared by handles, freed with the last one.
#include <doctest/doctest.h>

#include <vector>

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

  TEST_CASE("the block is one binary server frame: every recipient writes the same bytes") {
    shared_bytes a = shared_bytes::copy_of(skirmish::wire::as_bytes("hello"));
    const auto f = a.frame().frames();
    REQUIRE(f.size() == 2 + 5);
    CHECK(static_cast<unsigned>(f[0]) == 0x82);  // FIN, binary
    CHECK(static_cast<unsigned>(f[1]) == 5);     // unmasked, 5 bytes
    CHECK(a.bytes().data() == f.data() + 2);     // the message is the frame's payload, not a copy
    shared_bytes b = a;
    CHECK(b.frame().frames().data() == f.data());
    CHECK(a.footprint() >= f.size());
  }

  TEST_CASE("longer messages keep their payload behind a longer frame header") {
    for (std::size_t n : {125u, 126u, 300u, 70000u}) {
      std::vector<std::byte> payload(n, std::byte{0x5a});
      shared_bytes a = shared_bytes::copy_of(payload);
      CHECK(a.size() == n);
      CHECK(a.frame().frames().size() == n + (n < 126 ? 2 : n < 65536 ? 4 : 10));
      CHECK(skirmish::wire::same_bytes(a.bytes(), payload));
    }
    static_assert(sizeof(shared_bytes) == sizeof(void*), "a handle is one pointer");
  }

  TEST_CASE("an empty message is still a block") {
    shared_bytes e = shared_bytes::copy_of({});
    CHECK(static_cast<bool>(e));
    CHECK(e.empty());
    CHECK(shared_bytes{}.use_count() == 0);
  }
}
