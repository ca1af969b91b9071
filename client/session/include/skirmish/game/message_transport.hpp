// message_transport: what session_runner needs from a transport (the browser's
// WebSocket, the native WebSocket client, an in-memory pipe), as concepts.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skirmish/game/ready.hpp"
#include "skirmish/game/transport_message.hpp"
#include "skirmish/rt/awaitable.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::game {

// One open connection. Every operation is awaitable from a task of the
// executor the connection belongs to; recv and send run concurrently (the
// reader and the writer of one zip), never two recv or two send at once.
//   send(bytes)        gives true once queued, false if the connection is gone
//   recv()             gives the next message, or nullopt once the connection
//                      is closed (by either side) and every message before it
//                      was delivered
//   close(code, why)   closes (WebSocket codes: 1000, 1002); after it, recv()
//                      gives nullopt and send() false, soon
template <class C>
concept message_connection = requires(C& c, wire::bytes_view bytes, std::uint16_t code, std::string_view why) {
  { c.send(bytes) } -> rt::awaitable;
  { c.recv() } -> rt::awaitable;
  { c.close(code, why) } -> rt::awaitable;
  requires std::convertible_to<rt::await_result_t<decltype(c.send(bytes))>, bool>;
  requires std::same_as<rt::await_result_t<decltype(c.recv())>, std::optional<transport_message>>;
};

// Opens connections to the relay: `dial(room)` gives an open connection or a
// readable reason it could not (the room goes in the URL, /ws?room=...; copy
// it, the view does not outlive the call).
template <class D>
concept message_dialer = message_connection<typename D::connection> && requires(D& d, std::string_view room) {
  { d.dial(room) } -> rt::awaitable;
  requires std::same_as<rt::await_result_t<decltype(d.dial(room))>, rt::result<typename D::connection, std::string>>;
};

// A clock: the executor's (local_executor::now) or a driver's.
template <class C>
concept session_clock = requires(C& c) {
  { c.now() } -> std::convertible_to<rt::instant>;
};

}  // namespace skirmish::game
