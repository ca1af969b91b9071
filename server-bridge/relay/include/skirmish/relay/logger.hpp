// logger: structured one-line logs with levels, in logfmt
// (ts=… level=info msg="…" key=value), written to stderr with one write per line.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace skirmish::relay {

enum class log_level : std::uint8_t { debug, info, warn, error };

[[nodiscard]] std::string_view name_of(log_level l) noexcept;
[[nodiscard]] std::optional<log_level> parse_log_level(std::string_view s) noexcept;

// One key=value of a log line. Keys are the program's own words; values are
// quoted and escaped when they need it, so a line always parses back.
struct log_field {
  using value_type = std::variant<std::string_view, std::int64_t, std::uint64_t, double, bool>;

  log_field(std::string_view k, std::string_view v) noexcept : key(k), value(v) {}
  log_field(std::string_view k, const char* v) noexcept : key(k), value(std::string_view(v)) {}
  log_field(std::string_view k, const std::string& v) noexcept : key(k), value(std::string_view(v)) {}
  log_field(std::string_view k, bool v) noexcept : key(k), value(v) {}
  log_field(std::string_view k, double v) noexcept : key(k), value(v) {}
  template <std::signed_integral I>
  log_field(std::string_view k, I v) noexcept : key(k), value(static_cast<std::int64_t>(v)) {}
  template <std::unsigned_integral U>
    requires(!std::same_as<U, bool>)
  log_field(std::string_view k, U v) noexcept : key(k), value(static_cast<std::uint64_t>(v)) {}

  std::string_view key;
  value_type value;
};

// note: a plain object per thread (each worker may hold its own, with its
// index as a field); lines from several threads never interleave because
// each is one write(2) of less than PIPE_BUF in practice.
class logger {
 public:
  // Writes lines at `min` and above to `fd` (stderr by default).
  explicit logger(log_level min = log_level::info, int fd = 2) noexcept : min_(min), fd_(fd) {}
  // Appends lines to `sink` instead, for tests.
  explicit logger(log_level min, std::string& sink) noexcept : min_(min), sink_(&sink) {}

  void log(log_level l, std::string_view msg, std::initializer_list<log_field> fields = {});
  void debug(std::string_view msg, std::initializer_list<log_field> f = {}) { log(log_level::debug, msg, f); }
  void info(std::string_view msg, std::initializer_list<log_field> f = {}) { log(log_level::info, msg, f); }
  void warn(std::string_view msg, std::initializer_list<log_field> f = {}) { log(log_level::warn, msg, f); }
  void error(std::string_view msg, std::initializer_list<log_field> f = {}) { log(log_level::error, msg, f); }

  [[nodiscard]] bool enabled(log_level l) const noexcept { return l >= min_; }

  // The line (with its '\n') for a message at time `ts`.
  [[nodiscard]] static std::string format_line(std::chrono::system_clock::time_point ts, log_level l, std::string_view msg,
                                               std::initializer_list<log_field> fields);

 private:
  log_level min_;
  int fd_ = 2;
  std::string* sink_ = nullptr;
};

}  // namespace skirmish::relay
