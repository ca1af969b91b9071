// http_header: one header line of a parsed HTTP head, as views into the parser.
#pragma once

#include <string_view>

namespace skirmish::ws {

struct http_header {
  std::string_view name;   // as sent; compare with detail::iequals
  std::string_view value;  // surrounding spaces and tabs trimmed
};

}  // namespace skirmish::ws
