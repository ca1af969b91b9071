// lockstep_battle: a bundle checked and decoded, then joins, leaves and the step of one tick.
#include "skirmish/game/lockstep_battle.hpp"

#include <cstddef>

#include "text_cat.hpp"

namespace skirmish::game {

rt::result<tick_inputs, std::string> to_tick_inputs(const wire::bundle& b, int room_slots) {
  tick_inputs t;
  t.tick = b.tick;
  t.presence = b.presence;
  for (int slot = 0; slot < static_cast<int>(wire::max_slots); ++slot) {
    if (!b.present(static_cast<std::size_t>(slot))) continue;
    if (slot >= room_slots) {
      return rt::fail(detail::cat("slot ", slot, " is present but the room has ", room_slots, " slots"));
    }
    const wire::bytes_view payload = b.inputs[static_cast<std::size_t>(slot)];
    if (payload.size() > input::wire_size) {
      return rt::fail(detail::cat("slot ", slot, "'s input is ", payload.size(), " bytes, the game takes at most ",
                                  input::wire_size));
    }
    t.inputs[static_cast<std::size_t>(slot)] =
        input::decode({reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()});
  }
  return t;
}

void lockstep_battle::apply(const tick_inputs& t) {
  const unsigned changed = static_cast<unsigned>(presence_ ^ t.presence);
  // note: leaves first, then joins, each in slot order: the order shows in
  // the events, and every peer must produce the same ones.
  for (int slot = 0; slot < max_slots; ++slot) {
    if ((changed >> slot & 1u) != 0 && (t.presence >> slot & 1u) == 0) battle_.remove_player(slot);
  }
  for (int slot = 0; slot < max_slots; ++slot) {
    if ((changed >> slot & 1u) != 0 && (t.presence >> slot & 1u) != 0) battle_.add_player(slot);
  }
  battle_.step(t.inputs);
  presence_ = t.presence;
}

}  // namespace skirmish::game
