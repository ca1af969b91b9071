// Battle simulation benchmarks, the same source natively and in wasm: one
// step with 8 players and 200 projectiles in flight, a step of real bot play,
// the state hash, serialization and one bot's thinking. Prints one JSON
// object per line for bench/game.bench.mjs to collect.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "skirmish/game/battle.hpp"
#include "skirmish/game/bot.hpp"

using namespace skirmish::game;

namespace {

// Keeps results observable so the optimizer cannot drop the work.
std::uint64_t sink = 0;

using clock_type = std::chrono::steady_clock;

double elapsed_ns(clock_type::time_point start) {
  return std::chrono::duration<double, std::nano>(clock_type::now() - start).count();
}

// note: the median of five runs resists the noise of a shared machine
// better than one long run.
template <class Run>
double median_ns_per_op(Run run) {
  std::vector<double> runs;
  for (int rep = 0; rep < 5; ++rep) runs.push_back(run());
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

void report(const char* name, std::uint64_t ops, double ns, const char* extra = "") {
  std::printf("{\"benchmark\":\"%s\",\"ops\":%llu,\"ns_per_op\":%.3f%s}\n", name, static_cast<unsigned long long>(ops), ns, extra);
  std::fflush(stdout);
}

// Eight players spread over the arena, all firing, and exactly 200
// projectiles at full speed in random directions over open floor.
battle staged_fight() {
  battle b(42);
  for (int slot = 0; slot < max_slots; ++slot) b.add_player(slot);
  while (b.state().match.phase != match_phase::playing) b.step({});
  battle_state& s = b.mutable_state();
  const arena& map = arena::standard();
  rng r{7};
  auto open_point = [&] {
    for (;;) {
      const vec2 p{r.between(0, arena::size().x - 1), r.between(0, arena::size().y - 1)};
      if (!map.solid_at(p) && map.push_out(p, s.rules.player_radius) == p) return p;
    }
  };
  for (player& p : s.players) {
    p.pos = p.prev_pos = open_point();
    p.protect_ticks = 0;
  }
  s.projectile_count = 200;
  for (std::uint16_t i = 0; i < s.projectile_count; ++i) {
    projectile& pr = s.projectiles[i];
    pr.pos = pr.prev_pos = open_point();
    pr.vel = direction(static_cast<angle16>(r.below(65536)), s.rules.projectile_speed);
    pr.id = s.next_projectile_id++;
    pr.owner = static_cast<std::uint8_t>(i % max_slots);
    pr.ttl = static_cast<std::uint8_t>(r.between(10, s.rules.projectile_lifetime));
  }
  return b;
}

inputs_by_slot everyone_firing(std::uint32_t t) {
  inputs_by_slot in{};
  for (int slot = 0; slot < max_slots; ++slot) {
    static constexpr std::uint8_t keys[4] = {input::right, input::down, input::left, input::up};
    in[static_cast<std::size_t>(slot)] =
        input::aiming(static_cast<angle16>(t * 977 + static_cast<std::uint32_t>(slot) * 8192), input::fire | keys[(t / 20 + static_cast<std::uint32_t>(slot)) % 4]);
  }
  return in;
}

// Steps from the staged state: each op is one step of a fresh copy, so every
// measured step starts with exactly 200 projectiles in flight.
double step_200(const battle& staged) {
  constexpr int copies = 64;
  constexpr int rounds = 40;
  std::vector<battle> fights(copies, staged);
  double total = 0;
  for (int round = 0; round < rounds; ++round) {
    for (battle& f : fights) f = staged;
    const inputs_by_slot in = everyone_firing(static_cast<std::uint32_t>(round));
    const auto start = clock_type::now();
    for (battle& f : fights) f.step(in);
    total += elapsed_ns(start);
    for (battle& f : fights) sink += f.state().projectile_count;
  }
  return total / (copies * rounds);
}

// Records eight bots playing a match, to replay the inputs without the bots.
std::vector<inputs_by_slot> bot_match(int ticks) {
  battle b(3);
  std::vector<bot> bots;
  for (int slot = 0; slot < max_slots; ++slot) {
    b.add_player(slot);
    bots.emplace_back(slot, 100 + slot, bot_skill::level(1 + slot % 5));
  }
  std::vector<inputs_by_slot> log;
  for (int t = 0; t < ticks; ++t) {
    inputs_by_slot in{};
    for (bot& bt : bots) in[static_cast<std::size_t>(bt.slot())] = bt.think(b.state());
    b.step(in);
    log.push_back(in);
  }
  return log;
}

}  // namespace

int main(int argc, char** argv) {
  // An optional argument runs only the benchmark of that name (for profiling).
  const std::string_view only = argc > 1 ? argv[1] : "";
  auto wanted = [&](std::string_view name) { return only.empty() || only == name; };
  const battle staged = staged_fight();

  if (wanted("step_8p_200proj")) {
    report("step_8p_200proj", 64 * 40, median_ns_per_op([&] { return step_200(staged); }), ",\"players\":8,\"projectiles\":200");
  }

  if (wanted("step_8p_bot_match")) {
    constexpr int ticks = 3000;
    const auto log = bot_match(ticks);
    std::uint64_t projectiles = 0;
    const double ns = median_ns_per_op([&] {
      battle b(3);
      for (int slot = 0; slot < max_slots; ++slot) b.add_player(slot);
      projectiles = 0;
      const auto start = clock_type::now();
      for (const inputs_by_slot& in : log) {
        b.step(in);
        projectiles += b.state().projectile_count;
      }
      const double t = elapsed_ns(start);
      sink += b.state_hash();
      return t / ticks;
    });
    char extra[64];
    std::snprintf(extra, sizeof extra, ",\"players\":8,\"projectiles_avg\":%.1f", static_cast<double>(projectiles) / ticks);
    report("step_8p_bot_match", ticks, ns, extra);
  }

  if (wanted("state_hash_200proj")) {
    constexpr int n = 2000;
    report("state_hash_200proj", n, median_ns_per_op([&] {
             const auto start = clock_type::now();
             for (int i = 0; i < n; ++i) sink += staged.state_hash();
             return elapsed_ns(start) / n;
           }));
  }

  if (wanted("serialize_200proj")) {
    constexpr int n = 2000;
    const double ns = median_ns_per_op([&] {
      const auto start = clock_type::now();
      for (int i = 0; i < n; ++i) sink += staged.serialize().size();
      return elapsed_ns(start) / n;
    });
    char extra[32];
    std::snprintf(extra, sizeof extra, ",\"bytes\":%zu", staged.serialize().size());
    report("serialize_200proj", n, ns, extra);
  }

  if (wanted("bot_think")) {
    // One bot's decision in a running 8-bot match (each op is one think).
    constexpr int ticks = 1500;
    const double ns = median_ns_per_op([&] {
      battle b(9);
      std::vector<bot> bots;
      for (int slot = 0; slot < max_slots; ++slot) {
        b.add_player(slot);
        bots.emplace_back(slot, 50 + slot, bot_skill::normal());
      }
      double thinking = 0;
      for (int t = 0; t < ticks; ++t) {
        inputs_by_slot in{};
        const auto start = clock_type::now();
        for (bot& bt : bots) in[static_cast<std::size_t>(bt.slot())] = bt.think(b.state());
        thinking += elapsed_ns(start);
        b.step(in);
      }
      return thinking / (ticks * max_slots);
    });
    report("bot_think", ticks * max_slots, ns);
  }
  return sink == 0 ? 1 : 0;
}
