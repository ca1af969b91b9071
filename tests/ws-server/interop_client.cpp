// ws_interop_client: our client connection against another implementation's
// server (tests/ws-server/interop.test.mjs runs it against a Node `ws`
// server). Prints one JSON line per check and exits 0 if all passed.
//
//   ws_interop_client PORT
//
// The peer echoes every message, and on the text commands "fragments",
// "ping me" and "close me" sends a message in three fragments, pings us, or
// closes with 4001 "bye".
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/ws/connection.hpp"

namespace {

using namespace skirmish;

int failures = 0;

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
    out += ch;
  }
  return out + '"';
}

void report(std::string_view check, bool ok, std::string_view detail = {}) {
  if (!ok) ++failures;
  std::printf("{\"check\":%s,\"ok\":%s,\"detail\":%s}\n", json_string(check).c_str(), ok ? "true" : "false",
              json_string(detail).c_str());
  std::fflush(stdout);
}

std::vector<std::byte> pattern(std::size_t n, unsigned seed, bool text) {
  std::vector<std::byte> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = static_cast<std::byte>(text ? 'a' + (i * 7 + seed) % 26 : (i * 31 + seed + i / 251) % 251);
  return v;
}

bool same(std::span<const std::byte> a, std::span<const std::byte> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// Sends each size as text and binary and checks each echo.
rt::task<void> round_trips(ws::connection& c, std::string_view name) {
  unsigned seed = 1;
  for (ws::opcode op : {ws::opcode::text, ws::opcode::binary}) {
    for (std::size_t n : {std::size_t{0}, std::size_t{125}, std::size_t{126}, std::size_t{64 * 1024}, std::size_t{1024 * 1024}}) {
      auto payload = pattern(n, seed++, op == ws::opcode::text);
      std::string check = std::string(name) + (op == ws::opcode::text ? " text " : " binary ") + std::to_string(n) + " B";
      if (!c.send(op, payload)) {
        report(check, false, "send failed");
        co_return;
      }
      auto m = co_await c.receive();
      report(check, m && m->op == op && same(m->payload, payload), m ? "" : "connection ended");
      if (!m) co_return;
    }
  }
}

rt::task<void> plain_session(ws::connection& c) {
  co_await round_trips(c, "our client, one frame per message:");

  // Our ping: the peer answers before it echoes the message sent after it.
  std::uint64_t pongs = c.pongs_received();
  (void)c.ping(std::as_bytes(std::span(std::string_view("are you there"))));
  (void)c.send_text("after the ping");
  auto m = co_await c.receive();
  report("our ping answered by a pong", m && m->text() == "after the ping" && c.pongs_received() == pongs + 1);

  (void)c.send_text("fragments");
  m = co_await c.receive();
  report("a message the peer sent in three fragments", m && m->is_text() && m->text() == "frag-1|frag-2|frag-3",
         m ? m->text() : "");

  // The peer pings, then sends "pinged"; it checks our pong on its side.
  (void)c.send_text("ping me");
  m = co_await c.receive();
  report("the peer's ping, then its message", m && m->text() == "pinged");

  ws::close_status how = co_await c.close(ws::close_code::normal, "done");
  report("our close 1000 echoed by the peer", how.received == ws::close_code::normal && how.sent == ws::close_code::normal,
         std::to_string(ws::to_number(how.received)));
}

rt::task<void> fragmenting_session(ws::connection& c) {
  // max_frame_payload = 16 KiB: the 64 KiB and 1 MiB messages leave as fragments.
  co_await round_trips(c, "our client, auto-fragmenting at 16 KiB:");
  (void)c.send_text("close me");
  // note: not `while (co_await ...) {}`: g++ 12 miscompiles a co_await as
  // the whole condition of a loop with an empty body.
  for (;;) {
    auto m = co_await c.receive();
    if (!m) break;
  }
}

rt::task<int> run(rt::epoll_reactor& r, std::uint16_t port) {
  ws::client_options copts{.host = "127.0.0.1:" + std::to_string(port), .target = "/plain"};
  {
    ws::connection c(ws::role::client);
    auto opened = co_await c.connect(r, "127.0.0.1", port, copts);
    report("connect and handshake", opened.ok());
    if (!opened) co_return 1;
    ws::close_status how = co_await c.run(plain_session(c));
    report("first connection closed cleanly", how.clean && how.we_initiated, how.problem);
  }
  {
    ws::connection_options o;
    o.max_frame_payload = 16 * 1024;
    ws::connection c(ws::role::client, o);
    copts.target = "/fragmenting";
    auto opened = co_await c.connect(r, "127.0.0.1", port, copts);
    report("second connect and handshake", opened.ok());
    if (!opened) co_return 1;
    ws::close_status how = co_await c.run(fragmenting_session(c));
    report("the peer's close 4001 \"bye\" received and echoed",
           how.received == static_cast<ws::close_code>(4001) && how.reason == "bye" && how.clean && !how.we_initiated,
           std::to_string(ws::to_number(how.received)) + " " + how.reason);
  }
  co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ws_interop_client PORT\n");
    return 2;
  }
  auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  rt::epoll_reactor r;
  rt::local_executor ex(r);
  auto rc = ex.run_until(run(r, port));
  if (!rc.ok() || *rc != 0) return 1;
  return failures == 0 ? 0 : 1;
}
