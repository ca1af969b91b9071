#include <doctest/doctest.h>

#include <array>
#include <set>

#include "skirmish/ws/handshake_key.hpp"
#include "skirmish/ws/random.hpp"

using namespace skirmish::ws;

TEST_SUITE("handshake_key") {
  TEST_CASE("the RFC 6455 example key gives the RFC's accept value") {
    // RFC 6455 section 1.3; sha1sum + base64 over key and GUID agree.
    CHECK(accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  TEST_CASE("a second vector, computed with coreutils") {
    // note: computed outside this code
    // (printf '%s' 'x3JJHMbDL1EzLkh9GBhXDw==258EAFA5-E914-47DA-95CA-C5AB0DC85B11' | sha1sum | xxd -r -p | base64).
    CHECK(accept_key("x3JJHMbDL1EzLkh9GBhXDw==") == "HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
  }

  TEST_CASE("keys must be 16 bytes of canonical base64") {
    CHECK(is_valid_key("dGhlIHNhbXBsZSBub25jZQ=="));
    CHECK_FALSE(is_valid_key(""));
    CHECK_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZQ"));      // no padding
    CHECK_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZR=="));    // stray bits under the padding
    CHECK_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZQ==="));
    CHECK_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25j"));        // 15 bytes, 20 characters
    CHECK_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZSE="));    // 17 bytes
    CHECK_FALSE(is_valid_key("dGhlIHNhbXBsZSBub25jZQ!="));
  }

  TEST_CASE("make_key encodes the nonce; random nonces differ") {
    std::array<std::byte, 16> nonce{};
    for (int i = 0; i < 16; ++i) nonce[i] = static_cast<std::byte>(i + 1);
    std::string key = make_key(nonce);
    CHECK(key == "AQIDBAUGBwgJCgsMDQ4PEA==");
    CHECK(is_valid_key(key));

    std::set<std::string> seen;
    for (int i = 0; i < 64; ++i) {
      REQUIRE(fill_random(nonce));
      seen.insert(make_key(nonce));
    }
    CHECK(seen.size() == 64);
  }
}
