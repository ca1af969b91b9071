// skirmish-echo-server: a WebSocket echo server on the connection types, one
// executor per thread over SO_REUSEPORT listeners; the peer of the
// conformance suite, the interop tests and the benchmarks.
//
//   skirmish-echo-server [--port N] [--host A] [--threads N] [--max-message BYTES]
//                        [--max-frame BYTES] [--max-outbound BYTES]
//                        [--handshake-timeout-ms MS] [--idle-timeout-ms MS] [--close-timeout-ms MS]
//                        [--verbose 1]
//
// Prints "listening on HOST:PORT" once every thread listens (and, with
// --verbose 1, a line per closed connection: path, close codes, pongs). On SIGTERM or
// SIGINT it stops accepting, closes every connection with 1001 and exits 0.
#include <signal.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <latch>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>

#include "skirmish/rt/epoll_signal_set.hpp"
#include "skirmish/rt/epoll_tcp_listener.hpp"
#include "skirmish/rt/epoll_worker_pool.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/ws/connection.hpp"
#include "skirmish/ws/upgrade_request.hpp"

namespace {

using namespace skirmish;
using namespace std::chrono_literals;

struct config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 9001;
  std::size_t threads = 1;
  bool verbose = false;  // a line per closed connection, for tests
  ws::server_options options;
};

// What one worker thread keeps about its connections, for the drain on SIGTERM.
struct worker_state {
  rt::worker& w;
  const config& cfg;
  std::unordered_set<ws::connection*> open;
  std::size_t sessions = 0;
  rt::event drained;
};

rt::task<void> echo(ws::connection& c) {
  while (auto m = co_await c.receive()) {
    // A failed send means the connection is closing (or dropping a slow
    // consumer); the next receive() tells the loop when it is over.
    (void)c.send(m->op, m->payload);
  }
}

rt::task<void> answer_http(ws::upgrade_request& up) {
  constexpr std::string_view body = "skirmish echo server: connect with a WebSocket\n";
  std::string response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: close\r\n\r\n";
  if (up.request().method != "HEAD") response += body;
  if (co_await up.stream().write(response)) (void)up.stream().shutdown_write();
}

rt::task<void> session(worker_state& ws_state, rt::tcp_stream stream) {
  ++ws_state.sessions;
  struct leave {
    worker_state& s;
    ~leave() {
      if (--s.sessions == 0 && s.w.stopping.is_set()) s.drained.set();
    }
  } on_exit{ws_state};

  auto head = co_await rt::select(ws::read_upgrade(std::move(stream), ws_state.cfg.options), ws_state.w.stopping.wait());
  if (head.index() != 0) co_return;  // shutting down while the handshake was under way
  auto& up = std::get<0>(head);
  if (!up) co_return;
  if (!up->request().websocket) {
    co_await answer_http(*up);
    co_return;
  }
  std::string path(up->request().path);
  ws::connection c(ws::role::server, ws_state.cfg.options);
  if (!co_await c.accept(std::move(*up))) co_return;
  ws_state.open.insert(&c);
  struct forget {
    worker_state& s;
    ws::connection* c;
    ~forget() { s.open.erase(c); }
  } on_close{ws_state, &c};
  if (ws_state.w.stopping.is_set()) (void)c.start_close(ws::close_code::going_away, "server shutting down");
  ws::close_status how = co_await c.run(echo(c));
  if (ws_state.cfg.verbose) {
    std::printf("closed path=%s received=%u sent=%u clean=%d pongs=%llu reason=\"%s\" problem=\"%.*s\"\n", path.c_str(),
                ws::to_number(how.received), ws::to_number(how.sent), how.clean ? 1 : 0,
                static_cast<unsigned long long>(c.pongs_received()), how.reason.c_str(), static_cast<int>(how.problem.size()),
                how.problem.data());
    std::fflush(stdout);
  }
}

rt::task<void> accept_loop(worker_state& s, rt::tcp_listener& l) {
  for (;;) {
    auto conn = co_await l.accept();
    if (!conn) {
      if (conn.error().code == ECANCELED || conn.error().code == EBADF) co_return;
      continue;  // EMFILE and the like: the listener shed that connection
    }
    s.w.executor.spawn(session(s, std::move(*conn))).detach();
  }
}

