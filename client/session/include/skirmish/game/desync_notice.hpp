// desync_notice: the relay found that the players' simulations diverged.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "skirmish/wire/protocol.hpp"

namespace skirmish::game {

struct desync_notice {
  struct report {
    int slot = 0;
    std::uint64_t hash = 0;
  };
  wire::tick_t tick = 0;          // the first tick whose hashes disagree
  std::uint8_t disagreeing = 0;   // mask of the slots that disagree with the majority
  std::vector<report> reports;    // every hash reported for that tick, slots increasing
  std::optional<std::uint64_t> my_hash;  // our own hash of that tick, if we still have it
  bool me_disagreeing = false;    // our slot is in the disagreeing mask

  [[nodiscard]] bool disagrees(int slot) const noexcept {
    return slot >= 0 && slot < 8 && (disagreeing >> slot & 1u) != 0;
  }
};

}  // namespace skirmish::game
