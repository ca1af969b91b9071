// roster: the names in a room's slots, as the welcome and the join/leave notices tell them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "skirmish/wire/protocol.hpp"

namespace skirmish::game {

struct roster_entry {
  int slot = 0;
  std::string name;
  bool connected = true;  // false: dropped, the slot is held for a reconnect
};

class roster {
 public:
  // The entry of `slot`, or nothing for a free slot (or one out of range).
  [[nodiscard]] const roster_entry* find(int slot) const noexcept {
    if (slot < 0 || slot >= static_cast<int>(wire::max_slots) || !entries_[slot]) return nullptr;
    return &*entries_[slot];
  }
  // The name to show for `slot`: its roster name, else "player N" (a slot
  // that left before we joined still appears in replayed history).
  [[nodiscard]] std::string name_of(int slot) const {
    if (const roster_entry* e = find(slot)) return e->name;
    return "player " + std::to_string(slot + 1);
  }
  [[nodiscard]] int size() const noexcept {
    int n = 0;
    for (const auto& e : entries_) n += e ? 1 : 0;
    return n;
  }
  // Calls f(const roster_entry&) for every occupied slot, in slot order.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& e : entries_) {
      if (e) f(*e);
    }
  }

  void clear() noexcept { entries_ = {}; }
  void set(int slot, std::string_view name, bool connected) {
    entries_[static_cast<std::size_t>(slot)] = roster_entry{slot, std::string(name), connected};
  }
  void erase(int slot) noexcept { entries_[static_cast<std::size_t>(slot)].reset(); }

 private:
  std::array<std::optional<roster_entry>, wire::max_slots> entries_{};
};

}  // namespace skirmish::game
