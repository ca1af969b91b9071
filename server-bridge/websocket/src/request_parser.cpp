// The strict request-head parser behind the server's opening handshake.
#include "skirmish/ws/request_parser.hpp"

#include "skirmish/ws/detail/http_text.hpp"
#include "skirmish/ws/handshake_key.hpp"

namespace skirmish::ws {

using detail::has_token;
using detail::iequals;

namespace {

http_error head_failure(detail::head_error e) {
  switch (e) {
    case detail::head_error::too_large: return {431, "request head larger than the limit"};
    case detail::head_error::too_many_headers: return {431, "too many header fields"};
    case detail::head_error::bad_line_ending: return {400, "lines must end with CRLF"};
    case detail::head_error::folded_header: return {400, "folded header lines are not accepted"};
    case detail::head_error::bad_header: return {400, "malformed header field"};
    case detail::head_error::none: break;
  }
  return {400, "malformed request"};
}

// request-target in origin-form: "/" then visible ASCII, no fragment.
bool is_origin_form(std::string_view t) noexcept {
  if (t.empty() || t.front() != '/') return false;
  for (char c : t)
    if (c <= 0x20 || c >= 0x7F || c == '#') return false;
  return true;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::string_view> http_request::header(std::string_view name) const noexcept {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return h.value;
  return std::nullopt;
}

std::optional<std::string_view> query_param(std::string_view query, std::string_view name) noexcept {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) return eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

rt::result<std::size_t, http_error> request_parser::feed(std::span<const std::byte> bytes) {
  if (failed_) return rt::fail(error_);
  if (done_) return std::size_t{0};
  std::size_t pos = 0;
  while (true) {
    auto step = reader_.feed(bytes.subspan(pos));
    pos += step.consumed;
    rt::result<void, http_error> checked;
    switch (step.event) {
      case detail::head_event::need_more: return pos;
      case detail::head_event::first_line: checked = on_request_line(); break;
      case detail::head_event::done: checked = on_head_done(); break;
      case detail::head_event::error: checked = rt::fail(head_failure(reader_.error())); break;
    }
    if (!checked) {
      failed_ = true;
      error_ = checked.error();
      return rt::fail(error_);
    }
    if (done_) return pos;
  }
}

namespace {

struct request_line {
  std::string_view method, target, version;
};

// request-line = method SP request-target SP HTTP-version, single spaces.
std::optional<request_line> split_request_line(std::string_view line) noexcept {
  auto sp1 = line.find(' ');
  auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) return std::nullopt;
  return request_line{line.substr(0, sp1), line.substr(sp1 + 1, sp2 - sp1 - 1), line.substr(sp2 + 1)};
}

}  // namespace

rt::result<void, http_error> request_parser::on_request_line() {
  auto parts = split_request_line(reader_.first_line());
  if (!parts) return rt::fail(http_error{400, "malformed request line"});
  auto [method, target, version] = *parts;
  if (!detail::is_token(method)) return rt::fail(http_error{400, "malformed method"});
  if (!is_origin_form(target)) return rt::fail(http_error{400, "request target must be a path"});
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !is_digit(version[5]) || version[6] != '.' ||
      !is_digit(version[7]))
    return rt::fail(http_error{400, "malformed HTTP version"});
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
    return rt::fail(http_error{505, "only HTTP/1.0 and HTTP/1.1 are spoken here"});
  // note: refused before the headers arrive: this server reads no request bodies.
  if (method != "GET" && method != "HEAD") return rt::fail(http_error{405, "only GET and HEAD are allowed"});
  request_.version_minor = version[7] - '0';
  return {};
}

rt::result<void, http_error> request_parser::on_head_done() {
  // note: views are taken only now that the head's buffer has stopped growing.
  auto line = *split_request_line(reader_.first_line());  // checked in on_request_line
  request_.method = line.method;
  request_.target = line.target;
  auto q = line.target.find('?');
  request_.path = line.target.substr(0, q);
  request_.query = q == std::string_view::npos ? std::string_view{} : line.target.substr(q + 1);
  request_.headers = reader_.headers();
  int hosts = 0, keys = 0, versions = 0, origins = 0, protocols = 0;
  bool upgrade_websocket = false, connection_upgrade = false, has_body = false;
  std::string_view version;
  for (const auto& h : request_.headers) {
    if (iequals(h.name, "Host")) {
      ++hosts;
      request_.host = h.value;
    } else if (iequals(h.name, "Upgrade")) {
      upgrade_websocket = upgrade_websocket || has_token(h.value, "websocket");
    } else if (iequals(h.name, "Connection")) {
      connection_upgrade = connection_upgrade || has_token(h.value, "upgrade");
    } else if (iequals(h.name, "Sec-WebSocket-Key")) {
      ++keys;
      request_.websocket_key = h.value;
    } else if (iequals(h.name, "Sec-WebSocket-Version")) {
      ++versions;
      version = h.value;
    } else if (iequals(h.name, "Origin")) {
      ++origins;
      request_.origin = h.value;
    } else if (iequals(h.name, "Sec-WebSocket-Protocol")) {
      if (protocols++ == 0) {
        request_.protocols = h.value;
      } else {
        if (protocols == 2) joined_protocols_.assign(request_.protocols.begin(), request_.protocols.end());
        joined_protocols_.insert(joined_protocols_.end(), {',', ' '});
        joined_protocols_.insert(joined_protocols_.end(), h.value.begin(), h.value.end());
      }
    } else if (iequals(h.name, "Transfer-Encoding")) {
      has_body = true;
    } else if (iequals(h.name, "Content-Length")) {
      has_body = has_body || h.value != "0";
    }
  }
  if (protocols > 1) request_.protocols = {joined_protocols_.data(), joined_protocols_.size()};

  if (hosts > 1) return rt::fail(http_error{400, "more than one Host header"});
  if (hosts == 0 && request_.version_minor == 1) return rt::fail(http_error{400, "missing Host header"});
  if (origins > 1) return rt::fail(http_error{400, "more than one Origin header"});
  if (has_body) return rt::fail(http_error{400, "request bodies are not accepted"});

  if (upgrade_websocket) {
    if (request_.method != "GET") return rt::fail(http_error{400, "a WebSocket upgrade must use GET"});
    if (request_.version_minor != 1) return rt::fail(http_error{400, "a WebSocket upgrade needs HTTP/1.1"});
    if (!connection_upgrade) return rt::fail(http_error{400, "Connection header must contain upgrade"});
    if (versions == 0) return rt::fail(http_error{400, "missing Sec-WebSocket-Version"});
    if (versions > 1 || version != "13") return rt::fail(http_error{426, "unsupported Sec-WebSocket-Version"});
    if (keys == 0) return rt::fail(http_error{400, "missing Sec-WebSocket-Key"});
    if (keys > 1) return rt::fail(http_error{400, "more than one Sec-WebSocket-Key"});
    if (!is_valid_key(request_.websocket_key)) return rt::fail(http_error{400, "Sec-WebSocket-Key is not 16 bytes of base64"});
    request_.websocket = true;
  }
  done_ = true;
  return {};
}

}  // namespace skirmish::ws
