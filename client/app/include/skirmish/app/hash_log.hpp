// hash_log: the state hashes this client saw at every hash tick, for tests
// that compare peers and for the page's debug overlay.
#pragma once

#include <cstdint>
#include <map>

#include "skirmish/wire/protocol.hpp"

namespace skirmish::app {

class hash_log {
 public:
  static constexpr std::size_t max_entries = 4096;

  // Keeps the first hash seen for `tick` (a replay after a reconnect must agree).
  void record(wire::tick_t tick, std::uint64_t hash);
  [[nodiscard]] const std::map<wire::tick_t, std::uint64_t>& entries() const noexcept { return entries_; }
  // Ticks recorded twice with different hashes: this client disagreed with itself.
  [[nodiscard]] std::uint32_t conflicts() const noexcept { return conflicts_; }

 private:
  std::map<wire::tick_t, std::uint64_t> entries_;
  std::uint32_t conflicts_ = 0;
};

}  // namespace skirmish::app
