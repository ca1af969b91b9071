// cat(...): builds a readable sentence from strings and numbers (no iostreams, no exceptions).
#pragma once

#include <concepts>
#include <string>
#include <string_view>

namespace skirmish::game::detail {

inline void append(std::string& out, std::string_view s) { out.append(s); }
inline void append(std::string& out, const std::string& s) { out.append(s); }
inline void append(std::string& out, const char* s) { out.append(s); }
template <std::integral N>
void append(std::string& out, N n) {
  out.append(std::to_string(n));
}

template <class... A>
[[nodiscard]] std::string cat(const A&... parts) {
  std::string out;
  (append(out, parts), ...);
  return out;
}

}  // namespace skirmish::game::detail
