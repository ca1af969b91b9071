// close_code: the status codes of a close frame (RFC 6455 section 7.4) and
// which of them may appear on the wire.
#pragma once

#include <cstdint>

namespace skirmish::ws {

// Any 16-bit value can be held; the named ones are those the engine uses.
enum class close_code : std::uint16_t {
  normal = 1000,
  going_away = 1001,
  protocol_error = 1002,
  unsupported_data = 1003,
  no_status = 1005,  // never on the wire: the peer's close frame had no code
  abnormal = 1006,   // never on the wire: the transport closed without a close frame
  invalid_payload = 1007,
  policy_violation = 1008,
  message_too_big = 1009,
  mandatory_extension = 1010,
  internal_error = 1011,
};

// Whether `code` may be sent in a close frame: the defined codes 1000-1003 and
// 1007-1014 (1012-1014 are IANA-registered since the RFC), and 3000-4999 for
// libraries and applications. 0-999, 1004-1006, 1015 and 1016-2999 are not.
constexpr bool valid_on_wire(std::uint16_t code) noexcept {
  if (code >= 3000 && code <= 4999) return true;
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
}
constexpr bool valid_on_wire(close_code code) noexcept { return valid_on_wire(static_cast<std::uint16_t>(code)); }

constexpr std::uint16_t to_number(close_code code) noexcept { return static_cast<std::uint16_t>(code); }

}  // namespace skirmish::ws
