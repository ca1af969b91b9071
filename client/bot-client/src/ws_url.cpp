// ws_url: parsing a relay address.
#include "skirmish/game/ws_url.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace skirmish::game {

namespace {

bool numeric_host(const std::string& host) {
  unsigned char buf[16];
  return host == "localhost" || ::inet_pton(AF_INET, host.c_str(), buf) == 1 || ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

std::string ws_url::authority() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string ws_url::target_for(std::string_view room) const {
  std::string t = path;
  t += path.find('?') == std::string::npos ? "?room=" : "&room=";
  // note: room ids are [A-Za-z0-9_-] by the protocol, so no escaping is needed.
  t += room;
  return t;
}

std::string ws_url::text() const { return "ws://" + authority() + path; }

rt::result<ws_url, std::string> parse_ws_url(std::string_view text) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  auto bad = [&](std::string_view why) { return rt::fail(std::string(why) + ": " + quoted); };
  if (text.starts_with("wss://")) return bad("wss:// is not supported (use ws:// to the relay)");
  if (!text.starts_with("ws://")) return bad("the relay URL must start with ws://");
  std::string_view rest = text.substr(5);
  const std::size_t slash = rest.find('/');
  const std::string_view auth = rest.substr(0, slash);
  ws_url url;
  if (slash != std::string_view::npos) url.path = std::string(rest.substr(slash));
  if (auth.find('@') != std::string_view::npos) return bad("user info is not supported in the relay URL");
  std::string_view port_text;
  bool has_port = false;
  if (auth.starts_with("[")) {
    const std::size_t close = auth.find(']');
    if (close == std::string_view::npos) return bad("unclosed [ in the relay URL");
    url.host = std::string(auth.substr(1, close - 1));
    const std::string_view after = auth.substr(close + 1);
    if (!after.empty() && !after.starts_with(":")) return bad("malformed host in the relay URL");
    has_port = !after.empty();
    if (has_port) port_text = after.substr(1);
  } else {
    const std::size_t colon = auth.find(':');
    url.host = std::string(auth.substr(0, colon));
    has_port = colon != std::string_view::npos;
    if (has_port) port_text = auth.substr(colon + 1);
  }
  if (url.host.empty()) return bad("no host in the relay URL");
  if (!numeric_host(url.host)) return bad("the relay host must be a numeric address or localhost (no DNS)");
  if (has_port) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535)
      return bad("bad port in the relay URL");
    url.port = static_cast<std::uint16_t>(value);
  }
  if (url.path.find_first_of(" \r\n#") != std::string::npos) return bad("bad path in the relay URL");
  return url;
}

}  // namespace skirmish::game
