// Determinism: long seeded runs and a scripted match must reproduce the
// golden hashes in golden.hpp bit for bit, natively and in wasm alike.
#include <doctest/doctest.h>

#include <cstdio>

#include "battle_fixture.hpp"
#include "golden.hpp"
#include "skirmish/game/rng.hpp"

using namespace skirmish::game;
using namespace skirmish::game::testing;

namespace {

// Folds each tick's state hash into one digest (FNV-1a over their bytes).
struct digest {
  std::uint64_t value = 0xcbf29ce484222325ULL;
  void add(std::uint64_t h) {
    for (int i = 0; i < 8; ++i) value = (value ^ ((h >> (8 * i)) & 0xff)) * 0x100000001b3ULL;
  }
};

// Random play that looks a little like people: each slot holds an input for
// a while and sweeps its aim; often it turns toward a random other player
// and fires, so that fights, kills and match ends actually happen.
struct random_players {
  rng r;
  std::array<input, max_slots> held{};
  std::array<int, max_slots> hold_left{};

  inputs_by_slot next(const battle_state& s) {
    inputs_by_slot in{};
    for (std::size_t slot = 0; slot < max_slots; ++slot) {
      if (hold_left[slot]-- <= 0) {
        hold_left[slot] = static_cast<int>(r.between(1, 20));
        held[slot].buttons = static_cast<std::uint8_t>(r.below(128));
        held[slot].aim = static_cast<angle16>(r.below(65536));
        const player& target = s.players[r.below(max_slots)];
        if (r.chance(60) && target.present()) {
          const vec2 d = target.pos - s.players[slot].pos;
          held[slot].aim = static_cast<angle16>(atan2_angle(d.y, d.x) + r.between(-600, 600));
          held[slot].buttons |= input::fire;
        }
      } else {
        held[slot].aim = static_cast<angle16>(held[slot].aim + r.between(-900, 900));
      }
      in[slot] = held[slot];
    }
    return in;
  }
};

// Prints the values to paste into golden.hpp when they differ (see there).
void report(const char* name, std::uint64_t digest_value, std::uint64_t final_hash, std::uint64_t golden_digest) {
  if (digest_value == golden_digest) return;
  std::printf("golden %s: digest 0x%016llxULL, final 0x%016llxULL\n", name,
              static_cast<unsigned long long>(digest_value), static_cast<unsigned long long>(final_hash));
}

}  // namespace

TEST_SUITE("determinism") {
  TEST_CASE("random inputs: 100,000 ticks for 8 players match the golden hashes") {
    battle b(0x5eed'cafe'f00d'0001ULL);
    for (int slot = 0; slot < max_slots; ++slot) b.add_player(slot);
    random_players players{rng{0xabcdef}};
    rng churn{0x1234};
    digest d;
    int matches_ended = 0, kills = 0, joins_and_leaves = 0;
    for (int t = 0; t < 100'000; ++t) {
      // About one join or leave every 30 seconds of play.
      if (churn.below(900) == 0) {
        const int slot = static_cast<int>(churn.below(max_slots));
        if (b.state().players[static_cast<std::size_t>(slot)].active) b.remove_player(slot);
        else b.add_player(slot);
        ++joins_and_leaves;
      }
      b.step(players.next(b.state()));
      d.add(b.state_hash());
      for (const event& e : b.events()) {
        kills += e.kind == event_kind::kill ? 1 : 0;
        matches_ended += e.kind == event_kind::phase_changed && e.amount == static_cast<int>(match_phase::ended) ? 1 : 0;
      }
    }
    report("random_run", d.value, b.state_hash(), golden::random_run_digest);
    // The run must exercise the rules, or agreeing on it would prove little.
    CHECK(kills > 50);
    CHECK(matches_ended >= 5);
    CHECK(joins_and_leaves > 50);
    CHECK(d.value == golden::random_run_digest);
    CHECK(b.state_hash() == golden::random_run_final);
  }

  TEST_CASE("scripted match: a fixed seed and scripted inputs match the golden hashes") {
    battle b(2024);
    for (int slot = 0; slot < 4; ++slot) b.add_player(slot);
    digest d;
    for (int t = 0; t < 3000; ++t) {
      inputs_by_slot in{};
      for (int k = 0; k < 4; ++k) {
        // Each player walks a square of its own size, sweeps its aim at its
        // own rate, fires in bursts and dashes now and then.
        static constexpr std::uint8_t sides[4] = {input::right, input::down, input::left, input::up};
        std::uint8_t buttons = sides[((t / (30 + 10 * k)) + k) % 4];
        if ((t / 10 + k) % 3 == 0) buttons |= input::fire;
        if (t % (97 + 13 * k) == 0) buttons |= input::ability;
        in[static_cast<std::size_t>(k)] = input::aiming(static_cast<angle16>(t * (300 + 170 * k)), buttons);
      }
      b.step(in);
      d.add(b.state_hash());
    }
    report("scripted", d.value, b.state_hash(), golden::scripted_digest);
    CHECK(d.value == golden::scripted_digest);
    CHECK(b.state_hash() == golden::scripted_final);
  }

  TEST_CASE("the same seed and inputs give the same hashes; another seed does not") {
    auto play = [](std::uint64_t seed) {
      battle b(seed);
      for (int slot = 0; slot < max_slots; ++slot) b.add_player(slot);
      random_players players{rng{7}};
      digest d;
      for (int t = 0; t < 2000; ++t) {
        b.step(players.next(b.state()));
        d.add(b.state_hash());
      }
      return d.value;
    };
    CHECK(play(1) == play(1));
    CHECK(play(1) != play(2));
  }
}
