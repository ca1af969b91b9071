// bot_client_options: the command line of skirmish-bot, parsed into values
// (a bad flag gives a sentence, never an exception).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "skirmish/game/ws_url.hpp"
#include "skirmish/rt/result.hpp"

namespace skirmish::game {

struct bot_client_options {
  ws_url url{.host = "127.0.0.1", .port = 8080, .path = "/ws"};  // --url
  std::string room{"auto"};                  // --room CODE|auto
  int bots = 1;                              // --bots N (1-8): players this process brings into the room
  std::string name{"bot"};                   // --name; with several bots: NAME-1, NAME-2, ...
  std::optional<std::uint32_t> ticks;        // --ticks N: leave after N live ticks
  std::optional<double> seconds;             // --seconds S: leave after S seconds
  bool until_match_end = false;              // --until-match-end: leave when a match ends
  int skill = 3;                             // --skill 1-5
  std::uint64_t seed = 1;                    // --seed: the bots' own randomness (bot i gets seed + i)
  unsigned attempts = 8;                     // --attempts: connection failures in a row before giving up (after a welcome)
  double connect_timeout_s = 5;              // --connect-timeout S: TCP connect plus the WebSocket handshake
  bool help = false;                         // --help
};

// Parses the flags after the program name.
[[nodiscard]] rt::result<bot_client_options, std::string> parse_bot_client_options(std::span<const std::string_view> args);

// The text --help prints.
[[nodiscard]] std::string_view bot_client_help() noexcept;

}  // namespace skirmish::game
