#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "skirmish/ws/outbound_queue.hpp"

using namespace skirmish::ws;

namespace {
std::span<const std::byte> b(std::string_view s) { return std::as_bytes(std::span(s)); }
std::string s(std::span<const std::byte> b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

// What gather() gives, joined, for a given inline run.
std::string gathered(const outbound_queue& q, std::string_view inline_bytes) {
  std::array<std::span<const std::byte>, 16> parts;
  std::size_t n = q.gather(b(inline_bytes), parts);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s(parts[i]);
  return out;
}
}  // namespace

TEST_SUITE("outbound_queue") {
  TEST_CASE("inline runs and shared messages come out in the order queued") {
    outbound_queue q;
    auto shared = shared_message::text("S");  // frame bytes 0x81 0x01 'S'
    REQUIRE(shared);
    q.push_inline(2);
    q.push_shared(*shared);
    q.push_inline(3);
    q.push_inline(1);  // joins the run before it
    CHECK(q.entries() == 3);
    CHECK(q.bytes() == 2 + 3 + 4);
    CHECK(shared->use_count() == 2);
    CHECK(gathered(q, "aabbbc") == "aa\x81\x01Sbbbc");
  }

  TEST_CASE("a partial write leaves the rest of an entry; inline bytes are counted for the writer") {
    outbound_queue q;
    auto shared = shared_message::text("xyz");
    REQUIRE(shared);
    q.push_inline(4);
    q.push_shared(*shared);
    CHECK(q.consume(3) == 3);  // three inline bytes went
    CHECK(gathered(q, "d") == "d\x81\x03xyz");
    CHECK(q.consume(3) == 1);  // the last inline byte and two of the shared frame
    CHECK(gathered(q, "") == "xyz");
    CHECK(q.consume(3) == 0);
    CHECK(q.empty());
    CHECK(q.bytes() == 0);
    CHECK(shared->use_count() == 1);
  }

  TEST_CASE("dropping a slow consumer's backlog keeps only the entry under way") {
    outbound_queue q;
    auto shared = shared_message::text("backlog");
    REQUIRE(shared);
    q.push_shared(*shared);
    q.push_inline(10);
    q.push_shared(*shared);
    CHECK(q.drop_unstarted() == 0);  // nothing was written yet: everything goes
    CHECK(q.empty());
    CHECK(shared->use_count() == 1);

    q.push_inline(10);
    q.push_shared(*shared);
    (void)q.consume(4);
    CHECK(q.drop_unstarted() == 6);  // the writer keeps the 6 unsent bytes of the run under way
    CHECK(q.bytes() == 6);
    CHECK(q.entries() == 1);
    CHECK(shared->use_count() == 1);
  }

  TEST_CASE("inline runs join only up to a bound") {
    outbound_queue q;
    q.push_inline(outbound_queue::max_joined_run - 10);
    q.push_inline(10);
    CHECK(q.entries() == 1);
    q.push_inline(1);
    CHECK(q.entries() == 2);
    CHECK(q.bytes() == outbound_queue::max_joined_run + 1);
  }

  TEST_CASE("the ring grows past its first capacity and keeps the order") {
    outbound_queue q;
    std::array<shared_message, 40> ms;
    std::string expect;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      std::string text(1, static_cast<char>('A' + i % 26));
      ms[i] = *shared_message::text(text);
      q.push_shared(ms[i]);
      expect += "\x81\x01" + text;
    }
    std::string got;
    while (!q.empty()) {
      std::array<std::span<const std::byte>, 16> parts;
      std::size_t n = q.gather({}, parts);
      std::size_t total = 0;
      for (std::size_t i = 0; i < n; ++i) {
        got += s(parts[i]);
        total += parts[i].size();
      }
      (void)q.consume(total);
    }
    CHECK(got == expect);
  }
}
