// matchmaker: the directory of matchmade rooms, oldest first.
#include "skirmish/relay/matchmaker.hpp"

#include <algorithm>

namespace skirmish::relay {

namespace {
constexpr char digits36[] = "0123456789abcdefghijklmnopqrstuvwxyz";

void append_base36(std::string& out, std::uint64_t v) {
  char buf[16];
  std::size_t n = 0;
  do {
    buf[n++] = digits36[v % 36];
    v /= 36;
  } while (v != 0);
  while (n > 0) out += buf[--n];
}
}  // namespace

std::string matchmaker::assign(bool spectator) {
  for (entry& e : entries_) {
    if (!e.open) continue;
    const std::size_t taken = std::size_t{e.players} + e.pending_players;
    if (spectator ? taken > 0 : taken < max_players_) {
      ++(spectator ? e.pending_spectators : e.pending_players);
      return e.id;
    }
  }
  entry e{.id = new_id()};
  ++(spectator ? e.pending_spectators : e.pending_players);
  entries_.push_back(std::move(e));
  return entries_.back().id;
}

void matchmaker::apply(const room_report& r) {
  entry* e = find(r.room);
  if (e == nullptr) return;  // a room the directory already forgot
  e->players = r.players;
  e->pending_players = static_cast<std::uint16_t>(e->pending_players - std::min(e->pending_players, r.settled_players));
  e->pending_spectators =
      static_cast<std::uint16_t>(e->pending_spectators - std::min(e->pending_spectators, r.settled_spectators));
  e->disposed = r.disposed;
  e->open = r.open;
  if (r.disposed) {
    e->players = 0;
    // note: a hello still on its way will create the room again, so the entry stays until it arrives.
    if (e->pending_players == 0 && e->pending_spectators == 0) {
      entries_.erase(entries_.begin() + (e - entries_.data()));
    }
  }
}

int matchmaker::players_in(const std::string& room) const noexcept {
  for (const entry& e : entries_) {
    if (e.id == room) return e.players + e.pending_players;
  }
  return -1;
}

std::string matchmaker::new_id() {
  // note: "mm-<sequence>-<random>": unique, and not guessable, so a stranger
  // cannot aim a named hello at a matchmade room before the matchmaker fills it.
  std::string id = "mm-";
  append_base36(id, ++created_);
  id += '-';
  std::uint64_t r = random_.next_u64();
  for (int i = 0; i < 6; ++i) {
    id += digits36[r % 36];
    r /= 36;
  }
  return id;
}

matchmaker::entry* matchmaker::find(const std::string& id) noexcept {
  for (entry& e : entries_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

}  // namespace skirmish::relay
