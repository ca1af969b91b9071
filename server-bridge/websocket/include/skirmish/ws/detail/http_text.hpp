// The character classes and comparisons of HTTP/1.1 (RFC 9110), shared by the
// request and response parsers.
#pragma once

#include <string_view>

namespace skirmish::ws::detail {

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// ASCII case-insensitive equality (header names and tokens are ASCII).
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// tchar: the characters of a token (method, header name).
constexpr bool is_tchar(char c) noexcept {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

constexpr bool is_token(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_tchar(c)) return false;
  return true;
}

constexpr bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

constexpr std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

enum class match : bool { ignore_case, exact };

// Whether the comma-separated `list` holds `token`, as "Connection:
// keep-alive, Upgrade" holds "upgrade" (header tokens ignore case;
// subprotocol names do not).
constexpr bool has_token(std::string_view list, std::string_view token, match how = match::ignore_case) noexcept {
  while (true) {
    auto comma = list.find(',');
    std::string_view item = trim_ows(list.substr(0, comma));
    if (how == match::exact ? item == token : iequals(item, token)) return true;
    if (comma == std::string_view::npos) return false;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace skirmish::ws::detail
