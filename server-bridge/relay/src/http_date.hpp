// HTTP dates (RFC 9110 IMF-fixdate): formatting Last-Modified, reading If-Modified-Since.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace skirmish::relay::detail {

// "Sun, 06 Nov 1994 08:49:37 GMT" for a time in seconds since the epoch.
std::string format_http_date(std::time_t t);

// The seconds since the epoch of an IMF-fixdate; nothing for anything else
// (the obsolete formats are ignored, which only costs a full response).
std::optional<std::time_t> parse_http_date(std::string_view s) noexcept;

}  // namespace skirmish::relay::detail