rt::task<void> worker_main(rt::worker& w, const config& cfg, std::uint16_t port, std::latch& bound) {
  auto l = rt::tcp_listener::bind(w.reactor, cfg.host, port);
  bound.count_down();
  if (!l) {
    std::fprintf(stderr, "worker %zu: cannot listen on %s:%u: %s\n", w.index, cfg.host.c_str(), port, l.error().message());
    co_return;
  }
  worker_state s{w, cfg, {}, 0, {}};
  (void)co_await rt::select(accept_loop(s, *l), w.stopping.wait());
  l->close();
  for (ws::connection* c : s.open) (void)c->start_close(ws::close_code::going_away, "server shutting down");
  if (s.sessions != 0) co_await s.drained.wait();
}

bool parse_number(std::string_view text, std::uint64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

int usage(const char* why) {
  std::fprintf(stderr,
               "skirmish-echo-server: %s\nusage: skirmish-echo-server [--port N] [--host A] [--threads N] "
               "[--max-message BYTES] [--max-frame BYTES] [--max-outbound BYTES] [--handshake-timeout-ms MS] "
               "[--idle-timeout-ms MS] [--close-timeout-ms MS]\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  cfg.options.idle_timeout = 0s;  // an echo server for tests and benchmarks: no idle pings unless asked
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (i + 1 >= argc) return usage("every option takes a value");
    std::string_view value = argv[++i];
    std::uint64_t n = 0;
    if (arg == "--host") {
      cfg.host = value;
      continue;
    }
    if (arg == "--verbose") {
      cfg.verbose = value == "1";
      continue;
    }
    if (!parse_number(value, n)) return usage("option values are numbers (except --host)");
    if (arg == "--port" && n <= 65535) cfg.port = static_cast<std::uint16_t>(n);
    else if (arg == "--threads" && n >= 1 && n <= 256) cfg.threads = n;
    else if (arg == "--max-message") cfg.options.max_message_size = n;
    else if (arg == "--max-frame") cfg.options.max_frame_payload = n;
    else if (arg == "--max-outbound") cfg.options.max_outbound_bytes = n;
    else if (arg == "--handshake-timeout-ms") cfg.options.handshake_timeout = std::chrono::milliseconds(n);
    else if (arg == "--idle-timeout-ms") cfg.options.idle_timeout = std::chrono::milliseconds(n);
    else if (arg == "--close-timeout-ms") cfg.options.close_timeout = std::chrono::milliseconds(n);
    else return usage("unknown option or value out of range");
  }

  // note: blocked before any thread starts, so every thread inherits the
  // mask and the signals reach only the main thread's signalfd.
  if (!rt::signal_set::block({SIGTERM, SIGINT})) return usage("cannot block signals");
  rt::epoll_reactor r;
  rt::local_executor ex(r);
  auto signals = rt::signal_set::open(r, {SIGTERM, SIGINT});
  // note: a listener of our own picks the port (port 0) and holds it while
  // the workers bind theirs to it with SO_REUSEPORT; it never accepts.
  auto probe = rt::tcp_listener::bind(r, cfg.host, cfg.port);
  if (!r.ok() || !signals || !probe) {
    std::fprintf(stderr, "skirmish-echo-server: cannot listen on %s:%u: %s\n", cfg.host.c_str(), cfg.port,
                 probe ? "setup failed" : probe.error().message());
    return 1;
  }
  std::uint16_t port = probe->port();

  std::latch bound(static_cast<std::ptrdiff_t>(cfg.threads));
  rt::worker_pool pool(cfg.threads);
  pool.start([&](rt::worker& w) { return worker_main(w, cfg, port, bound); });
  if (pool.failed_workers() != 0) {
    std::fprintf(stderr, "skirmish-echo-server: %zu worker(s) failed to start\n", pool.failed_workers());
    pool.request_stop();
    pool.join();
    return 1;
  }
  bound.wait();
  probe->close();
  std::printf("listening on %s:%u\n", cfg.host.c_str(), port);
  std::fflush(stdout);

  auto sig = ex.run_until(signals->wait());
  pool.request_stop();
  pool.join();
  if (!sig.ok()) return 1;
  return 0;
}
