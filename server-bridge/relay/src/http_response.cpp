// http_response: serialization, reason phrases and error pages.
#include "skirmish/relay/http_response.hpp"

#include <string>

namespace skirmish::relay {

std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 426: return "Upgrade Required";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

std::string http_response::serialize(bool keep_alive) const {
  const bool no_body = head || status == 204 || status == 304 || (status >= 100 && status < 200);
  std::string out;
  out.reserve(256 + (no_body ? 0 : body.size()));
  out += "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  out += reason_phrase(status);
  out += "\r\n";
  for (const auto& [k, v] : headers) {
    out += k;
    out += ": ";
    out += v;
    out += "\r\n";
  }
  if (status != 304 && status != 204) {
    out += "Content-Length: ";
    out += std::to_string(content_length);
    out += "\r\n";
  }
  out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  out += "\r\n";
  if (!no_body) out += body;
  return out;
}

http_response error_page(int status, std::string_view detail, bool head) {
  http_response r;
  r.status = status;
  r.head = head;
  r.body = std::to_string(status);
  r.body += ' ';
  r.body += reason_phrase(status);
  r.body += '\n';
  if (!detail.empty()) {
    r.body += detail;
    r.body += '\n';
  }
  r.content_length = r.body.size();
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace skirmish::relay
