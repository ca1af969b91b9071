// browser_ws_dialer: the session's transport in a page, a message_dialer
// over the browser's WebSocket (rt::browser_websocket). wasm builds only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "skirmish/app/query_escape.hpp"
#include "skirmish/game/ready.hpp"
#include "skirmish/game/transport_message.hpp"
#include "skirmish/rt/browser_websocket.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::app {

class browser_ws_connection {
 public:
  explicit browser_ws_connection(rt::browser_websocket ws) noexcept : ws_(std::move(ws)) {}

  // WebSocket.send never waits, so this is ready at once (false: it is gone).
  [[nodiscard]] game::ready<bool> send(wire::bytes_view bytes);
  // The next message, or nullopt once the socket closed.
  [[nodiscard]] rt::task<std::optional<game::transport_message>> recv();
  [[nodiscard]] rt::task<bool> close(std::uint16_t code, std::string_view why);

  // Closes the socket abruptly from the page's side (tests of the reconnect).
  [[nodiscard]] bool is_open() const noexcept { return ws_.is_open(); }

 private:
  rt::browser_websocket ws_;
};

class browser_ws_dialer {
 public:
  using connection = browser_ws_connection;

  // `endpoint` is the relay's WebSocket URL without a query, e.g.
  // ws://127.0.0.1:8080/ws; the room goes into ?room=.
  explicit browser_ws_dialer(std::string endpoint) : endpoint_(std::move(endpoint)) {}

  [[nodiscard]] rt::task<rt::result<browser_ws_connection, std::string>> dial(std::string_view room);
  [[nodiscard]] std::uint32_t dials() const noexcept { return dials_; }

 private:
  std::string endpoint_;
  std::uint32_t dials_ = 0;
};

}  // namespace skirmish::app
