// run_local_room: a local_room's tick clock as a task on the executor.
#pragma once

#include <cstdint>

#include "skirmish/game/local_room.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::game {

// Closes the room's ticks on its clock (tick_hz, on the executor's time)
// until the room is finished (every player has left).
[[nodiscard]] inline rt::task<> run_local_room(local_room& room) {
  rt::interval clock(room.tick_period());
  co_await clock.tick();  // the first beat completes at once
  while (!room.finished()) {
    const std::uint64_t beats = co_await clock.tick();
    for (std::uint64_t i = 0; i < beats && !room.finished(); ++i) room.close_tick();
  }
}

}  // namespace skirmish::game
