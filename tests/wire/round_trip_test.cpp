// Round trips: random valid messages of every type encode, decode to equal messages, and re-encode to the same bytes.
#include <doctest/doctest.h>

#include <set>

#include "alloc_counter.hpp"
#include "skirmish/wire/codec.hpp"
#include "test_support.hpp"

using namespace skirmish::wire;
using skirmish::wire::test::message_generator;
using skirmish::wire::test::to_hex;

TEST_SUITE("wire round trips") {
  TEST_CASE("random messages of every type survive encode and decode") {
    message_generator gen(1);
    std::set<message_type> types;
    std::vector<std::byte> bytes, again;
    for (int i = 0; i < 20000; ++i) {
      const message m = gen.any();
      bytes.clear();
      const auto encoded = encode(m, bytes);
      REQUIRE_MESSAGE(encoded.ok(), (encoded.ok() ? "" : encoded.error().reason));
      CHECK(peek_type(bytes) == type_of(m));

      auto back = decode(bytes);
      REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().reason), " in ", to_hex(bytes));
      CHECK(*back == m);
      types.insert(type_of(*back));

      again.clear();
      REQUIRE(encode(*back, again).ok());
      CHECK(again == bytes);
    }
    CHECK(types.size() == 13);
  }

  TEST_CASE("decode_as gives the one type it is asked for") {
    std::vector<std::byte> bytes;
    const std::byte payload[] = {std::byte{1}, std::byte{2}};
    REQUIRE(encode(input{99, payload}, bytes).ok());

    auto in = decode_as<input>(bytes);
    REQUIRE(in.ok());
    CHECK(in->tick == 99);
    CHECK(in->payload.size() == 2);
    // note: decoded payloads are views into the message, not copies.
    CHECK(in->payload.data() == bytes.data() + 6);

    auto wrong = decode_as<hello>(bytes);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == error_code::bad_message);
    CHECK(std::string_view(wrong.error().reason) == "unexpected message type");
    CHECK_FALSE(decode_as<leave>(std::span<const std::byte>{}).ok());
  }

  TEST_CASE("the relay's hot path allocates nothing: decode an input, encode a bundle") {
    std::vector<std::byte> in_bytes;
    const std::byte payload[] = {std::byte{7}, std::byte{8}, std::byte{9}};
    REQUIRE(encode(input{41, payload}, in_bytes).ok());
    std::vector<std::byte> out;
    out.reserve(256);

    const std::size_t before = skirmish::test::allocations();
    auto in = decode_as<input>(in_bytes);
    auto any = decode(in_bytes);
    bundle b;
    b.tick = in->tick;
    for (std::size_t slot = 0; slot < max_slots; ++slot) b.set(slot, in->payload);
    out.clear();
    const auto ok = encode(b, out);
    CHECK(skirmish::test::allocations() == before);

    REQUIRE(ok.ok());
    REQUIRE(any.ok());
    CHECK(out.size() == 6 + 8 * 4);
  }

  TEST_CASE("bundle equality looks at present slots only") {
    const std::byte x[] = {std::byte{1}};
    bundle a, b;
    a.tick = b.tick = 5;
    a.set(2, x);
    b.set(2, x);
    b.inputs[4] = x;  // not present: ignored
    CHECK(a == b);
    b.set(3, {});
    CHECK_FALSE(a == b);
    CHECK(b.present(3));
    CHECK_FALSE(b.present(4));
    CHECK_FALSE(b.present(99));
    b.set(99, x);  // out of range: ignored, never written
    CHECK(b.presence == 0b1100);
  }
}
