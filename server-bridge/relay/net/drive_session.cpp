// drive_session: read loop, write loop and timer of one relay connection.
#include "drive_session.hpp"

#include <chrono>

#include "skirmish/rt/select.hpp"
#include "skirmish/rt/sleep.hpp"

namespace skirmish::relay {

namespace {

using namespace std::chrono_literals;

rt::task<void> read_loop(ws::connection& c, session& s) {
  for (;;) {
    auto m = co_await c.receive();
    if (!m) {
      // A WebSocket-level fault of the client's (a frame over the size
      // limit: 1009, a broken frame: 1002) frees a player's slot, as the
      // protocol's own faults do; the client closing or the socket failing
      // holds it for the reconnect window.
      if (c.status().peer_fault) s.on_protocol_fault();
      else s.on_transport_closed();
      co_return;
    }
    if (m->op == ws::opcode::binary) s.on_message(m->payload);
    else s.on_text_message(m->payload.size());
  }
}

rt::task<void> write_loop(ws::connection& c, session& s) {
  peer& p = s.out();
  for (;;) {
    co_await p.wait();
    while (!p.queue().empty()) {
      if (c.outbound_bytes() >= writer_gate_bytes) {
        // note: resumes as the socket takes bytes (or is gone); the session's
        // watermark drops the reader that never catches up.
        co_await c.drained(writer_gate_bytes);
        continue;
      }
      // note: by reference: the frame encoded once for every recipient goes
      // into this connection's writev as is, no copy.
      auto sent = c.send(p.queue().front().frame());
      p.queue().pop();
      if (!sent) co_return;  // the connection is closing already
    }
    if (auto code = p.close_code()) {
      (void)c.start_close(static_cast<ws::close_code>(*code), p.close_reason());
      co_return;
    }
  }
}

// Live messages go straight into the WebSocket writer, by reference, while
// it holds less than the gate: the room's fan-out then wakes only each
// connection's own socket writer, not this file's write task as well.
class connection_sink final : public frame_sink {
 public:
  connection_sink(ws::connection& c, peer& p) noexcept : c_(c), p_(p) { p_.attach(this); }
  connection_sink(const connection_sink&) = delete;
  connection_sink& operator=(const connection_sink&) = delete;
  ~connection_sink() { p_.attach(nullptr); }

  bool offer(const shared_bytes& m) noexcept override {
    if (c_.outbound_bytes() >= writer_gate_bytes) return false;
    return c_.send(m.frame()).ok();
  }

 private:
  ws::connection& c_;
  peer& p_;
};

rt::task<void> timer_loop(ws::connection& c, session& s, rt::duration idle_timeout) {
  const bool pings = idle_timeout > rt::duration::zero();
  std::uint64_t pongs = c.pongs_received();
  rt::instant pinged_for = rt::instant::min();  // the deadline a ping already went out for
  for (;;) {
    const rt::instant deadline = s.next_deadline();
    if (deadline == rt::instant::max()) {
      // note: nothing is timed in this state (closing, left); the timer must
      // not finish, or the select would end the write loop before it closes.
      co_await rt::sleep_for(1s);
      continue;
    }
    rt::instant wake = deadline;
    const rt::instant ping_at = deadline - idle_timeout * 2 / 3;
    if (pings && s.state() == session_state::member && pinged_for != deadline && ping_at < wake) wake = ping_at;
    co_await rt::sleep_until(wake);
    if (c.pongs_received() != pongs) {
      pongs = c.pongs_received();
      s.on_activity();
      continue;
    }
    const rt::instant now = c.stream().io().reactor().now();
    if (now >= s.next_deadline()) {
      s.poll();
    } else if (pings && s.state() == session_state::member && pinged_for != s.next_deadline() &&
               now >= s.next_deadline() - idle_timeout * 2 / 3) {
      pinged_for = s.next_deadline();
      (void)c.ping();
    }
  }
}

}  // namespace

rt::task<void> drive_session(ws::connection& c, session& s, rt::duration idle_timeout) {
  // note: the first to finish ends the others: the write loop once the close
  // frame is queued (run() then reads on to the client's close), the read
  // loop once the client is gone.
  connection_sink sink(c, s.out());  // detached when this frame goes, even if cancelled
  (void)co_await rt::select(read_loop(c, s), write_loop(c, s), timer_loop(c, s, idle_timeout));
}

}  // namespace skirmish::relay
