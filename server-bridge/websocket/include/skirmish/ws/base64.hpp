// base64: the standard alphabet with padding (RFC 4648 section 4), as the
// handshake's Sec-WebSocket-Key and Sec-WebSocket-Accept use it.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skirmish::ws {

std::string base64_encode(std::span<const std::byte> bytes);

// The decoded bytes, or nothing if `text` is not canonical padded base64
// (wrong length, a character outside the alphabet, misplaced or non-zero padding bits).
std::optional<std::vector<std::byte>> base64_decode(std::string_view text);

}  // namespace skirmish::ws
