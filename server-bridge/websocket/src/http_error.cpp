// Error responses for refused HTTP requests and upgrades.
#include "skirmish/ws/http_error.hpp"

namespace skirmish::ws {

std::string_view status_text(int status) noexcept {
  switch (status) {
    case 101: return "Switching Protocols";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
  }
}

std::string error_response(const http_error& e) {
  std::string body(e.reason);
  body += '\n';
  std::string out = "HTTP/1.1 ";
  out += std::to_string(e.status);
  out += ' ';
  out += status_text(e.status);
  out += "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ";
  out += std::to_string(body.size());
  out += "\r\nConnection: close\r\n";
  if (e.status == 426) out += "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n";
  if (e.status == 405) out += "Allow: GET, HEAD\r\n";
  out += "\r\n";
  out += body;
  return out;
}

}  // namespace skirmish::ws
