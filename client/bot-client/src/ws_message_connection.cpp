// ws_message_connection: the epoll WebSocket client as a message_connection.
#include "skirmish/game/ws_message_connection.hpp"

#include <utility>
#include <vector>

#include "skirmish/rt/channel.hpp"
#include "skirmish/rt/join_handle.hpp"
#include "skirmish/ws/connection.hpp"

namespace skirmish::game {

struct ws_message_connection::link {
  explicit link(transport_observer* o) : observer(o) {}
  ~link() {
    // note: the task references `conn` and `inbox`, so it goes first.
    running.cancel();
    inbox.close();
  }

  transport_observer* observer;
  ws::connection conn{ws::role::client};
  rt::channel<transport_message> inbox;
  rt::join_handle<void> running;
};

namespace {

// The connection's reader: copies each message out of the socket's buffer
// (a receive() view dies at the next receive) for recv() to hand over.
rt::task<void> pump(ws_message_connection::link& l) {
  for (;;) {
    std::optional<ws::message> m = co_await l.conn.receive();
    if (!m) break;
    transport_message out{std::vector<std::byte>(m->payload.begin(), m->payload.end()), !m->is_text()};
    (void)l.inbox.try_send(std::move(out));  // note: unbounded; the runner's reader drains it at once
  }
  l.inbox.close();
}

rt::task<void> run_connection(ws_message_connection::link& l) {
  ws::close_status how = co_await l.conn.run(pump(l));
  l.inbox.close();
  if (l.observer != nullptr) l.observer->on_closed(how);
}

std::string describe(const ws::connect_error& e, const ws_url& url) {
  const std::string where = url.text();
  switch (e.failure) {
    case ws::connect_failure::io:
      if (e.io.code == 0) return "cannot connect to " + where + ": the server closed the connection during the handshake";
      return "cannot connect to " + where + ": " + e.io.message();
    case ws::connect_failure::timed_out:
      return "cannot connect to " + where + ": no WebSocket handshake answer in time";
    case ws::connect_failure::refused:
      return "the relay at " + where + " refused the WebSocket upgrade (HTTP " + std::to_string(e.handshake.status) + ": " +
             std::string(e.handshake.reason) + ")";
    case ws::connect_failure::no_entropy:
      return "cannot connect to " + where + ": no random bytes for the WebSocket key";
  }
  return "cannot connect to " + where;
}

}  // namespace

rt::task<rt::result<ws_message_connection, std::string>> ws_message_connection::open(
    rt::epoll_reactor& reactor, rt::local_executor& ex, const ws_url& url, std::string room, transport_observer* observer,
    rt::duration limit) {
  auto l = std::make_unique<link>(observer);
  ws::client_options options{.host = url.authority(), .target = url.target_for(room)};
  auto opened = co_await l->conn.connect(reactor, url.host, url.port, std::move(options), limit);
  if (!opened) co_return rt::fail(describe(opened.error(), url));
  l->running = ex.spawn(run_connection(*l));
  co_return ws_message_connection(std::move(l));
}

ws_message_connection::ws_message_connection(std::unique_ptr<link> l) noexcept : link_(std::move(l)) {}
ws_message_connection::ws_message_connection(ws_message_connection&&) noexcept = default;
ws_message_connection& ws_message_connection::operator=(ws_message_connection&&) noexcept = default;
ws_message_connection::~ws_message_connection() = default;

ready<bool> ws_message_connection::send(wire::bytes_view bytes) {
  if (link_->observer != nullptr) link_->observer->on_send(bytes);
  return ready<bool>(link_->conn.send_binary(bytes).ok());
}

rt::task<std::optional<transport_message>> ws_message_connection::recv() {
  std::optional<transport_message> m = co_await link_->inbox.recv();
  co_return m;
}

rt::task<bool> ws_message_connection::close(std::uint16_t code, std::string_view why) {
  ws::close_status how = co_await link_->conn.close(static_cast<ws::close_code>(code), why);
  co_return how.sent != ws::close_code::abnormal;
}

}  // namespace skirmish::game
