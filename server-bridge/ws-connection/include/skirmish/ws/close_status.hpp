// close_status: how a WebSocket connection ended, as both ends saw it.
#pragma once

#include <string>
#include <string_view>

#include "skirmish/ws/close_code.hpp"

namespace skirmish::ws {

struct close_status {
  // The peer's close frame: its code (no_status if it had none; abnormal,
  // 1006, if none came) and its reason.
  close_code received = close_code::abnormal;
  std::string reason;
  // The code of the close frame we sent (abnormal if we sent none).
  close_code sent = close_code::abnormal;
  // Both close frames were exchanged.
  bool clean = false;
  // Our close frame went out first.
  bool we_initiated = false;
  // Why it ended, when not by a plain closing handshake: a protocol error,
  // "slow consumer", "idle timeout", "close timeout", a socket error (static text).
  std::string_view problem;
  // The peer broke RFC 6455 or a limit (a malformed frame: 1002, a message
  // over the size limit: 1009, bad UTF-8: 1007) and we closed with `sent`;
  // false for a plain close, a lost socket or a timeout. Lets the
  // application tell a faulty peer from a vanished one.
  bool peer_fault = false;
};

}  // namespace skirmish::ws
