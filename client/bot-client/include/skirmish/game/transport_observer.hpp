// transport_observer: what a bot wants to see of its connections without
// being in their way: every message sent (the bot client prints its hash
// reports from there) and how each connection ended.
#pragma once

#include "skirmish/wire/protocol.hpp"
#include "skirmish/ws/close_status.hpp"

namespace skirmish::game {

class transport_observer {
 public:
  virtual ~transport_observer() = default;
  // One encoded client message, right before it is queued on the socket.
  virtual void on_send(wire::bytes_view message) = 0;
  // The connection is over: both close frames (or whichever came) and why.
  virtual void on_closed(const ws::close_status& how) = 0;
};

}  // namespace skirmish::game
