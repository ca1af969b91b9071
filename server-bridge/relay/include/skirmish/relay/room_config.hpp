// room_config: the settings every room of a relay shares; welcome repeats most of them.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "skirmish/rt/time.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::relay {

struct room_config {
  std::uint8_t max_players = wire::max_slots;  // slots per room, 1 to 8
  std::uint8_t tick_hz = 30;                    // ticks per second, 1 to 255
  std::uint8_t input_delay = 2;                 // ticks, 0 to 64
  std::uint16_t hash_interval = 30;             // ticks between hash reports, at least 1
  std::uint16_t reconnect_window_s = 30;        // how long a dropped player's slot is held
  // Ticks of encoded bundles a room keeps for joiners and reconnects. note:
  // this is the memory bound of a room's history (each tick is one shared
  // bundle of 6 to 143 bytes plus a 2-byte frame header, a 16-byte block
  // header and an 8-byte handle), and
  // it is also how long a room accepts new players and spectators, since a
  // joiner needs every tick from the start (PROTOCOL.md: history_unavailable).
  std::uint32_t history_ticks = 600 * 30;
  // How long a room with no connection and no held slot lives on.
  rt::duration empty_grace = std::chrono::seconds(10);
  // How long hash reports for a tick are awaited after the first one (the spec's one second).
  rt::duration hash_wait = std::chrono::seconds(1);

  // The ideal time between two ticks' closes.
  [[nodiscard]] rt::duration tick_period() const noexcept { return std::chrono::nanoseconds(1'000'000'000 / tick_hz); }
  // How far ahead of the relay's next tick an input may be (PROTOCOL.md: bad_tick).
  [[nodiscard]] std::uint32_t max_input_lead() const noexcept { return std::uint32_t{input_delay} + tick_hz; }
};

}  // namespace skirmish::relay
