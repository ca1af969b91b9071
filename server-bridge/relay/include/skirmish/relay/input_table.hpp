// input_table: the inputs a room has received for the ticks it has not closed
// yet, one row per tick on a ring as wide as the furthest tick an input may
// name, so storing an input never allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "skirmish/wire/protocol.hpp"
#include "skirmish/wire/relay_messages.hpp"

namespace skirmish::relay {

class input_table {
 public:
  // Holds ticks `next` to `next + window - 1`, where `next` is the room's next tick.
  explicit input_table(std::size_t window) : rows_(window) {}

  [[nodiscard]] std::size_t window() const noexcept { return rows_.size(); }

  // Stores `slot`'s input for `t`; false (and nothing stored) when it already
  // has one: the first input for a tick is kept (PROTOCOL.md, reconnects).
  // The caller checks that `t` is inside the window.
  bool put(wire::tick_t t, std::uint8_t slot, wire::bytes_view payload) noexcept {
    row& r = at(t);
    if (r.has(slot)) return false;
    r.mask = static_cast<std::uint8_t>(r.mask | 1u << slot);
    r.length[slot] = static_cast<std::uint8_t>(payload.size());
    if (!payload.empty()) std::memcpy(r.data[slot].data(), payload.data(), payload.size());
    return true;
  }

  [[nodiscard]] bool has(wire::tick_t t, std::uint8_t slot) const noexcept { return at(t).has(slot); }

  // Fills `b` for tick `t`: every slot in `presence` with its input, or an
  // empty one when none came. The payloads are views into this table, valid
  // until the row is cleared.
  void fill(wire::tick_t t, std::uint8_t presence, wire::bundle& b) const noexcept {
    const row& r = at(t);
    b.tick = t;
    b.presence = 0;
    for (std::uint8_t s = 0; s < wire::max_slots; ++s) {
      if ((presence >> s & 1u) == 0) continue;
      if (r.has(s)) {
        b.set(s, wire::bytes_view(r.data[s].data(), r.length[s]));
      } else {
        b.set(s, {});
      }
    }
  }

  // Forgets tick `t` (it was closed; its row now serves tick t + window).
  void clear_tick(wire::tick_t t) noexcept { at(t).mask = 0; }
  // Forgets every input of `slot` (its player left; a newcomer starts clean).
  void clear_slot(std::uint8_t slot) noexcept {
    for (row& r : rows_) r.mask = static_cast<std::uint8_t>(r.mask & ~(1u << slot));
  }

 private:
  struct row {
    std::uint8_t mask = 0;  // bit s: slot s has sent its input for this tick
    std::array<std::uint8_t, wire::max_slots> length{};
    std::array<std::array<std::byte, wire::max_input_bytes>, wire::max_slots> data{};
    [[nodiscard]] bool has(std::uint8_t slot) const noexcept { return (mask >> slot & 1u) != 0; }
  };

  row& at(wire::tick_t t) noexcept { return rows_[t % rows_.size()]; }
  const row& at(wire::tick_t t) const noexcept { return rows_[t % rows_.size()]; }

  std::vector<row> rows_;
};

}  // namespace skirmish::relay
