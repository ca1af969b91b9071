// Fuzzes the opening handshake: the server's request parser and the client's
// response check, on the same bytes. Besides "no crash, no sanitizer report",
// it asserts: consumed counts never exceed the input; feeding in one piece,
// byte by byte and in 7-byte chunks gives the same outcome; every view of a
// parsed request lies inside the head; and a request accepted as a WebSocket
// upgrade yields a key whose 101 response our own client accepts.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "skirmish/ws/base64.hpp"
#include "skirmish/ws/client_handshake.hpp"
#include "skirmish/ws/handshake_key.hpp"
#include "skirmish/ws/request_parser.hpp"
#include "skirmish/ws/server_handshake.hpp"

using namespace skirmish::ws;
using skirmish::fuzz::require;

namespace {

struct request_outcome {
  bool done = false;
  int error_status = 0;
  std::size_t consumed = 0;
  std::vector<std::string> fields;  // every parsed view, flattened, for comparison

  bool operator==(const request_outcome&) const = default;
};

request_outcome parse_request(std::span<const std::byte> data, std::size_t chunk, request_parser& p) {
  request_outcome out;
  for (std::size_t at = 0; at < data.size() && !p.done(); at += chunk) {
    auto piece = data.subspan(at, std::min(chunk, data.size() - at));
    auto r = p.feed(piece);
    if (!r) {
      out.error_status = r.error().status;
      out.consumed = 0;  // what was taken before the error depends on the chunking
      require(out.error_status >= 400 && out.error_status <= 505, "error statuses are 4xx or 505");
      require(!r.error().reason.empty(), "an error has a reason");
      require(!p.feed(piece).ok(), "errors are final");
      return out;
    }
    require(*r <= piece.size(), "request_parser consumed no more than it was given");
    require(p.done() || *r == piece.size(), "an unfinished head takes every byte");
    out.consumed += *r;
  }
  out.done = p.done();
  if (!out.done) return out;
  const http_request& q = p.request();
  out.fields = {std::string(q.method), std::string(q.target), std::string(q.path), std::string(q.query),
                std::string(q.host), std::string(q.origin.value_or("<none>")), q.websocket ? "ws" : "http",
                std::string(q.websocket_key), std::string(q.protocols)};
  for (const auto& h : q.headers) {
    out.fields.emplace_back(h.name);
    out.fields.emplace_back(h.value);
  }
  return out;
}

struct response_outcome {
  bool done = false;
  int error_status = -1;
  std::size_t consumed = 0;
  std::string protocol;

  bool operator==(const response_outcome&) const = default;
};

response_outcome parse_response(std::span<const std::byte> data, std::size_t chunk) {
  static const std::byte nonce_bytes[16] = {};
  client_options options{"fuzz.example", "/", "", "chat, superchat"};
  client_handshake c(options, std::span<const std::byte, 16>(nonce_bytes, 16));
  response_outcome out;
  for (std::size_t at = 0; at < data.size() && !c.done(); at += chunk) {
    auto piece = data.subspan(at, std::min(chunk, data.size() - at));
    auto r = c.feed(piece);
    if (!r) {
      out.error_status = r.error().status;
      out.consumed = 0;
      return out;
    }
    require(*r <= piece.size(), "client_handshake consumed no more than it was given");
    out.consumed += *r;
  }
  out.done = c.done();
  if (out.done) out.protocol = c.protocol();
  return out;
}

bool inside(std::string_view view, std::span<const std::byte> data) {
  if (view.empty()) return true;
  auto* begin = reinterpret_cast<const char*>(data.data());
  return view.data() >= begin && view.data() + view.size() <= begin + data.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  std::span<const std::byte> data(reinterpret_cast<const std::byte*>(raw), size);

  request_parser whole_parser;
  request_outcome whole = parse_request(data, std::max<std::size_t>(size, 1), whole_parser);
  request_parser bytewise_parser, sevens_parser;
  require(parse_request(data, 1, bytewise_parser) == whole, "byte-by-byte parsing agrees with one piece");
  require(parse_request(data, 7, sevens_parser) == whole, "7-byte chunks agree with one piece");

  if (whole.done) {
    require(whole.consumed <= size, "the head is no longer than the input");
    const http_request& q = whole_parser.request();
    // Every view points into the parser's copy of the head, which equals the input's start.
    std::span<const std::byte> head = data.first(whole.consumed);
    auto same_text = [&](std::string_view v) {
      if (v.empty()) return true;
      std::string_view h(reinterpret_cast<const char*>(head.data()), head.size());
      return h.find(v) != std::string_view::npos;
    };
    require(same_text(q.target) && same_text(q.host) && same_text(q.websocket_key), "views hold text from the head");
    require(std::string(q.path) + (q.query.empty() && q.target.find('?') == std::string_view::npos ? "" : "?") +
                    std::string(q.query) == q.target,
            "path and query make up the target");
    require(!inside(q.method, data), "views point into the parser, not into the caller's bytes");
    if (q.websocket) {
      require(is_valid_key(q.websocket_key), "an accepted upgrade has a valid key");
      auto nonce = base64_decode(q.websocket_key);
      require(nonce && nonce->size() == 16, "the key decodes to 16 bytes");
      client_handshake c({"h", "/", "", ""}, std::span<const std::byte, 16>(nonce->data(), 16));
      std::string response = accept_response(q);
      auto r = c.feed(std::as_bytes(std::span(response)));
      require(r.ok() && c.done() && *r == response.size(), "our client accepts our server's 101 for this key");
    }
  }

  response_outcome resp = parse_response(data, std::max<std::size_t>(size, 1));
  require(parse_response(data, 1) == resp, "client: byte-by-byte parsing agrees with one piece");
  require(parse_response(data, 7) == resp, "client: 7-byte chunks agree with one piece");
  return 0;
}
