// The wire protocol's version, limits and basic field types (PROTOCOL.md sections 1 and 2).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace skirmish::wire {

// A tick number of a room's clock.
using tick_t = std::uint32_t;

// Raw bytes: an input payload, or a whole encoded message.
using bytes_view = std::span<const std::byte>;

inline constexpr std::size_t token_bytes = 16;
// A reconnect token, opaque to clients; all zeros for a spectator.
using token = std::array<std::byte, token_bytes>;

inline constexpr std::uint16_t protocol_version = 1;

inline constexpr std::size_t max_slots = 8;
inline constexpr std::uint8_t spectator_slot = 0xff;
inline constexpr std::size_t max_name_bytes = 32;
inline constexpr std::size_t max_room_bytes = 32;
inline constexpr std::string_view auto_room = "auto";
inline constexpr std::size_t max_input_bytes = 16;
inline constexpr std::size_t max_history_ticks = 256;
inline constexpr std::size_t max_reason_bytes = 255;
inline constexpr std::uint8_t max_input_delay = 64;

// note: the largest client message is a reconnecting hello with both strings
// at their limit; a relay can refuse anything bigger at the WebSocket layer.
inline constexpr std::size_t max_hello_bytes = 1 + 2 + 1 + 4 + token_bytes + 1 + max_room_bytes + 1 + max_name_bytes;
inline constexpr std::size_t max_client_message_bytes = 128;
static_assert(max_hello_bytes <= max_client_message_bytes);

inline constexpr std::size_t max_bundle_entry_bytes = 1 + max_slots * (1 + max_input_bytes);
inline constexpr std::size_t max_history_message_bytes = 7 + max_history_ticks * max_bundle_entry_bytes;
static_assert(max_history_message_bytes == 35079);

// Byte-wise equality of two views (std::span has no operator==).
[[nodiscard]] constexpr bool same_bytes(bytes_view a, bytes_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// The bytes of a string, for a payload written as text (tests, examples).
[[nodiscard]] inline bytes_view as_bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

}  // namespace skirmish::wire
