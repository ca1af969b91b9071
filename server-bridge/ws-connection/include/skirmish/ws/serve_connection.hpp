// serve_connection: the life of one accepted socket on a WebSocket server:
// read the request head, hand a plain HTTP request to the caller's handler,
// or accept the upgrade and run the caller's session on the connection.
#pragma once

#include <concepts>
#include <utility>

#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/ws/connection.hpp"
#include "skirmish/ws/upgrade_request.hpp"

namespace skirmish::ws {

// `on_http(upgrade_request&)` gives a task<void> that answers a plain GET or
// HEAD (the relay's static files) on up.stream(); `on_session(connection&)`
// gives the task<void> that reads the connection (see connection::run).
// `options` must outlive the returned task.
template <class Http, class Session>
  requires std::invocable<Http&, upgrade_request&> && std::invocable<Session&, connection&>
[[nodiscard]] rt::task<void> serve_connection(rt::tcp_stream stream, const server_options& options, Http on_http,
                                              Session on_session) {
  auto up = co_await read_upgrade(std::move(stream), options);
  if (!up) co_return;
  if (!up->request().websocket) {
    co_await on_http(*up);
    co_return;
  }
  connection c(role::server, options);
  if (!co_await c.accept(std::move(*up))) co_return;
  (void)co_await c.run(on_session(c));
}

}  // namespace skirmish::ws
