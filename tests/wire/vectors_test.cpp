// The golden vectors of vectors.json (shared with the JS tests): decode to the stated message, encode back, reject the invalid ones.
#include <doctest/doctest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "mini_json.hpp"
#include "skirmish/wire/codec.hpp"
#include "test_support.hpp"

namespace skirmish::wire::test {
extern const std::string_view vectors_json;
}

namespace {

using namespace skirmish::wire;
using namespace skirmish::wire::test;

const json& vectors() {
  static const json v = [] {
    auto parsed = json_reader(vectors_json).parse();
    REQUIRE_MESSAGE(parsed.has_value(), "vectors.json does not parse");
    return *parsed;
  }();
  return v;
}

// Hands out the fields of one JSON message and, at the end, checks that the
// test looked at every one of them (so a new field cannot go unchecked).
class fields {
 public:
  explicit fields(const json& j) : j_(j) {}
  ~fields() {
    for (const auto& field : j_.fields) CHECK_MESSAGE(used_.count(field.first) == 1, "field not checked: ", field.first);
  }
  const json& operator()(const std::string& key) {
    used_.insert(key);
    REQUIRE_MESSAGE(j_.has(key), "vector lacks field ", key);
    return j_[key];
  }
  std::int64_t num(const std::string& key) { return (*this)(key).n; }
  std::uint64_t u64(const std::string& key) { return std::strtoull((*this)(key).s.c_str(), nullptr, 16); }
  const std::string& str(const std::string& key) { return (*this)(key).s; }
  bool flag(const std::string& key) { return (*this)(key).b; }

 private:
  const json& j_;
  std::set<std::string> used_{"type"};
};

std::string hex_of(const json& j) { return to_hex(from_hex(j.s)); }

void check_inputs(const bundle& b, const json& inputs) {
  REQUIRE(inputs.items.size() == max_slots);
  for (std::size_t s = 0; s < max_slots; ++s) {
    CHECK(b.present(s) == !inputs[s].is_null());
    if (b.present(s)) CHECK(to_hex(b.inputs[s]) == hex_of(inputs[s]));
  }
}

void check(const hello& m, fields& f) {
  CHECK(m.version == f.num("version"));
  CHECK(m.spectator == f.flag("spectator"));
  const json& tok = f("token");
  CHECK(m.reconnect_token.has_value() == !tok.is_null());
  if (m.reconnect_token) CHECK(to_hex(*m.reconnect_token) == hex_of(tok));
  CHECK(m.resume_tick == f.num("resumeTick"));
  CHECK(m.room == f.str("room"));
  CHECK(m.name == f.str("name"));
}
void check(const input& m, fields& f) {
  CHECK(m.tick == f.num("tick"));
  CHECK(to_hex(m.payload) == hex_of(f("payload")));
}
void check(const hash_report& m, fields& f) {
  CHECK(m.tick == f.num("tick"));
  CHECK(m.hash == f.u64("hash"));
}
void check(const ping& m, fields& f) { CHECK(m.client_time == f.u64("clientTime")); }
void check(const leave&, fields&) {}
void check(const error& m, fields& f) {
  CHECK(static_cast<int>(m.code) == f.num("code"));
  CHECK(m.reason == f.str("reason"));
}
void check(const welcome& m, fields& f) {
  CHECK(m.version == f.num("version"));
  CHECK(m.slot == f.num("slot"));
  CHECK(m.max_slots == f.num("maxSlots"));
  CHECK(m.tick_hz == f.num("tickHz"));
  CHECK(m.input_delay == f.num("inputDelay"));
  CHECK(m.hash_interval == f.num("hashInterval"));
  CHECK(m.reconnect_window_s == f.num("reconnectWindowS"));
  CHECK(m.seed == f.u64("seed"));
  CHECK(m.start_tick == f.num("startTick"));
  CHECK(m.current_tick == f.num("currentTick"));
  CHECK(to_hex(m.reconnect_token) == hex_of(f("token")));
  CHECK(m.room == f.str("room"));
  const json& roster = f("roster");
  REQUIRE(m.roster.size() == roster.items.size());
  for (std::size_t i = 0; i < m.roster.size(); ++i) {
    fields e(roster[i]);
    CHECK(m.roster[i].slot == e.num("slot"));
    CHECK(m.roster[i].connected == e.flag("connected"));
    CHECK(m.roster[i].name == e.str("name"));
  }
}
void check(const bundle& m, fields& f) {
  CHECK(m.tick == f.num("tick"));
  check_inputs(m, f("inputs"));
}
void check(const history& m, fields& f) {
  CHECK(m.first_tick == f.num("firstTick"));
  const json& bundles = f("bundles");
  REQUIRE(m.count == bundles.items.size());
  std::size_t i = 0;
  for (const bundle& b : m) {
    fields e(bundles[i++]);
    CHECK(b.tick == e.num("tick"));
    check_inputs(b, e("inputs"));
  }
  CHECK(i == m.count);
}
void check(const player_joined& m, fields& f) {
  CHECK(m.tick == f.num("tick"));
  CHECK(m.slot == f.num("slot"));
  CHECK(m.reconnected == f.flag("reconnected"));
  CHECK(m.name == f.str("name"));
}
void check(const player_left& m, fields& f) {
  static constexpr std::string_view reasons[] = {"left", "disconnected", "timed_out", "kicked"};
  CHECK(m.tick == f.num("tick"));
  CHECK(m.slot == f.num("slot"));
  CHECK(reasons[static_cast<int>(m.reason)] == f.str("reason"));
  CHECK(m.name == f.str("name"));
}
void check(const desync& m, fields& f) {
  CHECK(m.tick == f.num("tick"));
  unsigned mask = 0;
  for (const json& s : f("disagreeing").items) mask |= 1u << s.n;
  CHECK(m.disagreeing == mask);
  const json& reports = f("reports");
  REQUIRE(m.reports.size() == reports.items.size());
  for (std::size_t i = 0; i < m.reports.size(); ++i) {
    fields e(reports[i]);
    CHECK(m.reports[i].slot == e.num("slot"));
    CHECK(m.reports[i].hash == e.u64("hash"));
  }
}
void check(const pong& m, fields& f) {
  CHECK(m.client_time == f.u64("clientTime"));
  CHECK(m.relay_tick == f.num("relayTick"));
}

}  // namespace

