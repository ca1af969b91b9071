#include <doctest/doctest.h>

#include "skirmish/ws/base64.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using skirmish::ws::test::to_bytes;
using skirmish::ws::test::to_string;

TEST_SUITE("base64") {
  TEST_CASE("RFC 4648 test vectors both ways") {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (auto [plain, encoded] : vectors) {
      CHECK(base64_encode(to_bytes(plain)) == encoded);
      auto decoded = base64_decode(encoded);
      REQUIRE(decoded.has_value());
      CHECK(to_string(*decoded) == plain);
    }
  }

  TEST_CASE("every byte value survives a round trip") {
    std::vector<std::byte> all(256);
    for (int i = 0; i < 256; ++i) all[i] = static_cast<std::byte>(i);
    for (std::size_t n = 0; n <= all.size(); n += 17) {
      std::span<const std::byte> part(all.data(), n);
      auto back = base64_decode(base64_encode(part));
      REQUIRE(back.has_value());
      CHECK(std::equal(back->begin(), back->end(), part.begin(), part.end()));
    }
  }

  TEST_CASE("rejects what is not canonical padded base64") {
    CHECK_FALSE(base64_decode("Zg=").has_value());     // length not a multiple of 4
    CHECK_FALSE(base64_decode("Zg").has_value());
    CHECK_FALSE(base64_decode("Zh==").has_value());    // nonzero bits under the padding
    CHECK_FALSE(base64_decode("Zm9=").has_value());    // "Zm8=" is canonical for "fo"
    CHECK_FALSE(base64_decode("Zm=v").has_value());    // padding in the middle
    CHECK_FALSE(base64_decode("Zg==Zg==").has_value());
    CHECK_FALSE(base64_decode("Z g=").has_value());    // outside the alphabet
    CHECK_FALSE(base64_decode("Zm9v-_==").has_value());  // URL alphabet
    CHECK_FALSE(base64_decode("====").has_value());
    CHECK_FALSE(base64_decode("A===").has_value());
  }
}
