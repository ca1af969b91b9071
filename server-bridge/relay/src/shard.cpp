// shard: one worker's rooms and sessions, hellos, and the room clocks.
#include "skirmish/relay/shard.hpp"

#include "skirmish/relay/room_owner.hpp"
#include "skirmish/relay/session.hpp"
#include "skirmish/rt/check.hpp"
#include "skirmish/rt/sleep.hpp"

namespace skirmish::relay {

shard::shard(rt::local_executor& ex, shard_config config, random_source random)
    : executor_(ex), config_(config), ctx_{.config = config.room, .metrics = {}, .random = random, .scratch = {}, .reports = {}} {}

shard::~shard() {
  rt::expect(sessions_ == 0, "a shard destroyed before its sessions");
  rooms_.clear();
}

bool shard::owns(std::string_view id) const noexcept {
  return owner_of(id, config_.worker_count) == config_.worker_index;
}

room* shard::find(std::string_view id) noexcept {
  auto it = rooms_.find(id);
  return it == rooms_.end() ? nullptr : &it->second->r;
}

std::vector<room_report> shard::take_reports() { return std::exchange(ctx_.reports, {}); }

void shard::shut_down() {
  for (session* s = first_session_; s != nullptr; s = s->next_) s->close(wire::error_code::shutting_down, "the relay is shutting down");
}

shard::admission shard::admit(session& s, const wire::hello& h, std::optional<std::string_view> assigned) {
  if (sessions_ > config_.max_connections) {
    return {admission::refused, {wire::error_code::server_full, "the relay has too many connections"}, {}};
  }
  const bool is_auto = h.room == wire::auto_room;
  std::string_view room_id = h.room;
  std::string picked;
  if (is_auto) {
    if (assigned && !assigned->empty()) {
      room_id = *assigned;
    } else if (matchmaker_ != nullptr) {
      // note: the directory first learns what happened to its rooms since it last looked.
      for (const room_report& r : take_reports()) matchmaker_->apply(r);
      picked = matchmaker_->assign(h.spectator);
      room_id = picked;
    } else {
      return {admission::routed, {}, {}};
    }
  }
  if (!owns(room_id)) return {admission::routed, {}, std::string(room_id)};
  if (auto ok = join(s, h, room_id, is_auto); !ok) return {admission::refused, ok.error(), {}};
  return {admission::joined, {}, {}};
}

rt::result<void, refusal> shard::join(session& s, const wire::hello& h, std::string_view room_id, bool matchmade) {
  room* r = find(room_id);
  bool created = false;
  if (r == nullptr) {
    if (h.reconnect_token) return rt::fail(refusal{wire::error_code::unknown_token, "no such room (any token it gave is dead)"});
    if (rooms_.size() >= config_.max_rooms) {
      if (matchmade) {
        ctx_.reports.push_back({.room = std::string(room_id), .players = 0, .disposed = true,
                                .settled_players = static_cast<std::uint16_t>(h.spectator ? 0 : 1),
                                .settled_spectators = static_cast<std::uint16_t>(h.spectator ? 1 : 0)});
      }
      return rt::fail(refusal{wire::error_code::too_many_rooms, "the relay has as many rooms as it allows"});
    }
    r = create(room_id);
    created = true;
  }
  if (matchmade) r->mark_matchmade();
  rt::result<void, refusal> joined = h.reconnect_token ? r->reconnect(s, h, now())
                                     : h.spectator     ? r->add_spectator(s, h, now())
                                                       : r->add_player(s, h, now());
  if (matchmade) r->report(!h.spectator, h.spectator);
  if (!joined && created) dispose(*r, false);
  return joined;
}

room* shard::create(std::string_view id) {
  auto entry = std::make_unique<room_entry>(std::string(id), ctx_, now());
  room& r = entry->r;
  entry->clock = executor_.spawn(run_clock(r));
  rooms_.emplace(std::string(id), std::move(entry));
  return &r;
}

void shard::dispose(room& r, bool from_clock) {
  if (r.matchmade()) r.report(false, false, true);
  auto it = rooms_.find(r.id());
  if (it == rooms_.end()) return;
  // note: the clock task disposing of its own room must not cancel itself
  // mid-step; detached, it is freed when it returns, right after this call.
  if (from_clock) it->second->clock.detach();
  rooms_.erase(it);
}

rt::task<void> shard::run_clock(room& r) {
  for (;;) {
    co_await rt::sleep_until(r.next_deadline());
    const rt::instant t = now();
    r.advance(t);
    if (r.disposable(t)) {
      dispose(r, true);
      co_return;  // `r` is gone
    }
  }
}

void shard::link(session& s) noexcept {
  s.next_ = first_session_;
  if (first_session_ != nullptr) first_session_->prev_ = &s;
  first_session_ = &s;
  ++sessions_;
}

void shard::unlink(session& s) noexcept {
  if (s.prev_ != nullptr) s.prev_->next_ = s.next_;
  else first_session_ = s.next_;
  if (s.next_ != nullptr) s.next_->prev_ = s.prev_;
  s.prev_ = s.next_ = nullptr;
  --sessions_;
}

}  // namespace skirmish::relay
