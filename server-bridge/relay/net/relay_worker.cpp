// relay_worker: accepting, the request head, hand-offs between workers,
// plain HTTP, the WebSocket session's life and the drain on shutdown.
#include "relay_worker.hpp"

#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <utility>
#include <variant>

#include "drive_session.hpp"
#include "skirmish/relay/http_routes.hpp"
#include "skirmish/relay/room_owner.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/ws/server_handshake.hpp"
#include "skirmish/wire/text.hpp"

namespace skirmish::relay {

namespace {

using namespace std::chrono_literals;

constexpr int kernel_send_buffer = 32 * 1024;

// After an HTTP answer: FIN, then read to the client's EOF (closing with
// unread bytes would reset the connection and could destroy the answer).
rt::task<void> write_and_linger(rt::tcp_stream& s, std::string bytes) {
  if (!co_await s.write(bytes) || !s.shutdown_write()) co_return;
  std::array<std::byte, 512> sink;
  (void)co_await rt::timeout(2s, [&]() -> rt::task<void> {
    for (;;) {
      auto n = co_await s.read(sink);
      if (!n || *n == 0) co_return;
    }
  }());
}

}  // namespace

relay_worker::relay_worker(rt::worker& w, relay_hub& hub)
    : w_(w), hub_(hub), shard_(w.executor, hub.options.shard_config_for(w.index)) {
  // note: with one worker, or on worker 0, the shard asks the matchmaker
  // itself; other workers route `auto` hellos to worker 0 (ask_matchmaker).
  if (w.index == 0) shard_.attach_matchmaker(hub.mm);
}

worker_metrics relay_worker::snapshot() const {
  worker_metrics m = shard_.metrics();
  m.rooms = shard_.rooms();
  return m;
}

std::string relay_worker::assign(bool spectator) {
  for (const room_report& r : shard_.take_reports()) hub_.mm.apply(r);
  return hub_.mm.assign(spectator);
}

rt::task<void> relay_worker::run(rt::tcp_listener& l) {
  (void)co_await rt::select(accept_loop(l), flush_reports(), w_.stopping.wait());
  l.close();
  co_await drain();
}

rt::task<void> relay_worker::accept_loop(rt::tcp_listener& l) {
  for (;;) {
    auto conn = co_await l.accept();
    if (!conn) {
      if (conn.error().code == ECANCELED || conn.error().code == EBADF) co_return;
      continue;  // EMFILE and the like: the listener shed that connection
    }
    // note: a fixed kernel send buffer instead of the kernel's autotuning
    // (up to 4 MiB): a reader that stops would otherwise park megabytes in
    // the kernel before the session's watermark ever saw a byte. 32 KiB is
    // seconds of a room's traffic, and a history block still goes through.
    const int sndbuf = kernel_send_buffer;
    (void)::setsockopt(conn->fd(), SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    serve(std::move(*conn), {});
  }
}

rt::task<void> relay_worker::flush_reports() {
  // note: news about matchmade rooms travels to worker 0 in batches; the
  // matchmaker counts what it sent and has not heard back about as taken,
  // so a lag of a tenth of a second only delays which room is "oldest".
  for (;;) {
    co_await rt::sleep_for(100ms);
    if (!shard_.has_reports()) continue;
    std::vector<room_report> reports = shard_.take_reports();
    if (w_.index == 0) {
      for (const room_report& r : reports) hub_.mm.apply(r);
      continue;
    }
    hub_.pool.post(0, [hub = &hub_, reports = std::move(reports)](rt::worker&) {
      for (const room_report& r : reports) hub->mm.apply(r);
    });
  }
}

rt::task<void> relay_worker::drain() {
  shard_.shut_down();  // every session: `error` shutting_down, then close 1001
  if (live_ != 0) {
    idle_.reset();
    (void)co_await rt::select(idle_.wait(), rt::sleep_for(hub_.options.shutdown_grace));
  }
  if (live_ != 0) {
    hub_.log.warn("closing connections that did not finish their close in time",
                  {{"worker", w_.index}, {"connections", live_}});
    for (ws::connection* c : clients_) c->stream().close();
    idle_.reset();
    (void)co_await rt::select(idle_.wait(), rt::sleep_for(300ms));
  }
  if (live_ != 0) {
    // note: sessions still referring to the shard would outlive it; waiting
    // is safer than returning, and the sockets are closed, so it is short.
    idle_.reset();
    co_await idle_.wait();
  }
}

void relay_worker::serve(rt::tcp_stream s, std::vector<std::byte> already_read) {
  w_.executor.spawn(head_task(std::move(s), std::move(already_read))).detach();
}

void relay_worker::serve_routed(rt::tcp_stream s, std::vector<std::byte> rest, route_request r) {
  w_.executor.spawn(client_task(std::move(s), std::move(rest), std::move(r))).detach();
}

rt::task<void> relay_worker::head_task(rt::tcp_stream stream, std::vector<std::byte> already_read) {
  live_task alive(*this);
  auto head = co_await rt::select(ws::read_upgrade(std::move(stream), hub_.ws, std::move(already_read)), w_.stopping.wait());
  if (head.index() != 0) co_return;  // shutting down while the head was on its way
  auto& up = std::get<0>(head);
  if (!up) {
    if (up.error().failure != ws::upgrade_failure::closed) ++shard_.metrics().handshake_failures;
    co_return;
  }
  const ws::http_request& req = up->request();
  if (!req.websocket) {
    (void)co_await rt::select(answer_plain(*up), w_.stopping.wait());
    co_return;
  }
  if (route_of(req.path) != http_route::websocket) co_return co_await refuse(*up, 404, "the game's WebSocket is at /ws");
  if (!hub_.options.origin_allowed(req.origin)) co_return co_await refuse(*up, 403, "this Origin may not open the game's WebSocket");

  // A room in the URL (PROTOCOL.md section 1) lets the connection go to the
  // room's owner before the upgrade, in one hop; the hello still decides.
  if (auto room = ws::query_param(req.query, "room");
      room && *room != wire::auto_room && wire::valid_room_id(*room) && !stopping()) {
    const std::size_t owner = owner_of(*room, hub_.size());
    if (owner != w_.index) {
      hub_.pool.post_connection(owner, up->hand_off(),
                                [hub = &hub_](rt::worker& w, rt::io_result<rt::tcp_stream> s, std::vector<std::byte> bytes) {
                                  if (s) hub->workers[w.index]->serve(std::move(*s), std::move(bytes));
                                });
      co_return;
    }
  }

  // note: the 101 is written here and the connection runs in a task of its
  // own, so this frame (the request head, its parser) is freed at once and
  // an idle connection keeps only what the session needs.
  const std::string response = ws::accept_response(req);
  if (auto w = co_await up->stream().write(response); !w) {
    ++shard_.metrics().handshake_failures;
    co_return;
  }
  auto rest = up->leftover();
  w_.executor.spawn(client_task(std::move(up->stream()), std::vector<std::byte>(rest.begin(), rest.end()), std::nullopt))
      .detach();
}

rt::task<void> relay_worker::refuse(ws::upgrade_request& up, int status, std::string_view why) {
  ++shard_.metrics().handshake_failures;
  const http_response r = error_page(status, why, false);
  co_await write_and_linger(up.stream(), r.serialize(false));
}

rt::task<void> relay_worker::answer_plain(ws::upgrade_request& up) {
  ++shard_.metrics().http_requests;
  const ws::http_request& q = up.request();
  const http_request req{q.method, q.path, q.query, q.header("If-None-Match"), q.header("If-Modified-Since")};
  const static_files* files = hub_.files ? &*hub_.files : nullptr;
  http_response res;
  if (route_of(q.path) == http_route::metrics && method_allowed(q.method)) {
    const std::vector<worker_metrics> all = co_await gather_metrics();
    res = answer_http(req, files, all);
  } else {
    res = answer_http(req, files, {});
  }
  co_await write_and_linger(up.stream(), res.serialize(false));
}

rt::task<std::vector<worker_metrics>> relay_worker::gather_metrics() {
  // note: every worker copies its own counters on its own thread (no atomics
  // anywhere); the copies come back through this worker's inbox. The state
  // is shared by reference count so that a late answer after a timeout
  // still finds it.
  struct gathering {
    std::vector<worker_metrics> all;
    std::size_t missing = 0;
    rt::event done;
  };
  const std::size_t n = hub_.size();
  auto g = std::make_shared<gathering>();
  g->all.resize(n);
  g->all[w_.index] = snapshot();
  g->missing = n - 1;
  const std::size_t me = w_.index;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == me) continue;
    hub_.pool.post(i, [hub = &hub_, g, me](rt::worker& w) {
      hub->pool.post(me, [g, i = w.index, m = hub->workers[w.index]->snapshot()](rt::worker&) {
        g->all[i] = m;
        if (--g->missing == 0) g->done.set();
      });
    });
  }
  if (g->missing != 0) (void)co_await rt::select(g->done.wait(), rt::sleep_for(1s), w_.stopping.wait());
  co_return g->all;
}

