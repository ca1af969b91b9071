// bot_client_options: the flags of skirmish-bot.
#include <doctest/doctest.h>

#include <string_view>
#include <vector>

#include "skirmish/game/bot_client_options.hpp"

using skirmish::game::parse_bot_client_options;

namespace {
auto parse(std::vector<std::string_view> args) { return parse_bot_client_options(args); }
}  // namespace

TEST_SUITE("bot_client_options") {
  TEST_CASE("defaults") {
    auto o = parse({});
    REQUIRE(o.ok());
    CHECK(o->url.text() == "ws://127.0.0.1:8080/ws");
    CHECK(o->room == "auto");
    CHECK(o->bots == 1);
    CHECK_FALSE(o->ticks.has_value());
    CHECK_FALSE(o->seconds.has_value());
  }

  TEST_CASE("every flag, with a space or an equals sign") {
    auto o = parse({"--url", "ws://127.0.0.1:9000/x", "--room=abc-1", "--bots", "3", "--name", "zed", "--ticks=90",
                    "--seconds", "2.5", "--until-match-end", "--skill", "5", "--seed", "42", "--attempts", "2",
                    "--connect-timeout", "0.5"});
    REQUIRE(o.ok());
    CHECK(o->url.port == 9000);
    CHECK(o->room == "abc-1");
    CHECK(o->bots == 3);
    CHECK(o->name == "zed");
    CHECK(o->ticks == 90u);
    CHECK(o->seconds == doctest::Approx(2.5));
    CHECK(o->until_match_end);
    CHECK(o->skill == 5);
    CHECK(o->seed == 42u);
    CHECK(o->attempts == 2u);
    CHECK(o->connect_timeout_s == doctest::Approx(0.5));
  }

  TEST_CASE("bad values name the flag") {
    const std::vector<std::vector<std::string_view>> cases = {
        {"--bots", "0"},      {"--bots", "9"},      {"--ticks", "-1"},   {"--ticks", "0"},  {"--seconds", "nan"},
        {"--seconds", "0"},   {"--skill", "6"},     {"--room", "a b"},   {"--room", ""},    {"--name", ""},
        {"--seed", "x"},      {"--attempts", "0"},  {"--url", "wss://127.0.0.1/"},           {"--ticks"},
        {"--name", "0123456789012345678901234567890"}};
    for (const auto& args : cases) {
      auto o = parse(args);
      CAPTURE(args[0]);
      REQUIRE_FALSE(o.ok());
      CHECK_FALSE(o.error().empty());
    }
    auto unknown = parse({"--what", "1"});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().find("unknown flag --what") != std::string::npos);
  }

  TEST_CASE("--help") {
    auto o = parse({"--help"});
    REQUIRE(o.ok());
    CHECK(o->help);
  }
}
