// session_runner: runs a session over any message transport as coroutines: a
// network reader and a writer, zipped, and reconnects with backoff.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "skirmish/game/message_transport.hpp"
#include "skirmish/game/session.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/yield_now.hpp"
#include "skirmish/rt/zip.hpp"

namespace skirmish::game {

// Usage, on one executor:
//   session s(config, &source);
//   session_runner run(s, dialer, executor);       // the executor is the clock
//   executor.spawn(run.run());                      // until s ends or fails
//   ... later, from the UI's task: run.leave();
// The session, dialer and clock must outlive the task.
template <message_dialer D, session_clock C>
class session_runner {
  using connection = typename D::connection;

 public:
  session_runner(session& s, D& dialer, C& clock) noexcept : s_(s), dialer_(dialer), clock_(clock) {}
  session_runner(const session_runner&) = delete;
  session_runner& operator=(const session_runner&) = delete;

  // Connects, runs the reader and the writer until the connection ends,
  // waits retry_after() and connects again, while the session wants it.
  // Returns once the session has ended or failed.
  [[nodiscard]] rt::task<> run() {
    while (!is_final(s_.phase())) {
      if (!s_.wants_connection()) break;
      if (const rt::duration wait = s_.retry_after(); wait > rt::duration::zero()) {
        wake_.reset();
        // note: a leave() during the wait ends it early.
        co_await rt::select(rt::sleep_for(wait), wake_.wait());
        if (is_final(s_.phase()) || !s_.wants_connection()) break;
      }
      auto dialed = co_await dialer_.dial(s_.room());
      if (!dialed) {
        s_.on_disconnected(clock_.now(), dialed.error());
        continue;
      }
      connection c = std::move(*dialed);
      s_.on_connected(clock_.now());
      down_ = false;
      wake_.reset();
      co_await rt::zip(read(c), write(c));
      s_.on_disconnected(clock_.now(), why_.empty() ? std::string_view("connection closed") : why_);
      why_.clear();
    }
  }

  // Leaves the room (leave, then close 1000) from any task of this executor.
  void leave() {
    s_.leave();
    wake_.set();
  }
  // Lets the writer look at the session now (after the UI changed it).
  void nudge() noexcept { wake_.set(); }

 private:
  rt::task<> read(connection& c) {
    for (;;) {
      std::optional<transport_message> m = co_await c.recv();
      if (!m) break;
      if (m->binary) {
        s_.on_message(m->bytes, clock_.now());
      } else {
        s_.on_text_message(clock_.now());
      }
      wake_.set();
      // note: a catch-up is a burst of history messages of up to 256 ticks
      // each; letting the other tasks (render, input) run between them keeps
      // the page responsive while the battle replays.
      if (s_.phase() == session_phase::catching_up) co_await rt::yield_now();
    }
    down_ = true;
    wake_.set();
  }

  rt::task<> write(connection& c) {
    for (;;) {
      if (down_) co_return;
      s_.poll(clock_.now());
      for (std::vector<std::byte>& out : s_.take_outgoing()) {
        if (!static_cast<bool>(co_await c.send(wire::bytes_view(out)))) {
          why_ = "send failed";
          co_await c.close(close_normal, "send failed");
          co_return;
        }
      }
      if (std::optional<close_request> cl = s_.take_close()) {
        co_await c.close(cl->code, cl->reason);
        co_return;
      }
      wake_.reset();
      if (std::optional<rt::instant> at = s_.next_deadline()) {
        co_await rt::select(rt::sleep_until(*at), wake_.wait());
      } else {
        co_await wake_.wait();
      }
    }
  }

  session& s_;
  D& dialer_;
  C& clock_;
  rt::event wake_;
  bool down_ = false;
  std::string why_;
};

}  // namespace skirmish::game
