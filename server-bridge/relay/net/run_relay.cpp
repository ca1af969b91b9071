// run_relay: signals, the probe listener, the worker pool and the drain.
#include "run_relay.hpp"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <latch>
#include <optional>

#include "relay_hub.hpp"
#include "relay_worker.hpp"
#include "skirmish/rt/epoll_signal_set.hpp"
#include "skirmish/rt/epoll_tcp_listener.hpp"
#include "skirmish/rt/epoll_worker_pool.hpp"

namespace skirmish::relay {

namespace {

using namespace std::chrono_literals;

ws::server_options websocket_options(const relay_options& o) {
  ws::server_options w;
  // note: every client message fits in 128 bytes (PROTOCOL.md), so a
  // bigger frame is refused from its header with 1009, and a 512-byte read
  // buffer is plenty: it is most of what an idle connection costs.
  w.max_message_size = o.max_message_bytes;
  w.read_buffer_size = 512;
  // The session's queue holds the watermark; the writer holds at most the
  // gate of drive_session plus one message (a history block is up to 35 KB).
  w.max_outbound_bytes = 128 * 1024;
  w.idle_timeout = rt::duration::zero();  // the session's timer pings and times out (drive_session)
  w.close_timeout = 1s;                   // so a drain ends well within its grace
  w.handshake_timeout = o.hello_timeout;
  return w;
}

rt::task<void> worker_body(rt::worker& w, relay_hub& hub, std::uint16_t port, std::latch& ready,
                           std::atomic<std::size_t>& listen_failures) {
  relay_worker rw(w, hub);
  hub.workers[w.index] = &rw;
  auto l = rt::tcp_listener::bind(w.reactor, hub.options.host, port);
  if (!l) listen_failures.fetch_add(1);
  // note: every worker waits here until all have published themselves, so
  // none can post to a worker that is not there yet.
  ready.arrive_and_wait();
  if (!l) {
    hub.log.error("cannot listen", {{"worker", w.index}, {"error", l.error().message()}});
    co_await w.stopping.wait();
    co_return;
  }
  co_await rw.run(*l);
}

}  // namespace

int run_relay(const relay_options& o, logger& log) {
  // note: blocked before any thread starts, so the signals reach only this
  // thread's signalfd and interrupt no worker's system call.
  if (!rt::signal_set::block({SIGTERM, SIGINT})) {
    log.error("cannot block SIGTERM and SIGINT");
    return 1;
  }
  ::signal(SIGPIPE, SIG_IGN);
  rt::epoll_reactor r;
  rt::local_executor ex(r);
  auto signals = rt::signal_set::open(r, {SIGTERM, SIGINT});
  // note: a probe listener without SO_REUSEPORT checks the address and
  // picks the port for --port 0; without sharing, so a port another process
  // (a second relay, say) listens on is refused here instead of being
  // silently shared with it. The workers bind it with SO_REUSEPORT once the
  // probe has closed.
  rt::listen_options exclusive;
  exclusive.reuse_port = false;
  auto probe = rt::tcp_listener::bind(r, o.host, o.port, exclusive);
  if (!r.ok() || !signals || !probe) {
    log.error("cannot listen", {{"host", o.host}, {"port", o.port},
                                {"error", probe ? std::string_view("setup failed") : std::string_view(probe.error().message())}});
    return 1;
  }
  const std::uint16_t port = probe->port();
  probe->close();

  rt::worker_pool pool(o.threads);
  relay_hub hub{o, websocket_options(o), std::nullopt, pool, log, std::vector<relay_worker*>(o.threads, nullptr),
                matchmaker(o.room.max_players)};
  if (!o.web_root.empty()) {
    auto files = static_files::open(o.web_root);
    if (!files) {
      log.error("cannot serve the web root", {{"web_root", o.web_root}, {"error", files.error()}});
      return 1;
    }
    hub.files.emplace(std::move(*files));
  }

  // note: main arrives too, so the URL is printed only once every worker listens.
  std::latch ready(static_cast<std::ptrdiff_t>(o.threads) + 1);
  std::atomic<std::size_t> listen_failures{0};
  pool.start([&](rt::worker& w) { return worker_body(w, hub, port, ready, listen_failures); });
  if (pool.failed_workers() != 0) {
    log.error("workers failed to start", {{"failed", pool.failed_workers()}});
    ready.count_down(static_cast<std::ptrdiff_t>(pool.failed_workers()));  // their bodies never arrive
    ready.arrive_and_wait();
    pool.request_stop();
    pool.join();
    return 1;
  }
  ready.arrive_and_wait();
  if (listen_failures.load() != 0) {
    // note: a relay with a worker short would lose that worker's rooms; better to say so and stop.
    pool.request_stop();
    pool.join();
    return 1;
  }

  relay_options shown = o;
  shown.port = port;
  std::printf("skirmish relay: open %s\n", shown.url().c_str());
  std::fflush(stdout);
  log.info("listening", {{"host", o.host}, {"port", port}, {"threads", o.threads}});

  auto sig = ex.run_until(signals->wait());
  const auto started = std::chrono::steady_clock::now();
  const int signo = sig.ok() && *sig ? **sig : 0;
  log.info("draining", {{"signal", signo == SIGTERM ? "SIGTERM" : signo == SIGINT ? "SIGINT" : "none"}});
  pool.request_stop();
  pool.join();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  log.info("stopped", {{"drain_ms", static_cast<std::int64_t>(ms)}});
  return sig.ok() ? 0 : 1;
}

}  // namespace skirmish::relay
