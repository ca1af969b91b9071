// query_escape: a value percent-encoded for a URL's query string.
#pragma once

#include <string>
#include <string_view>

namespace skirmish::app {

// Keeps [A-Za-z0-9._-] and percent-encodes every other byte: room ids are
// [A-Za-z0-9_-] already, but a hostile link must not inject parameters.
[[nodiscard]] std::string query_escape(std::string_view s);

}  // namespace skirmish::app
