// ws_url: a relay address as the bot client takes it (ws://host:port/path),
// parsed into what the epoll WebSocket client needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "skirmish/rt/result.hpp"

namespace skirmish::game {

struct ws_url {
  std::string host;        // numeric IPv4 or IPv6 (without brackets), or "localhost": no DNS
  std::uint16_t port = 80;
  std::string path = "/ws";  // path and query, as given (at least "/")

  // The Host header: host:port, brackets around an IPv6 address.
  [[nodiscard]] std::string authority() const;
  // The request target with `room` added to the query (?room= or &room=), so
  // that a load balancer can send a room's players to one relay process.
  [[nodiscard]] std::string target_for(std::string_view room) const;
  // ws://authority/path, for messages.
  [[nodiscard]] std::string text() const;
};

// Parses "ws://127.0.0.1:8080/ws" (the path defaults to /ws, the port to 80).
// A wss:// URL, a name that needs DNS, or a malformed one gives a sentence.
[[nodiscard]] rt::result<ws_url, std::string> parse_ws_url(std::string_view text);

}  // namespace skirmish::game
