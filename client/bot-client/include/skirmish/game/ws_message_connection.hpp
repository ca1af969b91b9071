// ws_message_connection: the session runner's message_connection over the
// epoll WebSocket client (skirmish::ws::connection), for native bots.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "skirmish/game/ready.hpp"
#include "skirmish/game/transport_message.hpp"
#include "skirmish/game/transport_observer.hpp"
#include "skirmish/game/ws_url.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::game {

// A ws::connection is not movable and must run (its write half, watchdog
// and reader) in a task of its own; this handle owns both on the heap, so
// the runner can hold it by value. recv() reads what a pump task inside
// run() copied out of the socket; dropping the handle cancels that task and
// closes the socket.
class ws_message_connection {
 public:
  // Connects and does the opening handshake to `url` with `room` in the
  // query, within `limit`; spawns the connection's task on `ex`. Gives a
  // sentence on failure ("cannot connect to ws://...: Connection refused").
  // `observer` (may be null) must outlive the connection.
  [[nodiscard]] static rt::task<rt::result<ws_message_connection, std::string>> open(
      rt::epoll_reactor& reactor, rt::local_executor& ex, const ws_url& url, std::string room, transport_observer* observer,
      rt::duration limit);

  ws_message_connection(ws_message_connection&&) noexcept;
  ws_message_connection& operator=(ws_message_connection&&) noexcept;
  ~ws_message_connection();

  // Queues one binary message; false once the connection is closing or gone.
  [[nodiscard]] ready<bool> send(wire::bytes_view bytes);
  // The next message, or nullopt once the connection delivers no more.
  [[nodiscard]] rt::task<std::optional<transport_message>> recv();
  // Closes with `code` and waits for the relay's close (or the close timeout).
  [[nodiscard]] rt::task<bool> close(std::uint16_t code, std::string_view why);

  struct link;

 private:
  explicit ws_message_connection(std::unique_ptr<link> l) noexcept;
  std::unique_ptr<link> link_;
};

}  // namespace skirmish::game
