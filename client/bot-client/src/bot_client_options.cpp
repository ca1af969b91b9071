// bot_client_options: flag parsing for skirmish-bot.
#include "skirmish/game/bot_client_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "skirmish/wire/text.hpp"

namespace skirmish::game {

namespace {

template <class T>
bool parse_number(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

bool parse_seconds(std::string_view s, double& out) {
  // note: from_chars for double needs GCC 11+; strtod on a copy keeps this portable.
  std::string copy(s);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size() && std::isfinite(out) && out > 0;
}

}  // namespace

std::string_view bot_client_help() noexcept {
  return R"(skirmish-bot: joins a room on a skirmish relay as one or more bot players

usage: skirmish-bot [flags]
  --url ws://HOST:PORT/PATH  the relay (default ws://127.0.0.1:8080/ws); HOST is numeric or localhost
  --room CODE|auto           the room to join (default auto: matchmaking; several bots
                             go to the room the first one was given)
  --bots N                   bot players in this process, 1-8 (default 1)
  --name NAME                player name (default bot); several bots are NAME-1, NAME-2, ...
  --ticks N                  leave after N live ticks
  --seconds S                leave after S seconds
  --until-match-end          leave when a match ends
  --skill 1-5                bot skill (default 3)
  --seed N                   the bots' randomness (default 1)
  --attempts N               connection failures in a row before giving up (default 8)
  --connect-timeout S        for the TCP connect and the WebSocket handshake (default 5)
  --help                     this text

Prints one JSON line per event on stdout: "welcome", "hash" (each hash report
sent to the relay: tick and state hash), "end". Exits 0 when every bot left
(its ticks, seconds or match are over) or the relay ended the room or closed
normally; 1 on an error (relay unreachable, refused, a protocol failure),
with the reason on stderr; 2 on bad flags.
)";
}

rt::result<bot_client_options, std::string> parse_bot_client_options(std::span<const std::string_view> args) {
  bot_client_options o;
  auto bad = [](std::string why) { return rt::fail(std::move(why)); };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view flag = args[i];
    std::string_view value;
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      continue;
    }
    if (flag == "--until-match-end") {
      o.until_match_end = true;
      continue;
    }
    if (const std::size_t eq = flag.find('='); flag.starts_with("--") && eq != std::string_view::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) return bad(std::string(flag) + " needs a value (see --help)");
      value = args[++i];
    }
    const std::string v(value);
    if (flag == "--url") {
      auto url = parse_ws_url(value);
      if (!url) return bad(url.error());
      o.url = std::move(*url);
    } else if (flag == "--room") {
      if (!wire::valid_room_id(value)) return bad("--room: \"" + v + "\" is not a room id (1-32 of A-Z a-z 0-9 _ -) or auto");
      o.room = v;
    } else if (flag == "--bots") {
      if (!parse_number(value, o.bots) || o.bots < 1 || o.bots > 8) return bad("--bots: \"" + v + "\" is not a number from 1 to 8");
    } else if (flag == "--name") {
      // note: the longest generated name is NAME-8, which must be a valid name too.
      if (!wire::valid_name(value) || value.size() > 30) return bad("--name: \"" + v + "\" is not a player name (1-30 bytes of UTF-8, no control characters)");
      o.name = v;
    } else if (flag == "--ticks") {
      std::uint32_t n = 0;
      if (!parse_number(value, n) || n == 0) return bad("--ticks: \"" + v + "\" is not a positive number");
      o.ticks = n;
    } else if (flag == "--seconds") {
      double s = 0;
      if (!parse_seconds(value, s)) return bad("--seconds: \"" + v + "\" is not a positive number");
      o.seconds = s;
    } else if (flag == "--skill") {
      if (!parse_number(value, o.skill) || o.skill < 1 || o.skill > 5) return bad("--skill: \"" + v + "\" is not a number from 1 to 5");
    } else if (flag == "--seed") {
      if (!parse_number(value, o.seed)) return bad("--seed: \"" + v + "\" is not a number");
    } else if (flag == "--attempts") {
      if (!parse_number(value, o.attempts) || o.attempts == 0) return bad("--attempts: \"" + v + "\" is not a positive number");
    } else if (flag == "--connect-timeout") {
      if (!parse_seconds(value, o.connect_timeout_s)) return bad("--connect-timeout: \"" + v + "\" is not a positive number");
    } else {
      return bad("unknown flag " + std::string(flag) + " (see --help)");
    }
  }
  return o;
}

}  // namespace skirmish::game