TEST_SUITE("wire golden vectors") {
  TEST_CASE("every valid vector decodes to its message and encodes back to its bytes") {
    const json& valid = vectors()["valid"];
    REQUIRE(valid.items.size() >= 20);
    std::set<message_type> types;
    for (const json& v : valid.items) {
      CAPTURE(v["vector"].s);
      const auto bytes = from_hex(v["hex"].s);
      auto m = decode(bytes);
      REQUIRE_MESSAGE(m.ok(), (m.ok() ? "" : m.error().reason));
      const json& expected = v["message"];
      CHECK(name_of(type_of(*m)) == expected["type"].s);
      types.insert(type_of(*m));
      std::visit([&](const auto& msg) {
        fields f(expected);
        check(msg, f);
      }, *m);

      // Encoding appends: whatever the buffer held stays in front.
      std::vector<std::byte> out{std::byte{0xee}};
      REQUIRE(encode(*m, out).ok());
      CHECK(to_hex(out) == "ee" + to_hex(bytes));
    }
    CHECK(types.size() == 13);
  }

  TEST_CASE("every invalid vector is rejected with its error code") {
    const json& invalid = vectors()["invalid"];
    REQUIRE(invalid.items.size() >= 40);
    for (const json& v : invalid.items) {
      CAPTURE(v["vector"].s);
      CAPTURE(v["note"].s);
      auto m = decode(from_hex(v["hex"].s));
      REQUIRE_FALSE(m.ok());
      CHECK(static_cast<int>(m.error().code) == v["code"].n);
      CHECK(std::string_view(m.error().reason).size() > 0);
    }
  }

  TEST_CASE("the vectors are the spec's version") {
    CHECK(vectors()["protocolVersion"].n == protocol_version);
  }
}