rt::task<std::optional<std::string>> relay_worker::ask_matchmaker(bool spectator) {
  struct answer {
    std::optional<std::string> room;
    rt::event done;
  };
  auto a = std::make_shared<answer>();
  const std::size_t me = w_.index;
  hub_.pool.post(0, [hub = &hub_, a, me, spectator](rt::worker&) {
    hub->pool.post(me, [a, room = hub->workers[0]->assign(spectator)](rt::worker&) mutable {
      a->room = std::move(room);
      a->done.set();
    });
  });
  (void)co_await rt::select(a->done.wait(), w_.stopping.wait());
  co_return a->room;
}

rt::task<void> relay_worker::first_message(ws::connection& c, session& s) {
  const rt::duration left = s.next_deadline() - w_.executor.now();
  auto got = co_await rt::select(rt::timeout(left, c.receive()), s.out().wait());
  if (got.index() != 0) co_return;  // the relay closed it meanwhile (shutting down)
  auto& r = std::get<0>(got);
  if (!r) {
    s.poll();  // the hello timeout
    co_return;
  }
  if (!*r) {
    s.on_transport_closed();
    co_return;
  }
  const ws::message& m = **r;
  if (m.op == ws::opcode::binary) s.on_message(m.payload);
  else s.on_text_message(m.payload.size());
}

