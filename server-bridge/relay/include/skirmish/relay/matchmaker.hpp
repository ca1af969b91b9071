// matchmaker: the directory behind `room=auto`. It hands out the oldest
// matchmade room with a free slot (for a spectator: the oldest with players)
// that a newcomer can still catch up with, or a fresh room id, and follows
// those rooms through the owners' reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "skirmish/relay/random_source.hpp"
#include "skirmish/relay/room_report.hpp"

namespace skirmish::relay {

// note: the sharded design. Rooms live on the worker that owner_of() names,
// so no worker sees every room. One matchmaker (on worker 0) owns the
// directory of *matchmade* rooms, a plain struct like everything else; a
// worker that reads an `auto` hello asks it through worker 0's inbox
// (assign), then hands the connection to the room's owner; owners post
// room_reports back as their matchmade rooms fill, empty and die. The
// directory may lag the rooms by one inbox hop, so it counts the players it
// has sent and not yet seen arrive (`pending`) as taken; an owner that finds
// the room full after all refuses with room_full and the client retries.
// Rooms with names chosen by clients never enter the directory. With a single
// worker the shard calls the matchmaker directly.
class matchmaker {
 public:
  // Rooms of `max_players` slots. `random` makes room ids unguessable.
  matchmaker(std::uint8_t max_players, random_source random = {}) noexcept : max_players_(max_players), random_(random) {}

  // The room an `auto` hello goes to: an existing matchmade room (oldest
  // first) or a new id, which then counts as the newest room.
  [[nodiscard]] std::string assign(bool spectator);

  // Applies an owner's report (reports from one owner arrive in order).
  void apply(const room_report& r);

  [[nodiscard]] std::size_t rooms() const noexcept { return entries_.size(); }
  // Players in `room` as the directory sees them (reported + pending); -1 if unknown.
  [[nodiscard]] int players_in(const std::string& room) const noexcept;

 private:
  struct entry {
    std::string id;
    std::uint8_t players = 0;  // as last reported
    std::uint16_t pending_players = 0;  // assigned, not yet reported as settled
    std::uint16_t pending_spectators = 0;
    bool disposed = false;  // reported gone while assignments were still pending
    bool open = true;       // its history still reaches its first tick
  };

  [[nodiscard]] std::string new_id();
  entry* find(const std::string& id) noexcept;

  std::uint8_t max_players_;
  random_source random_;
  std::uint64_t created_ = 0;
  std::vector<entry> entries_;  // oldest first
};

}  // namespace skirmish::relay
