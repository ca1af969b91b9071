// query_escape: what may reach the relay URL's query string.
#include <doctest/doctest.h>

#include "skirmish/app/query_escape.hpp"

using namespace skirmish;

TEST_SUITE("query_escape") {
  TEST_CASE("room ids pass through; anything else cannot add a parameter") {
    CHECK(app::query_escape("ABC_12-x.y") == "ABC_12-x.y");
    CHECK(app::query_escape("a&b=c d") == "a%26b%3Dc%20d");
    CHECK(app::query_escape("\xc3\xa9") == "%C3%A9");
    CHECK(app::query_escape("") == "");
  }
}
