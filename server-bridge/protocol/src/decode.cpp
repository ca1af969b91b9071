// The decoder: bounds-checked reads of every message, then the shared field rules.
#include <type_traits>

#include "byte_reader.hpp"
#include "rules.hpp"
#include "skirmish/wire/codec.hpp"

namespace skirmish::wire {
namespace {

using detail::byte_reader;
using rt::fail;

constexpr const char* truncated = "message ends inside a field";

// Each parse reads the fields after the type byte; it returns nullptr or why
// the bytes cannot be read. The rules that need no parsing are in rules.cpp.
const char* parse(byte_reader& r, hello& m) {
  // note: the version was read and checked by the caller (it has its own error code).
  std::uint8_t flags = 0;
  if (!r.u8(flags) || !r.u32(m.resume_tick)) return truncated;
  if ((flags & ~0x03u) != 0) return "hello: reserved flag bits set";
  m.spectator = (flags & 0x01u) != 0;
  if ((flags & 0x02u) != 0) {
    bytes_view t;
    if (!r.raw(token_bytes, t)) return truncated;
    token tok;
    for (std::size_t i = 0; i < token_bytes; ++i) tok[i] = t[i];
    m.reconnect_token = tok;
  }
  if (!r.string(m.room) || !r.string(m.name)) return truncated;
  return nullptr;
}

const char* parse(byte_reader& r, input& m) {
  if (!r.u32(m.tick) || !r.bytes(m.payload)) return truncated;
  return nullptr;
}

const char* parse(byte_reader& r, hash_report& m) {
  if (!r.u32(m.tick) || !r.u64(m.hash)) return truncated;
  return nullptr;
}

const char* parse(byte_reader& r, ping& m) { return r.u64(m.client_time) ? nullptr : truncated; }
const char* parse(byte_reader&, leave&) { return nullptr; }

const char* parse(byte_reader& r, error& m) {
  std::uint16_t code = 0;
  if (!r.u16(code) || !r.string(m.reason)) return truncated;
  m.code = static_cast<error_code>(code);
  return nullptr;
}

const char* parse(byte_reader& r, welcome& m) {
  bytes_view t;
  if (!r.u16(m.version) || !r.u8(m.slot) || !r.u8(m.max_slots) || !r.u8(m.tick_hz) || !r.u8(m.input_delay) ||
      !r.u16(m.hash_interval) || !r.u16(m.reconnect_window_s) || !r.u64(m.seed) || !r.u32(m.start_tick) ||
      !r.u32(m.current_tick) || !r.raw(token_bytes, t) || !r.string(m.room)) {
    return truncated;
  }
  for (std::size_t i = 0; i < token_bytes; ++i) m.reconnect_token[i] = t[i];
  std::uint8_t count = 0;
  if (!r.u8(count)) return truncated;
  if (count > max_slots) return "welcome: more roster entries than slots";
  for (std::uint8_t i = 0; i < count; ++i) {
    roster_entry e;
    std::uint8_t flags = 0;
    if (!r.u8(e.slot) || !r.u8(flags) || !r.string(e.name)) return truncated;
    if ((flags & ~0x01u) != 0) return "welcome: reserved roster flag bits set";
    e.connected = (flags & 0x01u) != 0;
    m.roster.push_back(e);
  }
  return nullptr;
}

const char* parse(byte_reader& r, bundle& m) {
  if (!r.u32(m.tick) || !r.u8(m.presence)) return truncated;
  for (std::size_t i = 0; i < max_slots; ++i) {
    if (m.present(i) && !r.bytes(m.inputs[i])) return truncated;
  }
  return nullptr;
}

const char* parse(byte_reader& r, history& m) {
  if (!r.u32(m.first_tick) || !r.u16(m.count)) return truncated;
  // note: the entries are the rest of the message; check() walks and validates them.
  (void)r.raw(r.left(), m.entries);
  return nullptr;
}

const char* parse(byte_reader& r, player_joined& m) {
  std::uint8_t flags = 0;
  if (!r.u32(m.tick) || !r.u8(m.slot) || !r.u8(flags) || !r.string(m.name)) return truncated;
  if ((flags & ~0x01u) != 0) return "player_joined: reserved flag bits set";
  m.reconnected = (flags & 0x01u) != 0;
  return nullptr;
}

const char* parse(byte_reader& r, player_left& m) {
  std::uint8_t reason = 0;
  if (!r.u32(m.tick) || !r.u8(m.slot) || !r.u8(reason) || !r.string(m.name)) return truncated;
  m.reason = static_cast<leave_reason>(reason);
  return nullptr;
}

const char* parse(byte_reader& r, desync& m) {
  std::uint8_t count = 0;
  if (!r.u32(m.tick) || !r.u8(m.disagreeing) || !r.u8(count)) return truncated;
  if (count > max_slots) return "desync: more than 8 reports";
  for (std::uint8_t i = 0; i < count; ++i) {
    slot_hash s;
    if (!r.u8(s.slot) || !r.u64(s.hash)) return truncated;
    m.reports.push_back(s);
  }
  return nullptr;
}

const char* parse(byte_reader& r, pong& m) {
  if (!r.u64(m.client_time) || !r.u32(m.relay_tick)) return truncated;
  return nullptr;
}

// Decodes a message whose type byte is known to be T's.
template <class T>
rt::result<T, decode_error> decode_known(bytes_view in) {
  byte_reader r(in);
  std::uint8_t type = 0;
  (void)r.u8(type);
  T m{};
  if constexpr (std::is_same_v<T, hello>) {
    if (!r.u16(m.version)) return fail(decode_error{error_code::bad_message, truncated, r.pos()});
    if (m.version != protocol_version) {
      return fail(decode_error{error_code::unsupported_version, "hello: unsupported protocol version", 1});
    }
  }
  if (const char* why = parse(r, m)) return fail(decode_error{error_code::bad_message, why, r.pos()});
  if (!r.done()) return fail(decode_error{error_code::bad_message, "bytes after the last field", r.pos()});
  if (const char* why = detail::check(m)) return fail(decode_error{error_code::bad_message, why, r.pos()});
  return m;
}

template <class T>
rt::result<message, decode_error> decode_into_message(bytes_view in) {
  auto r = decode_known<T>(in);
  if (!r) return fail(r.error());
  return message{std::in_place_type<T>, std::move(r).value()};
}

decode_error no_type(bytes_view in) {
  if (in.empty()) return {error_code::bad_message, "empty message", 0};
  return {error_code::bad_message, "unknown message type", 0};
}

}  // namespace

std::size_t read_bundle_entry(bytes_view in, tick_t tick, bundle& out) noexcept {
  byte_reader r(in);
  bundle b;
  b.tick = tick;
  if (!r.u8(b.presence)) return 0;
  for (std::size_t i = 0; i < max_slots; ++i) {
    if (b.present(i) && (!r.bytes(b.inputs[i]) || b.inputs[i].size() > max_input_bytes)) return 0;
  }
  out = b;
  return r.pos();
}

std::optional<message_type> peek_type(bytes_view in) noexcept {
  if (in.empty()) return std::nullopt;
  return to_message_type(static_cast<std::uint8_t>(in[0]));
}

std::optional<std::uint16_t> peek_hello_version(bytes_view in) noexcept {
  if (in.size() < 3 || peek_type(in) != message_type::hello) return std::nullopt;
  return static_cast<std::uint16_t>(static_cast<unsigned>(in[1]) | static_cast<unsigned>(in[2]) << 8);
}

rt::result<message, decode_error> decode(bytes_view in) {
  const auto type = peek_type(in);
  if (!type) return fail(no_type(in));
  switch (*type) {
    case message_type::hello: return decode_into_message<hello>(in);
    case message_type::input: return decode_into_message<input>(in);
    case message_type::hash_report: return decode_into_message<hash_report>(in);
    case message_type::ping: return decode_into_message<ping>(in);
    case message_type::leave: return decode_into_message<leave>(in);
    case message_type::error: return decode_into_message<error>(in);
    case message_type::welcome: return decode_into_message<welcome>(in);
    case message_type::bundle: return decode_into_message<bundle>(in);
    case message_type::history: return decode_into_message<history>(in);
    case message_type::player_joined: return decode_into_message<player_joined>(in);
    case message_type::player_left: return decode_into_message<player_left>(in);
    case message_type::desync: return decode_into_message<desync>(in);
    case message_type::pong: return decode_into_message<pong>(in);
  }
  return fail(no_type(in));
}

template <message_kind T>
rt::result<T, decode_error> decode_as(bytes_view in) {
  const auto type = peek_type(in);
  if (!type) return fail(no_type(in));
  if (*type != T::type) return fail(decode_error{error_code::bad_message, "unexpected message type", 0});
  return decode_known<T>(in);
}

template rt::result<hello, decode_error> decode_as<hello>(bytes_view);
template rt::result<input, decode_error> decode_as<input>(bytes_view);
template rt::result<hash_report, decode_error> decode_as<hash_report>(bytes_view);
template rt::result<ping, decode_error> decode_as<ping>(bytes_view);
template rt::result<leave, decode_error> decode_as<leave>(bytes_view);
template rt::result<error, decode_error> decode_as<error>(bytes_view);
template rt::result<welcome, decode_error> decode_as<welcome>(bytes_view);
template rt::result<bundle, decode_error> decode_as<bundle>(bytes_view);
template rt::result<history, decode_error> decode_as<history>(bytes_view);
template rt::result<player_joined, decode_error> decode_as<player_joined>(bytes_view);
template rt::result<player_left, decode_error> decode_as<player_left>(bytes_view);
template rt::result<desync, decode_error> decode_as<desync>(bytes_view);
template rt::result<pong, decode_error> decode_as<pong>(bytes_view);

}  // namespace skirmish::wire
