#include <doctest/doctest.h>

#include <string>

#include "skirmish/rt/result.hpp"

using skirmish::rt::fail;
using skirmish::rt::result;

namespace {
enum class parse_error { empty, not_a_number };

result<int, parse_error> parse_digit(const std::string& s) {
  if (s.empty()) return fail(parse_error::empty);
  if (s[0] < '0' || s[0] > '9') return fail(parse_error::not_a_number);
  return s[0] - '0';
}
}  // namespace

TEST_SUITE("result") {
  TEST_CASE("holds a value or an error") {
    auto ok = parse_digit("7");
    REQUIRE(ok.ok());
    CHECK(*ok == 7);
    CHECK(ok.value_or(0) == 7);

    auto bad = parse_digit("x");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == parse_error::not_a_number);
    CHECK(bad.value_or(-1) == -1);
    CHECK(parse_digit("").error() == parse_error::empty);
  }

  TEST_CASE("value and error may have the same type") {
    result<std::string, std::string> a = std::string("fine");
    result<std::string, std::string> b = fail(std::string("broken"));
    CHECK(a.value() == "fine");
    CHECK(b.error() == "broken");
  }

  TEST_CASE("void results") {
    result<void, parse_error> done;
    CHECK(done.ok());
    result<void, parse_error> failed = fail(parse_error::empty);
    CHECK_FALSE(failed.ok());
    CHECK(failed.error() == parse_error::empty);
  }
}
