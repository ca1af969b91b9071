// The text rules of the protocol: well-formed UTF-8, player names and room ids.
#pragma once

#include <string_view>

namespace skirmish::wire {

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
[[nodiscard]] bool valid_utf8(std::string_view s) noexcept;

// A player name: 1 to max_name_bytes bytes of UTF-8 without control characters.
[[nodiscard]] bool valid_name(std::string_view s) noexcept;

// A room id: 1 to max_room_bytes bytes of A-Z, a-z, 0-9, '_' and '-'.
// `auto` is a valid room id in a hello (it asks for matchmaking) but not in a welcome.
[[nodiscard]] bool valid_room_id(std::string_view s) noexcept;

}  // namespace skirmish::wire
