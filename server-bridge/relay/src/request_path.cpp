// clean_request_path: percent-decoding and the path rules that keep requests inside the web root.
#include "skirmish/relay/request_path.hpp"

namespace skirmish::relay {

namespace {
int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

rt::result<void, path_error> check_segment(std::string_view seg) {
  if (seg == "." || seg == "..") return rt::fail(path_error{400, "a '.' or '..' path segment"});
  if (seg.front() == '.') return rt::fail(path_error{404, "hidden files are not served"});
  return {};
}
}  // namespace

rt::result<std::string, path_error> clean_request_path(std::string_view raw) {
  if (raw.empty() || raw.front() != '/') return rt::fail(path_error{400, "the path must start with '/'"});
  std::string out;
  out.reserve(raw.size());
  std::string segment;
  // note: segments are judged after decoding, so "%2e%2e" is caught like "..".
  auto end_segment = [&]() -> rt::result<void, path_error> {
    if (segment.empty()) return {};  // "a//b" or the leading '/'
    if (auto ok = check_segment(segment); !ok) return ok;
    if (!out.empty()) out += '/';
    out += segment;
    segment.clear();
    return {};
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '/') {
      if (auto ok = end_segment(); !ok) return rt::fail(ok.error());
      continue;
    }
    bool encoded = false;
    if (c == '%') {
      if (i + 2 >= raw.size()) return rt::fail(path_error{400, "a truncated percent escape"});
      const int hi = hex_value(raw[i + 1]);
      const int lo = hex_value(raw[i + 2]);
      if (hi < 0 || lo < 0) return rt::fail(path_error{400, "a bad percent escape"});
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
      encoded = true;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return rt::fail(path_error{400, "a NUL or control byte in the path"});
    if (c == '\\') return rt::fail(path_error{400, "a backslash in the path"});
    if (c == '/' && encoded) return rt::fail(path_error{400, "an encoded '/' in the path"});
    segment += c;
  }
  if (auto ok = end_segment(); !ok) return rt::fail(ok.error());
  return out;
}

}  // namespace skirmish::relay
