#include <doctest/doctest.h>

#include <array>
#include <string>

#include "skirmish/ws/client_handshake.hpp"
#include "skirmish/ws/handshake_key.hpp"
#include "skirmish/ws/request_parser.hpp"
#include "skirmish/ws/server_handshake.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using skirmish::ws::test::to_bytes;

namespace {

// The nonce of RFC 6455's example: "the sample nonce".
std::array<std::byte, 16> rfc_nonce() {
  std::array<std::byte, 16> n{};
  std::string_view s = "the sample nonce";
  for (int i = 0; i < 16; ++i) n[i] = static_cast<std::byte>(s[i]);
  return n;
}

client_options options() {
  client_options o;
  o.host = "server.example.com";
  o.target = "/chat?room=7";
  o.origin = "http://example.com";
  o.protocols = "chat, superchat";
  return o;
}

handshake_error error_of(std::string_view response) {
  client_handshake c(options(), rfc_nonce());
  auto r = c.feed(to_bytes(response));
  if (r.ok()) return {-1, "no error"};
  return r.error();
}

const std::string good_response =
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n";

}  // namespace

TEST_SUITE("client_handshake") {
  TEST_CASE("the request is RFC 6455's example, and our own server parser accepts it") {
    client_handshake c(options(), rfc_nonce());
    CHECK(c.key() == "dGhlIHNhbXBsZSBub25jZQ==");
    CHECK(c.request() ==
          "GET /chat?room=7 HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          "Origin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\n\r\n");
    request_parser p;
    auto r = p.feed(to_bytes(c.request()));
    REQUIRE(r.ok());
    REQUIRE(p.done());
    CHECK(p.request().websocket);
    CHECK(p.request().protocols == "chat, superchat");
  }

  TEST_CASE("accepts the RFC's response, fed one byte at a time, and stops at its end") {
    client_handshake c(options(), rfc_nonce());
    auto wire = to_bytes(good_response + "\x81\x02hi");
    std::size_t consumed = 0;
    for (std::size_t i = 0; i < wire.size() && !c.done(); ++i) {
      auto r = c.feed(std::span(wire).subspan(i, 1));
      REQUIRE(r.ok());
      consumed += *r;
    }
    REQUIRE(c.done());
    CHECK(consumed == good_response.size());
    CHECK(c.protocol() == "chat");
  }

  TEST_CASE("a response made by our server side completes the handshake") {
    auto made = client_handshake::create({"h", "/", "", ""});
    REQUIRE(made.has_value());
    CHECK(is_valid_key(made->key()));
    auto r = made->feed(to_bytes(accept_response(made->key())));
    REQUIRE(r.ok());
    CHECK(made->done());
    CHECK(made->protocol().empty());
  }

  TEST_CASE("refusals and malformed responses are errors") {
    auto refused = error_of("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    CHECK(refused.status == 403);
    CHECK(error_of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n")
              .status == 101);  // wrong accept value
    CHECK(error_of("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
              .status == 101);  // no Upgrade
    CHECK(error_of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
              .status == 101);  // no Connection
    CHECK(error_of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: other\r\n\r\n")
              .status == 101);  // a protocol not offered
    CHECK(error_of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: CHAT\r\n\r\n")
              .status == 101);  // protocol names are case-sensitive
    CHECK(error_of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                   "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
              .status == 101);  // an extension not offered
    CHECK(error_of("HTTP/1.0 101 Switching Protocols\r\n\r\n").status == 0);
    CHECK(error_of("HTTP/1.1 1O1 Switching Protocols\r\n\r\n").status == 0);
    CHECK(error_of("HTTP/1.1 101\r\n\r\n").status == 0);
    CHECK(error_of("HTTP/1.1 101 OK\n\r\n").status == 0);
    CHECK(error_of("HTTP/1.1 101 OK\r\n" + std::string(9000, 'x')).status == 0);
  }
}
