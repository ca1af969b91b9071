// The field rules of PROTOCOL.md, shared by the encoder and the decoder so the two cannot drift apart.
#pragma once

#include "skirmish/wire/message.hpp"

namespace skirmish::wire::detail {

// Each returns nullptr when the message keeps every rule, or a static
// sentence saying which rule it breaks. note: hello's version is not checked
// here: any version encodes (tests use it), and the decoder checks it first.
const char* check(const hello& m) noexcept;
const char* check(const input& m) noexcept;
const char* check(const hash_report& m) noexcept;
const char* check(const ping& m) noexcept;
const char* check(const leave& m) noexcept;
const char* check(const error& m) noexcept;
const char* check(const welcome& m) noexcept;
const char* check(const bundle& m) noexcept;
const char* check(const history& m) noexcept;
const char* check(const player_joined& m) noexcept;
const char* check(const player_left& m) noexcept;
const char* check(const desync& m) noexcept;
const char* check(const pong& m) noexcept;

}  // namespace skirmish::wire::detail
