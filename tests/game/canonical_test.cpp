// The canonical state: serialize/restore round trips, the hash is FNV-1a of
// the bytes and sees every change, hostile payloads are refused cleanly.
#include <doctest/doctest.h>

#include <type_traits>
#include <vector>

#include "battle_fixture.hpp"
#include "skirmish/game/rng.hpp"

using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

std::uint64_t fnv1a(const std::vector<std::uint8_t>& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::uint8_t b : bytes) h = (h ^ b) * 0x100000001b3ULL;
  return h;
}

// Random inputs for every slot, from a generator outside the battle.
inputs_by_slot random_inputs(rng& r) {
  inputs_by_slot in{};
  for (input& i : in) i = {static_cast<std::uint8_t>(r.below(128)), static_cast<angle16>(r.below(65536))};
  return in;
}

// A battle mid-fight: eight players, projectiles in flight, some damage done.
battle busy_battle() {
  battle b = playing_battle(8, {}, 77);
  rng r{5};
  for (int t = 0; t < 400; ++t) b.step(random_inputs(r));
  return b;
}

}  // namespace

// The state is one plain block: snapshots are a copy, and nothing in it
// points anywhere (so nothing can depend on addresses).
static_assert(std::is_trivially_copyable_v<battle_state>);
static_assert(sizeof(battle_state) < 10 * 1024);

TEST_SUITE("canonical") {
  TEST_CASE("restore(serialize()) gives the same state, which then evolves the same") {
    battle a = busy_battle();
    REQUIRE(a.state().projectile_count > 0);
    auto restored = battle::restore(a.serialize());
    REQUIRE(restored.ok());
    battle& b = *restored;
    CHECK(b.state() == a.state());
    CHECK(b.state_hash() == a.state_hash());
    CHECK(b.serialize() == a.serialize());
    rng r{6};
    for (int t = 0; t < 300; ++t) {
      const inputs_by_slot in = random_inputs(r);
      a.step(in);
      b.step(in);
      REQUIRE(a.state_hash() == b.state_hash());
    }
  }

  TEST_CASE("the hash is FNV-1a 64 of the serialized bytes") {
    battle a = busy_battle();
    CHECK(a.state_hash() == fnv1a(a.serialize()));
    battle empty(1);
    CHECK(empty.state_hash() == fnv1a(empty.serialize()));
  }

  TEST_CASE("the hash changes with any gameplay field, and with the rules") {
    const battle base = busy_battle();
    const std::uint64_t h = base.state_hash();
    auto changed = [&](auto&& edit) {
      battle b = base;
      edit(b.mutable_state());
      return b.state_hash() != h;
    };
    CHECK(changed([](battle_state& s) { s.tick += 1; }));
    CHECK(changed([](battle_state& s) { s.random.next(); }));
    CHECK(changed([](battle_state& s) { s.players[3].pos.x += 1; }));
    CHECK(changed([](battle_state& s) { s.players[7].aim += 1; }));
    CHECK(changed([](battle_state& s) { s.players[0].calm_ticks += 1; }));
    CHECK(changed([](battle_state& s) { s.players[5].buttons ^= 1; }));
    CHECK(changed([](battle_state& s) { s.pickups[2].respawn_ticks += 1; }));
    CHECK(changed([](battle_state& s) { s.projectiles[0].ttl -= 1; }));
    CHECK(changed([](battle_state& s) { s.match.phase_ticks += 1; }));
    CHECK(changed([](battle_state& s) { s.rules.restart_delay += 1; }));
    CHECK(changed([](battle_state& s) { s.rules.player_radius += 1; }));
    // Dead slots of the projectile pool are not state.
    CHECK_FALSE(changed([](battle_state& s) { s.projectiles[max_projectiles - 1].id = 12345; }));
  }

  TEST_CASE("a copy of a battle is independent of the original") {
    battle a = busy_battle();
    battle b = a;
    rng r{8};
    for (int t = 0; t < 50; ++t) b.step(random_inputs(r));
    CHECK(a.state_hash() != b.state_hash());
    CHECK(a.tick() + 50 == b.tick());
  }

  TEST_CASE("bad payloads are refused with the right error") {
    const std::vector<std::uint8_t> good = busy_battle().serialize();
    using enum restore_error;
    auto error_of = [](std::vector<std::uint8_t> bytes) {
      auto r = battle::restore(bytes);
      return r.ok() ? restore_error{255} : r.error();
    };
    // Every strict prefix is truncated.
    for (std::size_t n = 0; n < good.size(); n += 7) CHECK(error_of({good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)}) == truncated);
    auto bad = good;
    bad[0] = 'X';
    CHECK(error_of(bad) == bad_magic);
    bad = good;
    bad[4] = 99;
    CHECK(error_of(bad) == bad_version);
    bad = good;
    bad.push_back(0);
    CHECK(error_of(bad) == trailing_bytes);
    // Offsets: header 6, tick 4, rng 8, rules 25 * 4, then the match.
    const std::size_t match_at = 6 + 4 + 8 + 25 * 4;
    bad = good;
    bad[match_at] = 9;  // no such phase
    CHECK(error_of(bad) == bad_value);
    const std::size_t first_player = match_at + 1 + 4 + 1 + 2;
    bad = good;
    bad[first_player] = 2;  // a bool that is neither 0 nor 1
    CHECK(error_of(bad) == bad_value);
    bad = good;
    bad[6 + 4 + 8] = 0;  // player_radius 0: invalid rules
    bad[6 + 4 + 8 + 1] = 0;
    CHECK(error_of(bad) == bad_value);
  }

  TEST_CASE("random corruption never crashes: each payload is refused or plays on") {
    const std::vector<std::uint8_t> good = busy_battle().serialize();
    rng r{99};
    int accepted = 0;
    for (int i = 0; i < 300; ++i) {
      auto bytes = good;
      for (int k = 0; k < 3; ++k) bytes[r.below(static_cast<std::uint32_t>(bytes.size()))] = static_cast<std::uint8_t>(r.below(256));
      auto restored = battle::restore(bytes);
      if (!restored.ok()) continue;
      ++accepted;
      for (int t = 0; t < 20; ++t) restored->step(random_inputs(r));
    }
    CHECK(accepted > 0);  // most flips land on harmless fields
  }

  TEST_CASE("invalid rules given to the constructor fall back to the defaults") {
    rules r;
    r.player_radius = 0;
    CHECK_FALSE(valid(r));
    battle b(1, r);
    CHECK(b.state().rules == rules{});
    CHECK(valid(rules{}));
  }
}
