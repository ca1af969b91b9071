// hash_tracker: collecting hash reports and finding the first tick whose hashes disagree.
#include "skirmish/relay/hash_tracker.hpp"

#include <algorithm>

namespace skirmish::relay {

void hash_tracker::report(wire::tick_t t, std::uint8_t slot, std::uint64_t hash, rt::instant now) {
  if (done_ || slot >= wire::max_slots) return;
  if (compared_through_ && t <= *compared_through_) return;
  auto it = std::lower_bound(pending_.begin(), pending_.end(), t, [](const entry& e, wire::tick_t v) { return e.tick < v; });
  if (it == pending_.end() || it->tick != t) {
    // note: a client naming many old ticks cannot grow this without bound;
    // its extra reports are ignored until the waiting ticks are compared.
    if (pending_.size() >= max_pending_ticks) return;
    it = pending_.insert(it, entry{.tick = t, .first_at = now});
  }
  const std::uint8_t bit = static_cast<std::uint8_t>(1u << slot);
  if ((it->reported & bit) != 0) return;  // the first report of a slot counts
  it->reported = static_cast<std::uint8_t>(it->reported | bit);
  it->hashes[slot] = hash;
}

std::optional<wire::desync> hash_tracker::compare_first(std::size_t n) {
  std::optional<wire::desync> found;
  for (std::size_t i = 0; i < n && !found; ++i) {
    compared_through_ = pending_[i].tick;
    found = compare(pending_[i]);
  }
  if (found) {
    done_ = true;
    pending_.clear();
    return found;
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
  return std::nullopt;
}

std::optional<wire::desync> hash_tracker::compare(const entry& e) {
  // Count each distinct hash among the reporting slots.
  std::array<std::uint64_t, wire::max_slots> values{};
  std::array<std::uint8_t, wire::max_slots> votes{};
  std::size_t distinct = 0;
  std::size_t reporting = 0;
  for (std::uint8_t s = 0; s < wire::max_slots; ++s) {
    if ((e.reported >> s & 1u) == 0) continue;
    ++reporting;
    std::size_t k = 0;
    while (k < distinct && values[k] != e.hashes[s]) ++k;
    if (k == distinct) values[distinct++] = e.hashes[s];
    ++votes[k];
  }
  if (distinct < 2) return std::nullopt;

  // The majority must be strict; without one every reporting slot disagrees.
  std::optional<std::uint64_t> majority;
  for (std::size_t k = 0; k < distinct; ++k) {
    if (2 * votes[k] > reporting) majority = values[k];
  }
  wire::desync d;
  d.tick = e.tick;
  for (std::uint8_t s = 0; s < wire::max_slots; ++s) {
    if ((e.reported >> s & 1u) == 0) continue;
    d.reports.push_back({s, e.hashes[s]});
    if (!majority || e.hashes[s] != *majority) d.disagreeing = static_cast<std::uint8_t>(d.disagreeing | 1u << s);
  }
  return d;
}

}  // namespace skirmish::relay
