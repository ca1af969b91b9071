// Hostile input against a live room: random bytes and mutated messages from
// many connections, under ASan and UBSan in the debug build. The offender
// gets an error and a close (or nothing, for a valid message); the honest
// players keep getting every tick.
#include "relay_test_support.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

namespace {
// splitmix64: reproducible anywhere.
struct rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
};

std::vector<std::byte> random_message(rng& r, const room& rm) {
  std::vector<std::byte> m;
  switch (r.below(4)) {
    case 0: {  // random bytes, often with a client type byte
      m.resize(r.below(48));
      for (auto& b : m) b = std::byte(r.next() & 0xff);
      if (!m.empty() && r.below(2) == 0) m[0] = std::byte(1 + r.below(5));
      break;
    }
    case 1: m = encoded(wire::input{.tick = rm.next_tick() + r.below(40) - 5, .payload = wire::as_bytes("abc")}); break;
    case 2: m = encoded(wire::hash_report{.tick = r.below(3) * 30, .hash = r.next()}); break;
    default: m = encoded(wire::hello{.room = "r", .name = "zed"}); break;
  }
  if (!m.empty() && r.below(3) == 0) m[r.below(static_cast<std::uint32_t>(m.size()))] ^= std::byte(1u << r.below(8));
  if (!m.empty() && r.below(5) == 0) m.resize(r.below(static_cast<std::uint32_t>(m.size())));
  return m;
}
}  // namespace

TEST_SUITE("robustness") {
  TEST_CASE("random and mutated messages never hurt anyone but their sender") {
    world w;
    client a(w.sh), b(w.sh), s(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    s.hello("r", "s", true);
    room& rm = *w.sh.find("r");
    rng r{42};
    int closed = 0;
    for (int round = 0; round < 400; ++round) {
      auto x = std::make_unique<client>(w.sh);
      if (r.below(2) == 0) x->hello("r", "x");
      for (int k = 0; k < 6; ++k) x->send(random_message(r, rm));
      if (const auto e = x->error()) {
        ++closed;
        CHECK(static_cast<int>(*e) >= 1);
        CHECK(static_cast<int>(*e) <= 16);
        CHECK(x->sess->state() == session_state::closed);
        CHECK(x->take_all<wire::error>().size() == 1);  // exactly one error, last
      }
      if (r.below(3) == 0) x->sess->on_transport_closed();
      x.reset();
      a.input(rm.next_tick(), "a");
      w.run_ticks(rm, 1);
    }
    CHECK(closed > 100);
    for (client* c : {&a, &b, &s}) {
      CHECK(c->error() == std::nullopt);
      const auto bundles = c->take_all<wire::bundle>();
      REQUIRE(bundles.size() == 400);
      for (std::size_t i = 0; i < bundles.size(); ++i) CHECK(bundles[i].tick == i);
    }
    CHECK(w.sh.metrics().connections == 3);
  }
}
