// error_code: why the relay closes a connection, and the WebSocket close code that goes with it.
#pragma once

#include <cstdint>
#include <string_view>

namespace skirmish::wire {

// note: a u16 on the wire, and deliberately open: a newer relay may send a
// code this build does not name, and the client must still show the error.
enum class error_code : std::uint16_t {
  bad_message = 1,
  unsupported_version = 2,
  room_full = 3,
  too_many_rooms = 4,
  server_full = 5,
  rate_limited = 6,
  bad_tick = 7,
  unknown_token = 8,
  not_allowed = 9,
  history_unavailable = 10,
  timeout = 11,
  slow_consumer = 12,
  room_closed = 13,
  replaced = 14,
  shutting_down = 15,
  internal = 16,
};

// The name PROTOCOL.md uses ("room_full"); "unknown" for codes this build does not know.
[[nodiscard]] constexpr std::string_view name_of(error_code c) noexcept {
  switch (c) {
    case error_code::bad_message: return "bad_message";
    case error_code::unsupported_version: return "unsupported_version";
    case error_code::room_full: return "room_full";
    case error_code::too_many_rooms: return "too_many_rooms";
    case error_code::server_full: return "server_full";
    case error_code::rate_limited: return "rate_limited";
    case error_code::bad_tick: return "bad_tick";
    case error_code::unknown_token: return "unknown_token";
    case error_code::not_allowed: return "not_allowed";
    case error_code::history_unavailable: return "history_unavailable";
    case error_code::timeout: return "timeout";
    case error_code::slow_consumer: return "slow_consumer";
    case error_code::room_closed: return "room_closed";
    case error_code::replaced: return "replaced";
    case error_code::shutting_down: return "shutting_down";
    case error_code::internal: return "internal";
  }
  return "unknown";
}

// The WebSocket close code the relay closes with after sending this error.
[[nodiscard]] constexpr std::uint16_t close_code_for(error_code c) noexcept {
  switch (c) {
    case error_code::shutting_down: return 1001;  // going away
    case error_code::internal: return 1011;       // internal error
    default: break;
  }
  const auto n = static_cast<std::uint16_t>(c);
  // note: codes this build does not know still map into the private range.
  return n < 1000 ? static_cast<std::uint16_t>(4000 + n) : 4000;
}

}  // namespace skirmish::wire
