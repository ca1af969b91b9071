// The codec: encode any message into a growable buffer, decode bytes into views of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "skirmish/rt/result.hpp"
#include "skirmish/wire/decode_error.hpp"
#include "skirmish/wire/message.hpp"

namespace skirmish::wire {

// Appends the encoding of `m` to `out`, after checking every rule of
// PROTOCOL.md; on an error `out` is left as it was. One resize per message,
// no other allocation.
[[nodiscard]] rt::result<void, encode_error> encode(const hello& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const input& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const hash_report& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const ping& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const leave& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const error& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const welcome& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const bundle& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const history& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const player_joined& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const player_left& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const desync& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const pong& m, std::vector<std::byte>& out);
[[nodiscard]] rt::result<void, encode_error> encode(const message& m, std::vector<std::byte>& out);

// Decodes one whole message. Strings and payloads in the result are views
// into `in`. Every valid message has exactly one encoding, so encoding the
// result gives back `in`.
[[nodiscard]] rt::result<message, decode_error> decode(bytes_view in);

// Decodes a message that must be of type T (a relay reading a hello, say);
// any other type is a bad_message error.
template <message_kind T>
[[nodiscard]] rt::result<T, decode_error> decode_as(bytes_view in);

// The type of a message from its first byte, without decoding the rest.
[[nodiscard]] std::optional<message_type> peek_type(bytes_view in) noexcept;

// The version a hello asks for, read from its frozen first 3 bytes; nothing
// if `in` is not a hello. Lets a relay answer a hello of any version.
[[nodiscard]] std::optional<std::uint16_t> peek_hello_version(bytes_view in) noexcept;

}  // namespace skirmish::wire
