// Fuzzes the read half: frame parsing, message assembly, UTF-8 checks and the
// close rules. The first two input bytes pick the role, the chunk size, the
// message limit and a fragment size; the rest is the wire. Besides "no crash,
// no sanitizer report", it asserts: consumed never exceeds the input and
// covers it unless an error stops it; one piece and chunks give the same
// events; reported text is valid UTF-8 and messages respect the limit; an
// error is recorded in the connection_state; re-encoding the events with
// frame_writer (the peer's role, fragmented) and reading them back gives the
// same events; the incremental UTF-8 validator agrees with a plain decoder.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "skirmish/ws/frame_writer.hpp"
#include "skirmish/ws/message_reader.hpp"

using namespace skirmish::ws;
using skirmish::fuzz::require;

namespace {

struct event_copy {
  event_kind kind;
  opcode op;
  std::vector<std::byte> payload;
  close_code code;

  bool operator==(const event_copy&) const = default;
};

std::vector<event_copy> read_events(role r, reader_limits limits, std::vector<std::byte> wire, std::size_t chunk) {
  connection_state state(r);
  message_reader reader(state, limits);
  std::vector<event_copy> out;
  std::size_t total = 0;
  for (std::size_t at = 0; at < wire.size(); at += chunk) {
    std::span<std::byte> in(wire.data() + at, std::min(chunk, wire.size() - at));
    while (true) {
      read_event ev = reader.read(in);
      require(ev.consumed <= in.size(), "read consumed no more than it was given");
      total += ev.consumed;
      in = in.subspan(ev.consumed);
      if (ev.kind == event_kind::need_more) {
        require(in.empty(), "need_more means everything was consumed");
        break;
      }
      out.push_back({ev.kind, ev.op, {ev.payload.begin(), ev.payload.end()}, ev.code});
      switch (ev.kind) {
        case event_kind::message:
          require(ev.op == opcode::text || ev.op == opcode::binary, "messages are text or binary");
          require(ev.payload.size() <= limits.max_message_size, "messages respect the size limit");
          require(ev.op != opcode::text || is_valid_utf8(ev.payload), "text messages are valid UTF-8");
          break;
        case event_kind::ping:
        case event_kind::pong:
          require(ev.payload.size() <= max_control_payload, "control payloads are at most 125 bytes");
          break;
        case event_kind::close:
          require(ev.code == close_code::no_status || valid_on_wire(ev.code), "close codes are valid");
          require(is_valid_utf8(ev.payload), "close reasons are valid UTF-8");
          require(state.phase() == phase::close_received, "a close moves the state to close_received");
          break;
        case event_kind::error:
          require(state.failed(), "an error is recorded in the state");
          require(state.owed_close() == ev.code, "the state owes a close with the error's code");
          require(reader.read(in).kind == event_kind::error, "errors are final");
          return out;
        case event_kind::need_more: break;
      }
    }
  }
  require(total == wire.size(), "without an error every byte is consumed");
  return out;
}

// Encodes the events up to the first error as the peer would send them.
std::vector<std::byte> re_encode(role reader_role, const std::vector<event_copy>& events, std::size_t fragment) {
  frame_writer w(reader_role == role::server ? role::client : role::server, 17);
  byte_buffer out;
  for (const auto& ev : events) {
    bool ok = true;
    switch (ev.kind) {
      case event_kind::message: ok = w.append_message(out, ev.op, ev.payload, fragment); break;
      case event_kind::ping: ok = w.append_control(out, opcode::ping, ev.payload); break;
      case event_kind::pong: ok = w.append_control(out, opcode::pong, ev.payload); break;
      case event_kind::close:
        ok = w.append_close(out, ev.code,
                            std::string_view(reinterpret_cast<const char*>(ev.payload.data()), ev.payload.size()));
        break;
      default: break;
    }
    require(ok, "encoding succeeds");
  }
  return {out.data(), out.data() + out.size()};
}

// A plain UTF-8 check (RFC 3629 table 3-7 style), to compare the DFA with.
bool plain_utf8(std::span<const std::byte> s) {
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned>(s[k]); };
  while (i < s.size()) {
    unsigned b = at(i);
    std::size_t n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    unsigned lo = 0x80, hi = 0xBF;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
    for (std::size_t k = 1; k < n; ++k) {
      unsigned c = at(i + k);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t chunks[] = {1, 2, 3, 5, 8, 13, 64, 0};
  const std::uint64_t limits[] = {1u << 20, 64, 1000, 65536};
  role r = (raw[0] & 1) != 0 ? role::client : role::server;
  std::size_t chunk = chunks[(raw[0] >> 1) & 7];
  reader_limits limit{limits[(raw[0] >> 4) & 3]};
  std::size_t fragment = raw[1];
  std::vector<std::byte> wire(reinterpret_cast<const std::byte*>(raw + 2), reinterpret_cast<const std::byte*>(raw + size));

  auto whole = read_events(r, limit, wire, std::max<std::size_t>(wire.size(), 1));
  if (chunk != 0) require(read_events(r, limit, wire, chunk) == whole, "chunked reading agrees with one piece");

  std::vector<event_copy> clean(whole.begin(), whole.end());
  if (!clean.empty() && clean.back().kind == event_kind::error) clean.pop_back();
  auto again = read_events(r, limit, re_encode(r, clean, fragment), 1 + fragment % 29);
  require(again == clean, "re-encoded events read back the same");

  // The incremental validator against the plain check, fed in two pieces.
  std::span<const std::byte> text(wire);
  utf8_validator v;
  std::size_t cut = fragment % (text.size() + 1);
  bool alive = v.feed(text.first(cut));
  alive = v.feed(text.subspan(cut)) && alive;
  require((alive && v.complete()) == plain_utf8(text), "utf8_validator agrees with a plain decoder");
  require(is_valid_utf8(text) == plain_utf8(text), "is_valid_utf8 agrees with a plain decoder");
  return 0;
}