rt::task<void> relay_worker::client_task(rt::tcp_stream stream, std::vector<std::byte> already_read,
                                         std::optional<route_request> routed) {
  live_task alive(*this);
  ws::connection c(ws::role::server, hub_.ws);
  c.adopt(std::move(stream), already_read);
  already_read = {};
  clients_.insert(&c);
  struct forget {
    relay_worker& w;
    ws::connection* c;
    ~forget() { w.clients_.erase(c); }
  } on_exit{*this, &c};

  std::optional<session> s(std::in_place, shard_);
  if (routed) {
    s->on_routed_hello(routed->hello, routed->room);
    routed.reset();
  } else {
    co_await first_message(c, *s);
    if (s->state() == session_state::routing) {
      route_request r = *s->route();
      if (r.room.empty()) {
        if (auto room = co_await ask_matchmaker(r.spectator)) r.room = std::move(*room);
      }
      const std::size_t owner = owner_of(r.room, hub_.size());
      if (r.room.empty() || stopping()) {
        s->close(wire::error_code::shutting_down, "the relay is shutting down");
      } else if (owner == w_.index) {
        s.reset();
        s.emplace(shard_);
        s->on_routed_hello(r.hello, r.room);
      } else {
        // The room lives on another worker: the connection goes there with
        // the hello and the bytes after it; from then on the room's traffic
        // never crosses threads.
        s.reset();
        clients_.erase(&c);
        hub_.pool.post_connection(owner, c.hand_off(),
                                  [hub = &hub_, r = std::move(r)](rt::worker& w, rt::io_result<rt::tcp_stream> st,
                                                                  std::vector<std::byte> rest) mutable {
                                    if (st) hub->workers[w.index]->serve_routed(std::move(*st), std::move(rest), std::move(r));
                                  });
        co_return;
      }
    }
  }
  if (stopping()) s->close(wire::error_code::shutting_down, "the relay is shutting down");
  const ws::close_status how = co_await c.run(drive_session(c, *s, hub_.options.idle_timeout));
  if (hub_.log.enabled(log_level::debug)) {
    const auto error = s->out().error();
    hub_.log.debug("connection closed", {{"worker", w_.index},
                                         {"error", error ? wire::name_of(*error) : std::string_view("none")},
                                         {"sent", static_cast<std::uint64_t>(ws::to_number(how.sent))},
                                         {"received", static_cast<std::uint64_t>(ws::to_number(how.received))},
                                         {"problem", std::string_view(how.problem)}});
  }
}

}  // namespace skirmish::relay
