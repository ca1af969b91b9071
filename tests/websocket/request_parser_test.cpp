#include <doctest/doctest.h>

#include <string>

#include "skirmish/ws/request_parser.hpp"
#include "skirmish/ws/server_handshake.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using skirmish::ws::test::to_bytes;

namespace {

const std::string chrome_upgrade =
    "GET /play?room=red&name=ann HTTP/1.1\r\n"
    "Host: localhost:41234\r\n"
    "Connection: Upgrade\r\n"
    "Pragma: no-cache\r\n"
    "Cache-Control: no-cache\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0\r\n"
    "Upgrade: websocket\r\n"
    "Origin: http://localhost:41234\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    "Sec-WebSocket-Protocol: skirmish.v1, chat\r\n"
    "\r\n";

std::string upgrade_with(std::string_view extra_headers, std::string_view version_line = "Sec-WebSocket-Version: 13\r\n",
                         std::string_view key_line = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n") {
  return std::string("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n") +
         std::string(version_line) + std::string(key_line) + std::string(extra_headers) + "\r\n";
}

// The error the parser reports for `head` fed in one piece (status 0 if none).
http_error error_of(std::string_view head, head_limits limits = {}) {
  request_parser p(limits);
  auto b = to_bytes(head);
  auto r = p.feed(b);
  if (r.ok()) return {0, "no error"};
  return r.error();
}

}  // namespace

