// Micro-benchmarks of the WebSocket engine without sockets: how fast the read
// half parses, unmasks and validates, and how fast the write half encodes.
// Prints a table; `--json <file>` also writes the figures for scripts.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/ws/frame_writer.hpp"
#include "skirmish/ws/message_reader.hpp"
#include "skirmish/ws/premasked_frame.hpp"
#include "skirmish/ws/request_parser.hpp"
#include "skirmish/ws/utf8_validator.hpp"

using namespace skirmish::ws;
using clock_type = std::chrono::steady_clock;

namespace {

struct row {
  std::string name;
  double items_per_s;  // messages, requests or bytes per second, as `unit` says
  double bytes_per_s;
  const char* unit;
};

// Runs `body` (which returns the items and bytes it processed) until about
// `seconds` have passed, and reports the rates.
template <class F>
row measure(std::string name, const char* unit, double seconds, F body) {
  std::uint64_t items = 0, bytes = 0;
  auto start = clock_type::now();
  double elapsed = 0;
  do {
    auto [i, b] = body();
    items += i;
    bytes += b;
    elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  } while (elapsed < seconds);
  return {std::move(name), items / elapsed, bytes / elapsed, unit};
}

std::vector<std::byte> pattern(std::size_t n, char base) {
  std::vector<std::byte> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::byte>(base + i % 26);
  return v;
}

// A buffer of back-to-back masked client frames of `size` bytes each.
std::vector<std::byte> client_frames(opcode op, std::size_t size, std::size_t total) {
  auto payload = pattern(size, 'a');
  premasked_frame f(op, payload, {std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}}, total / (size + 14) + 1);
  return {f.bytes().begin(), f.bytes().end()};
}

// Parses every frame in `wire` as a server; unmasking in place twice restores
// the bytes, so the buffer is reused without a copy.
std::pair<std::uint64_t, std::uint64_t> read_all(std::vector<std::byte>& wire, reader_limits limits = {}) {
  connection_state state(role::server);
  message_reader reader(state, limits);
  std::span<std::byte> in(wire);
  std::uint64_t messages = 0;
  while (!in.empty()) {
    read_event ev = reader.read(in);
    in = in.subspan(ev.consumed);
    if (ev.kind == event_kind::message) ++messages;
    if (ev.kind == event_kind::error) {
      std::fprintf(stderr, "benchmark input rejected: %.*s\n", static_cast<int>(ev.reason.size()), ev.reason.data());
      std::exit(1);
    }
  }
  return {messages, wire.size()};
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = 0.5;
  std::vector<row> rows;

  for (std::size_t size : {16u, 128u, 1024u}) {
    auto wire = client_frames(opcode::binary, size, 1 << 20);
    rows.push_back(measure("read: binary " + std::to_string(size) + " B frames, one 1 MiB buffer", "msg/s", seconds,
                           [&] { return read_all(wire); }));
  }
  {
    auto wire = client_frames(opcode::binary, 1 << 20, 1);
    rows.push_back(measure("read: one 1 MiB binary frame (unmask in place)", "msg/s", seconds, [&] { return read_all(wire); }));
  }
  {
    // Fed in 4 KiB reads: the payload is copied into the message buffer.
    auto wire = client_frames(opcode::binary, 1 << 20, 1);
    rows.push_back(measure("read: 1 MiB binary frame in 4 KiB pieces (copy + unmask)", "msg/s", seconds, [&] {
      connection_state state(role::server);
      message_reader reader(state);
      std::uint64_t messages = 0;
      for (std::size_t at = 0; at < wire.size(); at += 4096) {
        std::span<std::byte> in(wire.data() + at, std::min<std::size_t>(4096, wire.size() - at));
        while (!in.empty()) {
          read_event ev = reader.read(in);
          in = in.subspan(ev.consumed);
          if (ev.kind == event_kind::message) ++messages;
        }
      }
      return std::pair<std::uint64_t, std::uint64_t>{messages, wire.size()};
    }));
  }
  {
    std::string ascii(1 << 20, 'x');
    std::string mixed;
    while (mixed.size() < (1 << 20)) mixed += "Grüße, κόσμε, 你好, 😀 and plain words. ";
    for (auto [name, text] : {std::pair<const char*, std::string*>{"utf8: 1 MiB ASCII", &ascii}, {"utf8: 1 MiB mixed scripts", &mixed}}) {
      rows.push_back(measure(name, "B/s", seconds, [&, text = text] {
        bool ok = is_valid_utf8(std::as_bytes(std::span(*text)));
        if (!ok) std::exit(1);
        return std::pair<std::uint64_t, std::uint64_t>{text->size(), text->size()};
      }));
    }
  }
  {
    auto payload = pattern(128, 'a');
    for (role r : {role::server, role::client}) {
      frame_writer w(r, 1);
      byte_buffer out;
      rows.push_back(measure(std::string("write: 128 B messages as ") + (r == role::server ? "server" : "client (masked)"),
                             "msg/s", seconds, [&] {
                               out.clear();
                               for (int i = 0; i < 1000; ++i)
                                 if (!w.append_message(out, opcode::binary, payload)) std::exit(1);
                               return std::pair<std::uint64_t, std::uint64_t>{1000, out.size()};
                             }));
    }
  }
  {
    const std::string request =
        "GET /play?room=red HTTP/1.1\r\nHost: localhost:9001\r\nConnection: Upgrade\r\nPragma: no-cache\r\n"
        "Cache-Control: no-cache\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0\r\n"
        "Upgrade: websocket\r\nOrigin: http://localhost:9001\r\nSec-WebSocket-Version: 13\r\n"
        "Accept-Encoding: gzip, deflate, br\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
    rows.push_back(measure("handshake: parse a browser's upgrade request", "req/s", seconds, [&] {
      for (int i = 0; i < 100; ++i) {
        request_parser p;
        if (!p.feed(std::as_bytes(std::span(request))).ok() || !p.request().websocket) std::exit(1);
      }
      return std::pair<std::uint64_t, std::uint64_t>{100, 100 * request.size()};
    }));
  }

  std::printf("%-62s %16s %12s\n", "benchmark", "rate", "GB/s");
  for (const auto& r : rows) std::printf("%-62s %12.3g %-5s %10.2f\n", r.name.c_str(), r.items_per_s, r.unit, r.bytes_per_s / 1e9);

  if (argc == 3 && std::string_view(argv[1]) == "--json") {
    FILE* f = std::fopen(argv[2], "w");
    if (f == nullptr) return 1;
    std::fprintf(f, "{\n  \"benchmark\": \"ws_engine\",\n  \"results\": [\n");
    for (std::size_t i = 0; i < rows.size(); ++i)
      std::fprintf(f, "    {\"name\": \"%s\", \"rate\": %.6g, \"unit\": \"%s\", \"bytes_per_s\": %.6g}%s\n", rows[i].name.c_str(),
                   rows[i].items_per_s, rows[i].unit, rows[i].bytes_per_s, i + 1 < rows.size() ? "," : "");
    std::fprintf(f, "  ]\n}\n");
    std::fclose(f);
  }
  return 0;
}
