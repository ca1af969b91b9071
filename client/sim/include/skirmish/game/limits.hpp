// The battle's fixed sizes and clock: slots, capacities and the tick rate.
#pragma once

#include <cstddef>
#include <cstdint>

namespace skirmish::game {

// Simulation steps per second; the session advances one step per tick.
inline constexpr int tick_rate = 30;

// Players in one battle; a slot index is 0 .. max_slots - 1.
inline constexpr int max_slots = 8;

// Marks "nobody" wherever a slot is expected (no winner, no attacker).
inline constexpr std::uint8_t no_slot = 0xff;

// Projectiles in flight at once; a shot fired when the pool is full is dropped.
// note: with the default rules 8 players sustain about 60, so only tuned rules
// (benchmarks) ever reach the cap.
inline constexpr std::size_t max_projectiles = 256;

}  // namespace skirmish::game
