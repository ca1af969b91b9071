// logger: logfmt lines, quoted and escaped so that any value parses back.
#include "skirmish/relay/logger.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>

namespace skirmish::relay {

std::string_view name_of(log_level l) noexcept {
  switch (l) {
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warn: return "warn";
    case log_level::error: return "error";
  }
  return "info";
}

std::optional<log_level> parse_log_level(std::string_view s) noexcept {
  for (log_level l : {log_level::debug, log_level::info, log_level::warn, log_level::error}) {
    if (s == name_of(l)) return l;
  }
  if (s == "warning") return log_level::warn;
  return std::nullopt;
}

namespace {

bool needs_quotes(std::string_view v) noexcept {
  if (v.empty()) return true;
  for (const char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == '=' || c == '\\') return true;
  }
  return false;
}

void append_text(std::string& out, std::string_view v, bool always_quote) {
  if (!always_quote && !needs_quotes(v)) {
    out += v;
    return;
  }
  out += '"';
  for (const char c : v) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20 || u == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_value(std::string& out, const log_field::value_type& v) {
  char buf[40];
  if (const auto* s = std::get_if<std::string_view>(&v)) {
    append_text(out, *s, false);
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    out.append(buf, static_cast<std::size_t>(std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(*i))));
  } else if (const auto* u = std::get_if<std::uint64_t>(&v)) {
    out.append(buf, static_cast<std::size_t>(std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(*u))));
  } else if (const auto* d = std::get_if<double>(&v)) {
    out.append(buf, static_cast<std::size_t>(std::snprintf(buf, sizeof buf, "%.6g", *d)));
  } else if (const auto* b = std::get_if<bool>(&v)) {
    out += *b ? "true" : "false";
  }
}

}  // namespace

std::string logger::format_line(std::chrono::system_clock::time_point ts, log_level l, std::string_view msg,
                                std::initializer_list<log_field> fields) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(ts.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char stamp[40];
  const int n = std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                              tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  std::string out;
  out.reserve(96 + msg.size() + fields.size() * 24);
  out += "ts=";
  out.append(stamp, static_cast<std::size_t>(n));
  out += " level=";
  out += name_of(l);
  out += " msg=";
  append_text(out, msg, true);
  for (const log_field& f : fields) {
    out += ' ';
    out += f.key;
    out += '=';
    append_value(out, f.value);
  }
  out += '\n';
  return out;
}

void logger::log(log_level l, std::string_view msg, std::initializer_list<log_field> fields) {
  if (!enabled(l)) return;
  const std::string line = format_line(std::chrono::system_clock::now(), l, msg, fields);
  if (sink_ != nullptr) {
    *sink_ += line;
    return;
  }
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t w = ::write(fd_, line.data() + done, line.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;  // nowhere to log to; nothing better to do
    done += static_cast<std::size_t>(w);
  }
}

}  // namespace skirmish::relay
