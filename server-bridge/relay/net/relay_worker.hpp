// relay_worker: one worker thread of the relay process: its listener, its
// shard (rooms and sessions), and the life of every connection it serves,
// from the request head to the close. Everything here runs on its thread;
// other workers reach it only through the pool's inbox (relay_hub.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "relay_hub.hpp"
#include "skirmish/relay/session.hpp"
#include "skirmish/relay/shard.hpp"
#include "skirmish/relay/worker_metrics.hpp"
#include "skirmish/rt/epoll_tcp_listener.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/epoll_worker.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/ws/connection.hpp"
#include "skirmish/ws/upgrade_request.hpp"

namespace skirmish::relay {

class relay_worker {
 public:
  relay_worker(rt::worker& w, relay_hub& hub);
  relay_worker(const relay_worker&) = delete;
  relay_worker& operator=(const relay_worker&) = delete;

  // The worker's life: accepts on `l` until the pool asks it to stop, then
  // drains (every client gets shutting_down and close 1001) within the
  // shutdown grace, and returns once no connection task is left.
  [[nodiscard]] rt::task<void> run(rt::tcp_listener& l);

  // This thread, from an inbox item: a socket to serve from its request head
  // on (accepted here, or handed over before its upgrade with the bytes read).
  void serve(rt::tcp_stream s, std::vector<std::byte> already_read);
  // This thread, from an inbox item: an upgraded connection another worker
  // read a hello on for a room this worker owns; `rest` are the frame bytes
  // read after the hello.
  void serve_routed(rt::tcp_stream s, std::vector<std::byte> rest, route_request r);
  // Worker 0 only: the room for an `auto` hello another worker read.
  [[nodiscard]] std::string assign(bool spectator);

  [[nodiscard]] std::size_t index() const noexcept { return w_.index; }
  // A copy of this worker's counters, made on its thread.
  [[nodiscard]] worker_metrics snapshot() const;

 private:
  // Counts a connection task while it lives, so the drain knows when it is done.
  struct live_task {
    relay_worker& w;
    explicit live_task(relay_worker& x) noexcept : w(x) { ++w.live_; }
    ~live_task() {
      if (--w.live_ == 0) w.idle_.set();
    }
  };

  rt::task<void> accept_loop(rt::tcp_listener& l);
  rt::task<void> flush_reports();
  rt::task<void> drain();
  // From the head to the upgrade (or a plain HTTP answer).
  rt::task<void> head_task(rt::tcp_stream s, std::vector<std::byte> already_read);
  // An upgraded connection, from its first frame to its close.
  rt::task<void> client_task(rt::tcp_stream s, std::vector<std::byte> already_read, std::optional<route_request> routed);
  // Waits for the hello (or its timeout) before the session's loops start.
  rt::task<void> first_message(ws::connection& c, session& s);
  rt::task<std::optional<std::string>> ask_matchmaker(bool spectator);
  rt::task<void> answer_plain(ws::upgrade_request& up);
  rt::task<void> refuse(ws::upgrade_request& up, int status, std::string_view why);
  rt::task<std::vector<worker_metrics>> gather_metrics();

  [[nodiscard]] bool stopping() const noexcept { return w_.stopping.is_set(); }

  rt::worker& w_;
  relay_hub& hub_;
  shard shard_;
  std::unordered_set<ws::connection*> clients_;  // upgraded connections, for a forced close at the end of the drain
  std::size_t live_ = 0;                         // connection tasks alive
  rt::event idle_;                               // set whenever live_ drops to 0
};

}  // namespace skirmish::relay
