// The encoder: check the rules, size the message, then write it in one pass.
#include <variant>

#include "byte_writer.hpp"
#include "rules.hpp"
#include "skirmish/wire/codec.hpp"

namespace skirmish::wire {
namespace {

using detail::byte_writer;

// A string or payload on the wire: its u8 length and its bytes.
std::size_t field(std::size_t n) { return 1 + n; }

std::size_t size_of(const hello& m) {
  return 1 + 2 + 1 + 4 + (m.reconnect_token ? token_bytes : 0) + field(m.room.size()) + field(m.name.size());
}
void write(byte_writer& w, const hello& m) {
  w.u16(m.version);
  w.u8(static_cast<std::uint8_t>((m.spectator ? 0x01 : 0) | (m.reconnect_token ? 0x02 : 0)));
  w.u32(m.resume_tick);
  if (m.reconnect_token) w.raw(*m.reconnect_token);
  w.string(m.room);
  w.string(m.name);
}

std::size_t size_of(const input& m) { return 1 + 4 + field(m.payload.size()); }
void write(byte_writer& w, const input& m) {
  w.u32(m.tick);
  w.bytes(m.payload);
}

std::size_t size_of(const hash_report&) { return 1 + 4 + 8; }
void write(byte_writer& w, const hash_report& m) {
  w.u32(m.tick);
  w.u64(m.hash);
}

std::size_t size_of(const ping&) { return 1 + 8; }
void write(byte_writer& w, const ping& m) { w.u64(m.client_time); }

std::size_t size_of(const leave&) { return 1; }
void write(byte_writer&, const leave&) {}

std::size_t size_of(const error& m) { return 1 + 2 + field(m.reason.size()); }
void write(byte_writer& w, const error& m) {
  w.u16(static_cast<std::uint16_t>(m.code));
  w.string(m.reason);
}

std::size_t size_of(const welcome& m) {
  std::size_t n = 1 + 2 + 1 + 1 + 1 + 1 + 2 + 2 + 8 + 4 + 4 + token_bytes + field(m.room.size()) + 1;
  for (const roster_entry& e : m.roster) n += 2 + field(e.name.size());
  return n;
}
void write(byte_writer& w, const welcome& m) {
  w.u16(m.version);
  w.u8(m.slot);
  w.u8(m.max_slots);
  w.u8(m.tick_hz);
  w.u8(m.input_delay);
  w.u16(m.hash_interval);
  w.u16(m.reconnect_window_s);
  w.u64(m.seed);
  w.u32(m.start_tick);
  w.u32(m.current_tick);
  w.raw(m.reconnect_token);
  w.string(m.room);
  w.u8(static_cast<std::uint8_t>(m.roster.size()));
  for (const roster_entry& e : m.roster) {
    w.u8(e.slot);
    w.u8(e.connected ? 0x01 : 0);
    w.string(e.name);
  }
}

std::size_t size_of(const bundle& m) {
  std::size_t n = 1 + 4 + 1;
  for (std::size_t i = 0; i < max_slots; ++i) {
    if (m.present(i)) n += field(m.inputs[i].size());
  }
  return n;
}
void write(byte_writer& w, const bundle& m) {
  w.u32(m.tick);
  w.u8(m.presence);
  for (std::size_t i = 0; i < max_slots; ++i) {
    if (m.present(i)) w.bytes(m.inputs[i]);
  }
}

std::size_t size_of(const history& m) { return 1 + 4 + 2 + m.entries.size(); }
void write(byte_writer& w, const history& m) {
  w.u32(m.first_tick);
  w.u16(m.count);
  w.raw(m.entries);
}

std::size_t size_of(const player_joined& m) { return 1 + 4 + 1 + 1 + field(m.name.size()); }
void write(byte_writer& w, const player_joined& m) {
  w.u32(m.tick);
  w.u8(m.slot);
  w.u8(m.reconnected ? 0x01 : 0);
  w.string(m.name);
}

std::size_t size_of(const player_left& m) { return 1 + 4 + 1 + 1 + field(m.name.size()); }
void write(byte_writer& w, const player_left& m) {
  w.u32(m.tick);
  w.u8(m.slot);
  w.u8(static_cast<std::uint8_t>(m.reason));
  w.string(m.name);
}

std::size_t size_of(const desync& m) { return 1 + 4 + 1 + 1 + m.reports.size() * 9; }
void write(byte_writer& w, const desync& m) {
  w.u32(m.tick);
  w.u8(m.disagreeing);
  w.u8(static_cast<std::uint8_t>(m.reports.size()));
  for (const slot_hash& r : m.reports) {
    w.u8(r.slot);
    w.u64(r.hash);
  }
}

std::size_t size_of(const pong&) { return 1 + 8 + 4; }
void write(byte_writer& w, const pong& m) {
  w.u64(m.client_time);
  w.u32(m.relay_tick);
}

template <class T>
rt::result<void, encode_error> encode_checked(const T& m, std::vector<std::byte>& out) {
  if (const char* why = detail::check(m)) return rt::fail(encode_error{why});
  byte_writer w(out, size_of(m));
  w.u8(static_cast<std::uint8_t>(T::type));
  write(w, m);
  return {};
}

}  // namespace

rt::result<void, encode_error> encode(const hello& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const input& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const hash_report& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const ping& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const leave& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const error& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const welcome& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const bundle& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const history& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const player_joined& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const player_left& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const desync& m, std::vector<std::byte>& out) { return encode_checked(m, out); }
rt::result<void, encode_error> encode(const pong& m, std::vector<std::byte>& out) { return encode_checked(m, out); }

rt::result<void, encode_error> encode(const message& m, std::vector<std::byte>& out) {
  return std::visit([&](const auto& v) { return encode_checked(v, out); }, m);
}

}  // namespace skirmish::wire
