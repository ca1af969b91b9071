// relay_options: what `skirmish-relay` is told by its flags and environment
// variables (flag > SKIRMISH_* variable > default), validated, with --help.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skirmish/relay/logger.hpp"
#include "skirmish/relay/room_config.hpp"
#include "skirmish/relay/shard.hpp"
#include "skirmish/rt/result.hpp"

namespace skirmish::relay {

struct relay_options {
  std::uint16_t port = 8080;
  std::string host = "127.0.0.1";
  std::size_t threads = 1;  // the number of cores, set by parse_options
  std::string web_root;     // empty: no static files
  room_config room;           // history_ticks is history_s * tick_hz once parsed
  std::uint32_t history_s = 600;  // note: covers a 180 s round three times over (see README, Bounds)
  std::size_t max_rooms = 1000;
  std::size_t max_connections = 10'000;
  std::vector<std::string> origins;  // allowed Origin values; empty: any
  std::size_t max_message_bytes = 128;
  std::size_t outbound_watermark = 256 * 1024;
  std::uint32_t rate_factor = 2;
  std::chrono::seconds hello_timeout{5};
  std::chrono::seconds idle_timeout{30};  // zero: none
  std::chrono::milliseconds shutdown_grace{1500};
  log_level log = log_level::info;

  // The settings of worker `index`: its share of the caps (rounded up).
  [[nodiscard]] shard_config shard_config_for(std::size_t index) const;
  // The URL to open, for the one line the relay prints at start.
  [[nodiscard]] std::string url() const;
  // Whether a WebSocket upgrade with this Origin header may proceed. note:
  // without an allow-list any origin may; a request without Origin (a bot, a
  // test, not a browser) always may, since only browsers are held to it.
  [[nodiscard]] bool origin_allowed(std::optional<std::string_view> origin) const noexcept;
};

// Environment variables as name/value pairs (main passes the process's).
using environment = std::vector<std::pair<std::string, std::string>>;
[[nodiscard]] environment process_environment();

struct parsed_options {
  relay_options options;
  bool help = false;  // --help: print help_text() and exit 0
};

// Parses `args` (without the program name) over `env`. An error is one
// sentence naming the flag or variable and what is wrong with its value.
[[nodiscard]] rt::result<parsed_options, std::string> parse_options(std::span<const std::string_view> args, const environment& env);

// Every flag, its variable, its default and what it does.
[[nodiscard]] std::string help_text();

}  // namespace skirmish::relay
