// browser_ws_dialer: browser_websocket shaped as the session's message transport.
#include "skirmish/app/browser_ws_dialer.hpp"

#include <chrono>
#include <utility>

namespace skirmish::app {

game::ready<bool> browser_ws_connection::send(wire::bytes_view bytes) {
  return game::ready<bool>(ws_.send(bytes).ok());
}

rt::task<std::optional<game::transport_message>> browser_ws_connection::recv() {
  auto m = co_await ws_.recv();
  if (!m) co_return std::nullopt;
  co_return game::transport_message{std::move(m->data), m->binary};
}

rt::task<bool> browser_ws_connection::close(std::uint16_t code, std::string_view why) {
  if (!ws_.is_open()) co_return true;
  auto r = co_await ws_.close(code, std::string(why));
  co_return r.ok();
}

rt::task<rt::result<browser_ws_connection, std::string>> browser_ws_dialer::dial(std::string_view room) {
  ++dials_;
  std::string url = endpoint_ + "?room=" + query_escape(room);
  auto ws = co_await rt::browser_websocket::connect(std::move(url), std::chrono::seconds(5));
  if (!ws) co_return rt::fail(std::string(ws.error().reason));
  co_return browser_ws_connection(std::move(*ws));
}

}  // namespace skirmish::app
