// battle: the deterministic simulation. Feed it every slot's input once per
// tick; the same seed, joins and inputs give the same state on every machine.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "skirmish/game/arena.hpp"
#include "skirmish/game/battle_state.hpp"
#include "skirmish/game/event.hpp"
#include "skirmish/game/input.hpp"
#include "skirmish/game/rules.hpp"
#include "skirmish/rt/result.hpp"

namespace skirmish::game {

// Why a serialized state was refused.
enum class restore_error : std::uint8_t {
  truncated,      // the bytes end before the state does
  bad_magic,      // not a serialized battle
  bad_version,    // written by another format version
  bad_value,      // a field out of its range (a count, an enum, a slot, a position)
  trailing_bytes, // bytes left over after the state
};

class battle {
 public:
  // The format serialize() writes; bump it with any change to the fields.
  static constexpr std::uint16_t format_version = 1;

  // A battle in warmup with no players, driven by the room's seed. The rules
  // must be valid(); invalid rules are replaced by the defaults.
  explicit battle(std::uint64_t seed, const game::rules& r = {});

  // A battle from serialize()'s bytes (a late spectator, a test); a bad or
  // hostile payload gives an error, never a crash.
  [[nodiscard]] static rt::result<battle, restore_error> restore(std::span<const std::uint8_t> bytes);

  // Slot changes take effect at the next step, so call them between steps
  // exactly where the relay says (before the step of the tick it names), on
  // every peer alike. A joining slot starts with no score and spawns on the
  // next step; a leaving slot's projectiles vanish with it. Each returns
  // false, changing nothing, for a bad slot or one already in that state.
  bool add_player(int slot);
  bool remove_player(int slot);

  // Plays tick state().tick with one input per slot, then increments the tick.
  void step(const inputs_by_slot& inputs);

  // FNV-1a 64 of serialize(): every gameplay field in a fixed order.
  [[nodiscard]] std::uint64_t state_hash() const;

  // The canonical state as bytes (format in client/sim/src/canonical.cpp).
  [[nodiscard]] std::vector<std::uint8_t> serialize() const;

  // Everything there is to draw: players (with prev_pos for interpolation),
  // projectiles, pickups, the match clock and phase, scores and cooldowns.
  [[nodiscard]] const battle_state& state() const { return state_; }

  // Direct write access for tests, tools and benchmarks that stage a
  // situation; a lockstep session must never use it.
  [[nodiscard]] battle_state& mutable_state() { return state_; }

  // The events of the last step, plus joins and leaves since then. Copy them
  // out after each step if the renderer may run several steps per frame.
  [[nodiscard]] std::span<const event> events() const { return events_; }

  [[nodiscard]] static const arena& map() { return arena::standard(); }
  [[nodiscard]] std::uint32_t tick() const { return state_.tick; }

 private:
  battle() = default;

  battle_state state_;
  std::vector<event> events_;
};

}  // namespace skirmish::game