TEST_SUITE("request_parser") {
  TEST_CASE("a browser's upgrade request, with frame bytes right behind it") {
    auto wire = to_bytes(chrome_upgrade + "\x81\x85rest-of-stream");
    request_parser p;
    auto r = p.feed(wire);
    REQUIRE(r.ok());
    REQUIRE(p.done());
    CHECK(*r == chrome_upgrade.size());
    const http_request& req = p.request();
    CHECK(req.websocket);
    CHECK(req.method == "GET");
    CHECK(req.target == "/play?room=red&name=ann");
    CHECK(req.path == "/play");
    CHECK(req.query == "room=red&name=ann");
    CHECK(req.version_minor == 1);
    CHECK(req.host == "localhost:41234");
    REQUIRE(req.origin.has_value());
    CHECK(*req.origin == "http://localhost:41234");
    CHECK(req.websocket_key == "dGhlIHNhbXBsZSBub25jZQ==");
    CHECK(req.protocols == "skirmish.v1, chat");
    CHECK(req.headers.size() == 12);
    CHECK(req.header("user-agent").value_or("") == "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0");
    CHECK_FALSE(req.header("Cookie").has_value());
    CHECK(query_param(req.query, "room").value_or("") == "red");
    CHECK(query_param(req.query, "name").value_or("") == "ann");
    CHECK_FALSE(query_param(req.query, "roo").has_value());
    // Once done, nothing more is taken.
    auto again = p.feed(wire);
    REQUIRE(again.ok());
    CHECK(*again == 0);
  }

  TEST_CASE("fed one byte at a time it reads the same, and stops at the blank line") {
    auto wire = to_bytes(chrome_upgrade + "XYZ");
    request_parser p;
    std::size_t consumed = 0;
    std::size_t i = 0;
    for (; i < wire.size() && !p.done(); ++i) {
      auto r = p.feed(std::span(wire).subspan(i, 1));
      REQUIRE(r.ok());
      consumed += *r;
      CHECK(*r == 1);
    }
    REQUIRE(p.done());
    CHECK(consumed == chrome_upgrade.size());
    CHECK(i == chrome_upgrade.size());
    CHECK(p.request().websocket);
    CHECK(p.request().path == "/play");
    CHECK(p.request().protocols == "skirmish.v1, chat");
  }

  TEST_CASE("a head of several KiB, fed in pieces, keeps its request line") {
    // The head's buffer grows while the headers arrive; the views must survive that.
    std::string head = "GET /long?q=1 HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < 40; ++i) head += "X-Filler-" + std::to_string(i) + ": " + std::string(150, 'f') + "\r\n";
    head += "\r\n";
    REQUIRE(head.size() > 6000);
    auto wire = to_bytes(head);
    request_parser p;
    for (std::size_t at = 0; at < wire.size(); at += 100) REQUIRE(p.feed(std::span(wire).subspan(at, std::min<std::size_t>(100, wire.size() - at))).ok());
    REQUIRE(p.done());
    CHECK(p.request().method == "GET");
    CHECK(p.request().target == "/long?q=1");
    CHECK(p.request().path == "/long");
    CHECK(p.request().query == "q=1");
    CHECK(p.request().headers.size() == 41);
    CHECK(p.request().headers.back().value == std::string(150, 'f'));
  }

  TEST_CASE("the parser can be moved once done and its views stay valid") {
    request_parser p;
    REQUIRE(p.feed(to_bytes(chrome_upgrade)).ok());
    request_parser moved = std::move(p);
    CHECK(moved.request().host == "localhost:41234");
    CHECK(moved.request().headers.front().name == "Host");
  }

  TEST_CASE("plain GET and HEAD requests parse and are not upgrades") {
    request_parser p;
    REQUIRE(p.feed(to_bytes("GET /index.html?v=3 HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n")).ok());
    REQUIRE(p.done());
    CHECK_FALSE(p.request().websocket);
    CHECK(p.request().path == "/index.html");
    CHECK(p.request().query == "v=3");
    CHECK_FALSE(p.request().origin.has_value());

    request_parser h;
    REQUIRE(h.feed(to_bytes("HEAD /healthz HTTP/1.0\r\n\r\n")).ok());  // HTTP/1.0 needs no Host
    REQUIRE(h.done());
    CHECK(h.request().method == "HEAD");
    CHECK(h.request().version_minor == 0);
    CHECK_FALSE(h.request().websocket);

    request_parser t;  // an Upgrade to something else is just a plain request
    REQUIRE(t.feed(to_bytes("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n")).ok());
    CHECK_FALSE(t.request().websocket);
  }

  TEST_CASE("header names and tokens ignore case; values keep theirs") {
    request_parser p;
    REQUIRE(p.feed(to_bytes("GET / HTTP/1.1\r\nhOsT:  a \r\nUPGRADE: WebSocket\r\nconnection: keep-alive, UPGRADE\r\n"
                            "sec-websocket-version:13\r\nSEC-WEBSOCKET-KEY: dGhlIHNhbXBsZSBub25jZQ==\t\r\n\r\n"))
                .ok());
    REQUIRE(p.done());
    CHECK(p.request().websocket);
    CHECK(p.request().host == "a");
    CHECK(p.request().websocket_key == "dGhlIHNhbXBsZSBub25jZQ==");
  }

  TEST_CASE("protocols offered on several lines are joined") {
    request_parser p;
    REQUIRE(p.feed(to_bytes(upgrade_with("Sec-WebSocket-Protocol: a\r\nSec-WebSocket-Protocol: b, c\r\n"))).ok());
    CHECK(p.request().protocols == "a, b, c");
  }

  TEST_CASE("a head exactly at the limit passes; one byte more is 431") {
    std::string base = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: \r\n\r\n";
    std::string exact = base;
    exact.insert(exact.find("X-Pad: ") + 7, std::string(8192 - base.size(), 'p'));
    REQUIRE(exact.size() == 8192);
    CHECK(error_of(exact).status == 0);
    std::string over = exact;
    over.insert(over.find("X-Pad: ") + 7, "p");
    CHECK(error_of(over).status == 431);
  }

  TEST_CASE("oversized headers are refused with 431 before the head ends") {
    request_parser p;
    REQUIRE(p.feed(to_bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Big: ")).ok());
    auto r = p.feed(to_bytes(std::string(9000, 'x')));  // no line end yet
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == 431);
    // The error is final.
    auto again = p.feed(to_bytes("\r\n\r\n"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().status == 431);
  }

  TEST_CASE("too many header lines are 431") {
    std::string many;
    for (int i = 0; i < 65; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\n" + many + "\r\n").status == 431);
    head_limits few{8192, 3};
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", few).status == 0);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", few).status == 431);
  }

  TEST_CASE("upgrade errors: missing or bad key is 400, a wrong version is 426") {
    CHECK(error_of(upgrade_with("", "Sec-WebSocket-Version: 13\r\n", "")).status == 400);
    CHECK(error_of(upgrade_with("", "Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Key: short==\r\n")).status == 400);
    CHECK(error_of(upgrade_with("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")).status == 400);  // two keys
    CHECK(error_of(upgrade_with("", "")).status == 400);  // no version
    auto wrong = error_of(upgrade_with("", "Sec-WebSocket-Version: 8\r\n"));
    CHECK(wrong.status == 426);
    std::string response = error_response(wrong);
    CHECK(response.starts_with("HTTP/1.1 426 Upgrade Required\r\n"));
    CHECK(response.find("\r\nSec-WebSocket-Version: 13\r\n") != std::string::npos);
    CHECK(response.find("\r\nConnection: close\r\n") != std::string::npos);
    CHECK(error_of(upgrade_with("", "Sec-WebSocket-Version: 13, 8\r\n")).status == 426);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .status == 400);  // no Connection: upgrade
    CHECK(error_of("GET / HTTP/1.0\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n"
                   "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .status == 400);  // needs HTTP/1.1
    CHECK(error_of("HEAD / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n"
                   "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .status == 400);  // needs GET
  }

  TEST_CASE("request line errors") {
    CHECK(error_of("POST / HTTP/1.1\r\nHost: a\r\n\r\n").status == 405);
    CHECK(error_of("BREW / HTTP/1.1\r\n").status == 405);  // refused before the headers arrive
    CHECK(error_of("GET / HTTP/2.0\r\nHost: a\r\n\r\n").status == 505);
    CHECK(error_of("GET / HTTP/1.1x\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("GET / http/1.1\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("GET  / HTTP/1.1\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1 \r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("GET index.html HTTP/1.1\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("GET /\x01 HTTP/1.1\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("G(T / HTTP/1.1\r\nHost: a\r\n\r\n").status == 400);
    CHECK(error_of("\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").status == 400);
  }

  TEST_CASE("header syntax errors") {
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\tfolded\r\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\nHost: a\r\n\r\n").status == 400);      // bare LF
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\n\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n").status == 400);  // bare CR
    CHECK(error_of("GET / HTTP/1.1\r\nHost : a\r\n\r\n").status == 400);   // space before the colon
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\n: empty-name\r\n\r\n").status == 400);
    const char with_nul[] = "GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n";
    CHECK(error_of(std::string(with_nul, sizeof with_nul - 1)).status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f\r\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: caf\xc3\xa9\r\n\r\n").status == 0);  // obs-text is fine
  }

  TEST_CASE("Host, Origin and body rules") {
    CHECK(error_of("GET / HTTP/1.1\r\n\r\n").status == 400);                        // no Host
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status == 400);  // two
    CHECK(error_of(upgrade_with("Origin: http://a\r\nOrigin: http://b\r\n")).status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n").status == 400);
    CHECK(error_of("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").status == 0);
  }

  TEST_CASE("the 101 response carries the accept value and the chosen protocol") {
    request_parser p;
    REQUIRE(p.feed(to_bytes(chrome_upgrade)).ok());
    CHECK(accept_response(p.request()) ==
          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
    CHECK(accept_response(p.request(), "chat").find("\r\nSec-WebSocket-Protocol: chat\r\n") != std::string::npos);
  }

  TEST_CASE("error responses are complete HTTP responses") {
    std::string r = error_response({431, "request head larger than the limit"});
    CHECK(r.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    std::string body = "request head larger than the limit\n";
    CHECK(r.find("Content-Length: " + std::to_string(body.size()) + "\r\n") != std::string::npos);
    CHECK(r.ends_with("\r\n\r\n" + body));
    CHECK(error_response({405, "x"}).find("\r\nAllow: GET, HEAD\r\n") != std::string::npos);
  }
}
