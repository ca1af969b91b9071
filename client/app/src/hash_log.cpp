// hash_log: bounded, first hash wins.
#include "skirmish/app/hash_log.hpp"

namespace skirmish::app {

void hash_log::record(wire::tick_t tick, std::uint64_t hash) {
  auto [it, fresh] = entries_.emplace(tick, hash);
  if (!fresh && it->second != hash) ++conflicts_;
  if (entries_.size() > max_entries) entries_.erase(entries_.begin());
}

}  // namespace skirmish::app
