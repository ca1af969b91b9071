// Scoreboard order and the leader checks the match flow ends a match with.
#include "skirmish/game/ranking.hpp"

#include "skirmish/game/battle_state.hpp"

namespace skirmish::game {
namespace {

// Whether slot a ranks before slot b.
bool ahead(const battle_state& s, int a, int b) {
  const player& pa = s.players[static_cast<std::size_t>(a)];
  const player& pb = s.players[static_cast<std::size_t>(b)];
  if (pa.kills != pb.kills) return pa.kills > pb.kills;
  if (pa.deaths != pb.deaths) return pa.deaths < pb.deaths;
  return a < b;
}

}  // namespace

ranking rank_players(const battle_state& s) {
  ranking r;
  for (int slot = 0; slot < max_slots; ++slot) {
    if (!s.players[static_cast<std::size_t>(slot)].active) continue;
    // Insertion sort: at most eight entries, and a stable, obvious order.
    int i = r.count++;
    while (i > 0 && ahead(s, slot, r.order[static_cast<std::size_t>(i - 1)])) {
      r.order[static_cast<std::size_t>(i)] = r.order[static_cast<std::size_t>(i - 1)];
      --i;
    }
    r.order[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(slot);
  }
  return r;
}

std::uint8_t sole_kill_leader(const battle_state& s) {
  const ranking r = rank_players(s);
  if (r.count == 0) return no_slot;
  if (r.count == 1) return r.order[0];
  const player& first = s.players[r.order[0]];
  const player& second = s.players[r.order[1]];
  return first.kills > second.kills ? r.order[0] : no_slot;
}

std::uint8_t sole_leader(const battle_state& s) {
  const ranking r = rank_players(s);
  if (r.count == 0) return no_slot;
  if (r.count == 1) return r.order[0];
  const player& first = s.players[r.order[0]];
  const player& second = s.players[r.order[1]];
  const bool ahead_strictly = first.kills != second.kills || first.deaths != second.deaths;
  return ahead_strictly ? r.order[0] : no_slot;
}

}  // namespace skirmish::game
