// lockstep_battle: the room's battle driven by room ticks and presence masks,
// the one place where a bundle turns into joins, leaves and a step; the
// session and the in-process room both use it, so every peer applies a tick
// the same way.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "skirmish/game/battle.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/wire/protocol.hpp"
#include "skirmish/wire/relay_messages.hpp"

namespace skirmish::game {

// One tick ready to apply: who is present and their decoded inputs.
struct tick_inputs {
  wire::tick_t tick = 0;
  std::uint8_t presence = 0;
  inputs_by_slot inputs{};
};

// Checks a relay bundle against the room (presence bits below `room_slots`,
// payloads the game accepts) and decodes it; the error is a sentence.
[[nodiscard]] rt::result<tick_inputs, std::string> to_tick_inputs(const wire::bundle& b, int room_slots);

class lockstep_battle {
 public:
  // note: the battle counts its own ticks from 0; room tick t is battle tick
  // t - start_tick on every peer, so hashes agree whatever start_tick is.
  lockstep_battle(std::uint64_t seed, wire::tick_t start_tick) : battle_(seed), start_tick_(start_tick) {}

  // Plays tick next_tick(): first the slots whose presence changed join or
  // leave (exactly at this tick, on every peer), then the step.
  void apply(const tick_inputs& t);

  // The room tick the next step plays: the first tick not applied.
  [[nodiscard]] wire::tick_t next_tick() const noexcept { return start_tick_ + battle_.tick(); }
  [[nodiscard]] wire::tick_t start_tick() const noexcept { return start_tick_; }
  // The presence mask of the last applied tick (0 before the first).
  [[nodiscard]] std::uint8_t presence() const noexcept { return presence_; }
  [[nodiscard]] const battle& sim() const noexcept { return battle_; }
  [[nodiscard]] std::uint64_t state_hash() const { return battle_.state_hash(); }

 private:
  battle battle_;
  wire::tick_t start_tick_;
  std::uint8_t presence_ = 0;
};

}  // namespace skirmish::game
