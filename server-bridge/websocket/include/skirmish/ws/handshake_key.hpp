// handshake_key: Sec-WebSocket-Key checks and the Sec-WebSocket-Accept value
// (RFC 6455 section 4.2.2), with SHA-1 from libcrypto.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace skirmish::ws {

// base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")): 28 characters.
std::string accept_key(std::string_view client_key);

// Whether `key` is a valid Sec-WebSocket-Key: canonical base64 of exactly 16 bytes.
bool is_valid_key(std::string_view key);

// The Sec-WebSocket-Key for a 16-byte nonce.
std::string make_key(std::span<const std::byte, 16> nonce);

}  // namespace skirmish::ws
