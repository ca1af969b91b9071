// mime_type_for: the Content-Type of a static file, from its extension.
#pragma once

#include <string_view>

namespace skirmish::relay {

// Case-insensitive on the extension; application/octet-stream when unknown.
// note: text types carry charset=utf-8; .js and .mjs are text/javascript (RFC
// 9239), and .wasm must be application/wasm for streaming compilation.
[[nodiscard]] std::string_view mime_type_for(std::string_view path) noexcept;

}  // namespace skirmish::relay
