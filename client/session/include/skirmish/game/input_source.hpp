// input_source: where the session gets the local player's input for a tick.
#pragma once

#include <concepts>
#include <utility>

#include "skirmish/game/battle.hpp"
#include "skirmish/game/input.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::game {

// The session asks once per tick it sends for, in increasing tick order, right
// after it applied the bundle of `tick - input_delay`; `view` is the battle as
// it stands then (its next step plays tick - input_delay + 1). After a
// reconnect it may ask again for ticks it asked before; the relay keeps the
// first input it got for a tick. It runs inside session::on_message, so it
// must not call back into the session (leave() from here would interleave).
class input_source {
 public:
  virtual ~input_source() = default;
  [[nodiscard]] virtual input input_for(wire::tick_t tick, int slot, const battle& view) = 0;
};

// An input_source from a callable `input(tick_t, int slot, const battle&)`.
template <class F>
  requires std::invocable<F&, wire::tick_t, int, const battle&>
class input_function final : public input_source {
 public:
  explicit input_function(F f) : f_(std::move(f)) {}
  input input_for(wire::tick_t tick, int slot, const battle& view) override { return f_(tick, slot, view); }

 private:
  F f_;
};

}  // namespace skirmish::game
