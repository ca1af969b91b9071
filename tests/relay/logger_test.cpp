// Structured logs: one logfmt line per event, levels, and values that always parse back.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "skirmish/relay/logger.hpp"

using namespace skirmish::relay;

TEST_SUITE("logger") {
  TEST_CASE("a line: time, level, quoted message, fields") {
    const auto ts = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'123));
    const std::string line = logger::format_line(ts, log_level::warn, "room full",
                                                 {{"room", "lobby"}, {"players", 8}, {"worker", std::size_t{2}}, {"ratio", 0.5}, {"auto", true}});
    CHECK(line == "ts=2023-11-14T22:13:20.123Z level=warn msg=\"room full\" room=lobby players=8 worker=2 ratio=0.5 auto=true\n");
  }

  TEST_CASE("values with spaces, quotes, equals signs or control bytes are quoted and escaped") {
    const auto ts = std::chrono::system_clock::time_point{};
    const std::string line = logger::format_line(ts, log_level::info, "say \"hi\"",
                                                 {{"name", "a b"}, {"eq", "k=v"}, {"nl", "x\ny"}, {"bell", "\x07"}, {"empty", ""}});
    CHECK(line ==
          "ts=1970-01-01T00:00:00.000Z level=info msg=\"say \\\"hi\\\"\" name=\"a b\" eq=\"k=v\" nl=\"x\\ny\" bell=\"\\x07\" empty=\"\"\n");
  }

  TEST_CASE("levels below the minimum are not written") {
    std::string sink;
    logger log(log_level::info, sink);
    log.debug("hidden");
    log.info("shown", {{"k", 1}});
    log.error("also shown");
    CHECK(sink.find("hidden") == std::string::npos);
    CHECK(sink.find("level=info msg=\"shown\" k=1\n") != std::string::npos);
    CHECK(sink.find("level=error msg=\"also shown\"\n") != std::string::npos);
    CHECK(parse_log_level("warning") == log_level::warn);
    CHECK_FALSE(parse_log_level("verbose").has_value());
  }
}
