// ws_dialer: the session runner's message_dialer over the epoll WebSocket
// client: opens ws://host:port/path?room=<room> to a relay.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "skirmish/game/transport_observer.hpp"
#include "skirmish/game/ws_message_connection.hpp"
#include "skirmish/game/ws_url.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::game {

class ws_dialer {
 public:
  using connection = ws_message_connection;

  // Everything passed here must outlive the dialer and its connections;
  // `observer` may be null.
  ws_dialer(rt::epoll_reactor& reactor, rt::local_executor& ex, ws_url url, transport_observer* observer = nullptr,
            rt::duration limit = std::chrono::seconds(5))
      : reactor_(reactor), ex_(ex), url_(std::move(url)), observer_(observer), limit_(limit) {}

  [[nodiscard]] rt::task<rt::result<connection, std::string>> dial(std::string_view room) {
    return connection::open(reactor_, ex_, url_, std::string(room), observer_, limit_);
  }

  [[nodiscard]] const ws_url& url() const noexcept { return url_; }

 private:
  rt::epoll_reactor& reactor_;
  rt::local_executor& ex_;
  ws_url url_;
  transport_observer* observer_;
  rt::duration limit_;
};

}  // namespace skirmish::game
