// ranking: the active players ordered for the scoreboard and for deciding a winner.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "skirmish/game/limits.hpp"

namespace skirmish::game {

struct battle_state;

struct ranking {
  std::array<std::uint8_t, max_slots> order{};  // slots, best first
  std::uint8_t count = 0;                       // active players ranked

  [[nodiscard]] std::span<const std::uint8_t> slots() const { return {order.data(), count}; }
};

// Active players by most kills, then fewest deaths, then lowest slot.
[[nodiscard]] ranking rank_players(const battle_state& s);

// The slot with strictly more kills than everyone else, or no_slot.
[[nodiscard]] std::uint8_t sole_kill_leader(const battle_state& s);

// The slot ahead of everyone on kills, or on deaths among those tied, or no_slot.
[[nodiscard]] std::uint8_t sole_leader(const battle_state& s);

}  // namespace skirmish::game
