// ws_url: relay addresses the bot client accepts and the ones it explains away.
#include <doctest/doctest.h>

#include "skirmish/game/ws_url.hpp"

using skirmish::game::parse_ws_url;

TEST_SUITE("ws_url") {
  TEST_CASE("host, port and path") {
    auto u = parse_ws_url("ws://127.0.0.1:8080/ws");
    REQUIRE(u.ok());
    CHECK(u->host == "127.0.0.1");
    CHECK(u->port == 8080);
    CHECK(u->path == "/ws");
    CHECK(u->authority() == "127.0.0.1:8080");
    CHECK(u->target_for("abc") == "/ws?room=abc");
    CHECK(u->text() == "ws://127.0.0.1:8080/ws");
  }

  TEST_CASE("defaults: port 80, path /ws; a query keeps its fields") {
    auto u = parse_ws_url("ws://localhost");
    REQUIRE(u.ok());
    CHECK(u->port == 80);
    CHECK(u->path == "/ws");
    auto q = parse_ws_url("ws://127.0.0.1:9/play?v=1");
    REQUIRE(q.ok());
    CHECK(q->target_for("r") == "/play?v=1&room=r");
  }

  TEST_CASE("IPv6 in brackets") {
    auto u = parse_ws_url("ws://[::1]:9001/ws");
    REQUIRE(u.ok());
    CHECK(u->host == "::1");
    CHECK(u->port == 9001);
    CHECK(u->authority() == "[::1]:9001");
  }

  TEST_CASE("refused, each with a sentence") {
    for (const char* bad : {"wss://127.0.0.1/ws", "http://127.0.0.1/", "ws://", "ws://example.org/ws", "ws://127.0.0.1:0/",
                            "ws://127.0.0.1:65536/", "ws://127.0.0.1:80x/", "ws://[::1/ws", "ws://u@127.0.0.1/",
                            "ws://127.0.0.1/a b", "ws://127.0.0.1:/"}) {
      CAPTURE(bad);
      auto u = parse_ws_url(bad);
      REQUIRE_FALSE(u.ok());
      CHECK(u.error().find(bad) != std::string::npos);
    }
  }
}
