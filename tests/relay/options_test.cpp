// skirmish-relay's options: defaults, flags in both forms, environment
// variables under flags, validation with clear errors, and --help.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "skirmish/relay/relay_options.hpp"

using namespace skirmish::relay;
using namespace std::chrono_literals;

namespace {
auto parse(std::vector<std::string_view> args, const environment& env = {}) { return parse_options(args, env); }
}  // namespace

TEST_SUITE("options") {
  TEST_CASE("defaults") {
    auto p = parse({});
    REQUIRE(p.ok());
    const relay_options& o = p->options;
    CHECK_FALSE(p->help);
    CHECK(o.port == 8080);
    CHECK(o.host == "127.0.0.1");
    CHECK(o.threads >= 1);
    CHECK(o.web_root.empty());
    CHECK(o.room.tick_hz == 30);
    CHECK(o.room.max_players == 8);
    CHECK(o.max_rooms == 1000);
    CHECK(o.room.history_ticks == 600 * 30);
    CHECK(o.url() == "http://127.0.0.1:8080/");
  }

  TEST_CASE("flags, as --flag value and --flag=value") {
    auto p = parse({"--port", "9000", "--host=0.0.0.0", "--threads", "3", "--tick-hz=20", "--max-rooms", "10",
                    "--max-players-per-room", "4", "--input-delay", "3", "--hash-interval", "60", "--reconnect-window", "15",
                    "--history", "60", "--outbound-watermark", "64k", "--max-message", "256", "--rate-factor", "3",
                    "--idle-timeout", "0", "--log-level", "debug"});
    REQUIRE(p.ok());
    const relay_options& o = p->options;
    CHECK(o.port == 9000);
    CHECK(o.host == "0.0.0.0");
    CHECK(o.url() == "http://127.0.0.1:9000/");
    CHECK(o.threads == 3);
    CHECK(o.room.tick_hz == 20);
    CHECK(o.max_rooms == 10);
    CHECK(o.room.max_players == 4);
    CHECK(o.room.input_delay == 3);
    CHECK(o.room.hash_interval == 60);
    CHECK(o.room.reconnect_window_s == 15);
    CHECK(o.room.history_ticks == 60 * 20);
    CHECK(o.outbound_watermark == 64 * 1024);
    CHECK(o.max_message_bytes == 256);
    CHECK(o.rate_factor == 3);
    CHECK(o.idle_timeout == 0s);
    CHECK(o.log == log_level::debug);

    // Each worker gets its share of the caps.
    const shard_config c = o.shard_config_for(2);
    CHECK(c.worker_index == 2);
    CHECK(c.worker_count == 3);
    CHECK(c.max_rooms == 4);  // 10 / 3, rounded up
    CHECK(c.room.tick_hz == 20);
    CHECK(c.outbound_watermark == 64 * 1024);
  }

  TEST_CASE("environment variables, and flags over them") {
    const environment env = {{"SKIRMISH_PORT", "7000"}, {"SKIRMISH_TICK_HZ", "60"}, {"SKIRMISH_ORIGINS", "https://a.example, https://b.example"}};
    auto p = parse({"--tick-hz", "15"}, env);
    REQUIRE(p.ok());
    CHECK(p->options.port == 7000);
    CHECK(p->options.room.tick_hz == 15);
    REQUIRE(p->options.origins.size() == 2);
    CHECK(p->options.origins[1] == "https://b.example");
    CHECK(p->options.origin_allowed(std::string_view("https://a.example")));
    CHECK_FALSE(p->options.origin_allowed(std::string_view("https://evil.example")));
    CHECK(p->options.origin_allowed(std::nullopt));

    auto q = parse({"--origin", "http://localhost:8080", "--origin=https://c.example"}, env);
    REQUIRE(q.ok());
    REQUIRE(q->options.origins.size() == 2);  // flags replace the variable
    CHECK(q->options.origins[0] == "http://localhost:8080");
    CHECK(parse({}).value().options.origin_allowed(std::string_view("https://anything")));
  }

  TEST_CASE("bad values are refused with the flag or variable named") {
    const std::vector<std::pair<std::vector<std::string_view>, std::string>> cases = {
        {{"--port", "65536"}, "--port: expected a whole number from 0 to 65535, got \"65536\""},
        {{"--port", "-1"}, "--port: expected a whole number from 0 to 65535, got \"-1\""},
        {{"--port", "80x"}, "--port: expected a whole number from 0 to 65535, got \"80x\""},
        {{"--threads", "0"}, "--threads: expected a whole number from 1 to 256, got \"0\""},
        {{"--tick-hz", "256"}, "--tick-hz: expected a whole number from 1 to 255, got \"256\""},
        {{"--max-players-per-room", "9"}, "--max-players-per-room: expected a whole number from 1 to 8, got \"9\""},
        {{"--input-delay", "65"}, "--input-delay: expected a whole number from 0 to 64, got \"65\""},
        {{"--max-message", "64"}, "--max-message: expected a size from 90 to 65536 bytes (a k or m suffix means KiB or MiB), got \"64\""},
        {{"--log-level", "loud"}, "--log-level: expected debug, info, warn or error, got \"loud\""},
        {{"--origin", "example.com"}, "--origin: expected origins like https://game.example (scheme and host, no path), got \"example.com\""},
        {{"--history", "10"}, "--history (10 s) must cover --reconnect-window (30 s), or a reconnecting player could not catch up"},
        {{"--nope"}, "unknown option --nope (see --help)"},
        {{"--port"}, "--port needs a value (N)"},
        {{"stray"}, "unexpected argument \"stray\" (see --help)"},
    };
    for (const auto& [args, message] : cases) {
      CAPTURE(message);
      auto p = parse(args);
      REQUIRE_FALSE(p.ok());
      CHECK(p.error() == message);
    }
    auto e = parse({}, {{"SKIRMISH_PORT", "http"}});
    REQUIRE_FALSE(e.ok());
    CHECK(e.error() == "SKIRMISH_PORT: expected a whole number from 0 to 65535, got \"http\"");
    auto r = parse({"--web-root", "/definitely/not/here"});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().starts_with("--web-root: web root /definitely/not/here: "));
  }

  TEST_CASE("--help explains every flag and its variable") {
    auto p = parse({"--port", "1", "--help"});
    REQUIRE(p.ok());
    CHECK(p->help);
    const std::string h = help_text();
    for (const std::string_view flag : {"--port", "--host", "--threads", "--web-root", "--tick-hz", "--max-rooms",
                                        "--max-players-per-room", "--max-connections", "--input-delay", "--hash-interval",
                                        "--reconnect-window", "--history", "--room-grace", "--hello-timeout", "--idle-timeout",
                                        "--max-message", "--outbound-watermark", "--rate-factor", "--origin", "--log-level"}) {
      CAPTURE(flag);
      const std::size_t at = h.find(std::string("  ") + std::string(flag) + " ");
      REQUIRE(at != std::string::npos);
      std::string env = "SKIRMISH_";
      for (char c : flag.substr(2)) env += c == '-' ? '_' : static_cast<char>(c - 'a' + 'A');
      if (flag == "--origin") env = "SKIRMISH_ORIGINS";
      CHECK(h.find(env, at) != std::string::npos);
    }
    CHECK(h.find("--help") != std::string::npos);
  }
}
