// The field rules of PROTOCOL.md, one function per message.
#include "rules.hpp"

#include <limits>

#include "skirmish/wire/text.hpp"

namespace skirmish::wire::detail {
namespace {

const char* name_problem(std::string_view s) noexcept {
  if (s.empty()) return "name: empty";
  if (s.size() > max_name_bytes) return "name: longer than 32 bytes";
  if (!valid_utf8(s)) return "name: not valid UTF-8";
  if (!valid_name(s)) return "name: has a control character";
  return nullptr;
}

const char* room_problem(std::string_view s) noexcept {
  if (s.empty()) return "room: empty";
  if (s.size() > max_room_bytes) return "room: longer than 32 bytes";
  if (!valid_room_id(s)) return "room: only A-Z a-z 0-9 _ - are allowed";
  return nullptr;
}

const char* payload_problem(bytes_view p) noexcept {
  return p.size() > max_input_bytes ? "input: payload longer than 16 bytes" : nullptr;
}

}  // namespace

const char* check(const hello& m) noexcept {
  if (m.spectator && m.reconnect_token) return "hello: a spectator does not reconnect with a token";
  if (const char* why = room_problem(m.room)) return why;
  if (m.reconnect_token && m.room == auto_room) return "hello: a reconnect names its real room, not auto";
  return name_problem(m.name);
}

const char* check(const input& m) noexcept { return payload_problem(m.payload); }
const char* check(const hash_report&) noexcept { return nullptr; }
const char* check(const ping&) noexcept { return nullptr; }
const char* check(const leave&) noexcept { return nullptr; }

const char* check(const error& m) noexcept {
  if (static_cast<std::uint16_t>(m.code) == 0) return "error: code 0";
  if (m.reason.size() > max_reason_bytes) return "error: reason longer than 255 bytes";
  if (!valid_utf8(m.reason)) return "error: reason not valid UTF-8";
  return nullptr;
}

const char* check(const welcome& m) noexcept {
  if (m.version != protocol_version) return "welcome: unsupported version";
  if (m.max_slots == 0 || m.max_slots > wire::max_slots) return "welcome: max_slots must be 1-8";
  if (m.slot >= m.max_slots && m.slot != spectator_slot) return "welcome: slot out of range";
  if (m.tick_hz == 0) return "welcome: tick_hz is 0";
  if (m.input_delay > max_input_delay) return "welcome: input_delay above 64";
  if (m.hash_interval == 0) return "welcome: hash_interval is 0";
  if (m.current_tick < m.start_tick) return "welcome: current_tick before start_tick";
  if (m.is_spectator() && m.reconnect_token != token{}) return "welcome: a spectator's token must be zeros";
  if (const char* why = room_problem(m.room)) return why;
  if (m.room == auto_room) return "welcome: room must be a real room, not auto";
  if (m.roster.size() > m.max_slots) return "welcome: more roster entries than slots";
  int previous = -1;
  for (const roster_entry& e : m.roster) {
    if (e.slot >= m.max_slots) return "welcome: roster slot out of range";
    if (e.slot <= previous) return "welcome: roster slots not increasing";
    previous = e.slot;
    if (const char* why = name_problem(e.name)) return why;
  }
  return nullptr;
}

const char* check(const bundle& m) noexcept {
  for (std::size_t i = 0; i < max_slots; ++i) {
    if (m.present(i)) {
      if (const char* why = payload_problem(m.inputs[i])) return why;
    }
  }
  return nullptr;
}

const char* check(const history& m) noexcept {
  if (m.count == 0) return "history: no entries";
  if (m.count > max_history_ticks) return "history: more than 256 entries";
  if (m.first_tick > std::numeric_limits<tick_t>::max() - (m.count - 1u)) return "history: ticks overflow";
  bytes_view rest = m.entries;
  bundle b;
  for (std::uint16_t i = 0; i < m.count; ++i) {
    const std::size_t used = read_bundle_entry(rest, m.first_tick + i, b);
    if (used == 0) return "history: malformed entry";
    rest = rest.subspan(used);
  }
  if (!rest.empty()) return "history: bytes after the last entry";
  return nullptr;
}

const char* check(const player_joined& m) noexcept {
  if (m.slot >= max_slots) return "player_joined: slot out of range";
  return name_problem(m.name);
}

const char* check(const player_left& m) noexcept {
  if (m.slot >= max_slots) return "player_left: slot out of range";
  if (static_cast<std::uint8_t>(m.reason) >= leave_reason_count) return "player_left: unknown reason";
  return name_problem(m.name);
}

const char* check(const desync& m) noexcept {
  if (m.reports.size() < 2) return "desync: fewer than 2 reports";
  unsigned reported = 0;
  int previous = -1;
  for (const slot_hash& r : m.reports) {
    if (r.slot >= max_slots) return "desync: slot out of range";
    if (r.slot <= previous) return "desync: slots not increasing";
    previous = r.slot;
    reported |= 1u << r.slot;
  }
  if (m.disagreeing == 0) return "desync: no disagreeing slot";
  if ((m.disagreeing & ~reported) != 0) return "desync: a disagreeing slot did not report";
  return nullptr;
}

const char* check(const pong&) noexcept { return nullptr; }

}  // namespace skirmish::wire::detail
