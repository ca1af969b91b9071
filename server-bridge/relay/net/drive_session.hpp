// drive_session: the three tasks that connect a relay session to its
// WebSocket connection once the hello is in (relay/README.md, "How a
// connection drives a room"): the read loop, the write loop that drains the
// session's peer into the connection, and the timer (idle pings, timeouts).
#pragma once

#include <cstddef>

#include "skirmish/relay/session.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/ws/connection.hpp"

namespace skirmish::relay {

// note: a small writer buffer keeps the session's outbound queue the one
// real bound on what a slow reader holds (outbound_queue.hpp): messages move
// into the WebSocket writer only while it holds fewer bytes than this.
inline constexpr std::size_t writer_gate_bytes = 4096;

// Runs as the session of `c` (the task given to ws::connection::run) until
// the relay closes it (the close frame is queued), the client goes away, or
// the transport fails. `idle_timeout` is the session's: a ping goes out
// after a third of it without a word from the client; a pong counts as one.
[[nodiscard]] rt::task<void> drive_session(ws::connection& c, session& s, rt::duration idle_timeout);

}  // namespace skirmish::relay
