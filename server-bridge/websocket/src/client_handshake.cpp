// The client's upgrade request and the checks on the server's 101 response.
#include "skirmish/ws/client_handshake.hpp"

#include <array>

#include "skirmish/ws/detail/http_text.hpp"
#include "skirmish/ws/handshake_key.hpp"
#include "skirmish/ws/random.hpp"

namespace skirmish::ws {

using detail::has_token;
using detail::iequals;

client_handshake::client_handshake(const client_options& options, std::span<const std::byte, 16> nonce,
                                   head_limits limits)
    : key_(make_key(nonce)), expected_accept_(accept_key(key_)), offered_protocols_(options.protocols), reader_(limits) {
  request_ = "GET " + options.target + " HTTP/1.1\r\nHost: " + options.host +
             "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key_ +
             "\r\nSec-WebSocket-Version: 13\r\n";
  if (!options.origin.empty()) request_ += "Origin: " + options.origin + "\r\n";
  if (!options.protocols.empty()) request_ += "Sec-WebSocket-Protocol: " + options.protocols + "\r\n";
  request_ += "\r\n";
}

std::optional<client_handshake> client_handshake::create(const client_options& options, head_limits limits) {
  std::array<std::byte, 16> nonce{};
  if (!fill_random(nonce)) return std::nullopt;
  return client_handshake(options, nonce, limits);
}

rt::result<std::size_t, handshake_error> client_handshake::feed(std::span<const std::byte> bytes) {
  if (failed_) return rt::fail(error_);
  if (done_) return std::size_t{0};
  std::size_t pos = 0;
  while (true) {
    auto step = reader_.feed(bytes.subspan(pos));
    pos += step.consumed;
    rt::result<void, handshake_error> checked;
    switch (step.event) {
      case detail::head_event::need_more: return pos;
      case detail::head_event::first_line: checked = on_status_line(); break;
      case detail::head_event::done: checked = on_head_done(); break;
      case detail::head_event::error:
        checked = rt::fail(handshake_error{0, reader_.error() == detail::head_error::too_large ||
                                                      reader_.error() == detail::head_error::too_many_headers
                                                  ? "response head larger than the limit"
                                                  : "malformed response head"});
        break;
    }
    if (!checked) {
      failed_ = true;
      error_ = checked.error();
      return rt::fail(error_);
    }
    if (done_) return pos;
  }
}

rt::result<void, handshake_error> client_handshake::on_status_line() {
  // status-line = "HTTP/1.1" SP 3DIGIT SP reason-phrase
  std::string_view line = reader_.first_line();
  if (line.size() < 13 || line.substr(0, 9) != "HTTP/1.1 " || line[12] != ' ')
    return rt::fail(handshake_error{0, "malformed status line"});
  int status = 0;
  for (char c : line.substr(9, 3)) {
    if (c < '0' || c > '9') return rt::fail(handshake_error{0, "malformed status line"});
    status = status * 10 + (c - '0');
  }
  for (char c : line.substr(13))
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') return rt::fail(handshake_error{0, "malformed status line"});
  if (status != 101) return rt::fail(handshake_error{status, "the server refused the upgrade"});
  return {};
}

rt::result<void, handshake_error> client_handshake::on_head_done() {
  bool upgrade = false, connection = false;
  int accepts = 0, protocols = 0;
  std::string_view accept, protocol;
  for (const auto& h : reader_.headers()) {
    if (iequals(h.name, "Upgrade")) {
      upgrade = upgrade || has_token(h.value, "websocket");
    } else if (iequals(h.name, "Connection")) {
      connection = connection || has_token(h.value, "upgrade");
    } else if (iequals(h.name, "Sec-WebSocket-Accept")) {
      ++accepts;
      accept = h.value;
    } else if (iequals(h.name, "Sec-WebSocket-Protocol")) {
      ++protocols;
      protocol = h.value;
    } else if (iequals(h.name, "Sec-WebSocket-Extensions")) {
      return rt::fail(handshake_error{101, "the server chose an extension that was not offered"});
    }
  }
  if (!upgrade) return rt::fail(handshake_error{101, "Upgrade header must be websocket"});
  if (!connection) return rt::fail(handshake_error{101, "Connection header must contain upgrade"});
  if (accepts != 1 || accept != expected_accept_) return rt::fail(handshake_error{101, "wrong Sec-WebSocket-Accept"});
  if (protocols > 1) return rt::fail(handshake_error{101, "more than one Sec-WebSocket-Protocol"});
  if (protocols == 1) {
    // note: the answer must be exactly one of the offered tokens.
    bool offered = protocol.find(',') == std::string_view::npos && detail::is_token(protocol) &&
                   has_token(offered_protocols_, protocol, detail::match::exact);
    if (!offered) return rt::fail(handshake_error{101, "the server chose a protocol that was not offered"});
    protocol_ = protocol;
  }
  done_ = true;
  return {};
}

}  // namespace skirmish::ws
