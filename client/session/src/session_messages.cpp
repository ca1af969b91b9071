// session: what each relay message means, and every check that keeps a
// hostile or broken relay from crashing the client or desyncing it silently.
#include <algorithm>
#include <chrono>

#include "skirmish/game/session.hpp"
#include "text_cat.hpp"

namespace skirmish::game {

using detail::cat;

namespace {

// What an error code means to a player.
std::string_view describe(wire::error_code c) {
  using wire::error_code;
  switch (c) {
    case error_code::bad_message: return "the relay refused one of our messages";
    case error_code::unsupported_version: return "the relay speaks another protocol version";
    case error_code::room_full: return "the room is full";
    case error_code::too_many_rooms: return "the relay has too many rooms";
    case error_code::server_full: return "the relay is full";
    case error_code::rate_limited: return "we sent too many messages";
    case error_code::bad_tick: return "the relay refused a tick number";
    case error_code::unknown_token: return "the relay no longer holds our slot";
    case error_code::not_allowed: return "the relay refused a message out of order";
    case error_code::history_unavailable: return "the relay no longer has the ticks we missed";
    case error_code::timeout: return "the relay timed the connection out";
    case error_code::slow_consumer: return "the connection was too slow";
    case error_code::room_closed: return "the room was closed";
    case error_code::replaced: return "this player joined again from another connection";
    case error_code::shutting_down: return "the relay is shutting down";
    case error_code::internal: return "the relay had an internal error";
  }
  return "the relay reported an error";
}

}  // namespace

void session::handle(const wire::error& m) {
  last_error_ = relay_error{m.code, std::string(m.reason)};
  const std::string what = cat(describe(m.code), " (", wire::name_of(m.code), m.reason.empty() ? "" : ": ",
                               m.reason, ")");
  // note: a connection that was too slow or idle is worth another try with
  // the token; nothing else the relay can say would go better a second time.
  const bool transient = m.code == wire::error_code::slow_consumer || m.code == wire::error_code::timeout;
  if (transient && battle_ && (token_ || config_.spectator)) {
    status_ = what;
    close_ = close_request{close_normal, ""};
    link_ = link::closing;
    return;
  }
  if (m.code == wire::error_code::room_closed || m.code == wire::error_code::shutting_down) {
    end(what);
    close_ = close_request{close_normal, ""};
    link_ = link::closing;
    return;
  }
  fail(what, close_normal);
}

bool session::check_welcome(const wire::welcome& m) {
  if (config_.spectator && !m.is_spectator()) {
    fail(cat("asked to watch, but the welcome gave us slot ", m.slot));
    return false;
  }
  if (!config_.spectator && m.is_spectator()) {
    fail("asked to play, but the welcome made us a spectator");
    return false;
  }
  if (room_ != wire::auto_room && m.room != room_) {
    fail(cat("asked for room ", room_, ", but the welcome is for room ", m.room));
    return false;
  }
  if (battle_) {
    // A reconnect: the room and our place in it must be the ones we left.
    const char* changed = nullptr;
    if (m.seed != seed_) changed = "seed";
    else if (m.start_tick != start_tick_) changed = "start tick";
    else if (m.max_slots != max_slots_) changed = "slot count";
    else if (m.tick_hz != tick_hz_) changed = "tick rate";
    else if (m.input_delay != input_delay_) changed = "input delay";
    else if (m.hash_interval != hash_interval_) changed = "hash interval";
    if (changed != nullptr) {
      fail(cat("the welcome after a reconnect changed the room's ", changed));
      return false;
    }
    if (slot_ && m.slot != *slot_) {
      fail(cat("the reconnect gave us slot ", m.slot, " instead of our slot ", *slot_));
      return false;
    }
    if (m.current_tick < battle_->next_tick()) {
      fail(cat("the welcome's current tick ", m.current_tick, " is before tick ", battle_->next_tick(),
               " that we already reached"));
      return false;
    }
  }
  if (!m.is_spectator()) {
    const wire::roster_entry* mine = nullptr;
    for (const wire::roster_entry& e : m.roster) {
      if (e.slot == m.slot) mine = &e;
    }
    if (mine == nullptr || !mine->connected) {
      fail(cat("the welcome's roster does not list us as connected in our slot ", m.slot));
      return false;
    }
  }
  return true;
}

void session::handle(const wire::welcome& m, rt::instant now) {
  if (!check_welcome(m)) return;
  if (!battle_) {
    room_ = m.room;
    seed_ = m.seed;
    start_tick_ = m.start_tick;
    max_slots_ = m.max_slots;
    tick_hz_ = m.tick_hz;
    input_delay_ = m.input_delay;
    hash_interval_ = m.hash_interval;
    battle_.emplace(m.seed, m.start_tick);
  }
  reconnect_window_s_ = m.reconnect_window_s;
  if (m.is_spectator()) {
    slot_.reset();
    token_.reset();
  } else {
    slot_ = m.slot;
    token_ = m.reconnect_token;  // the token may change: keep the newest
  }
  roster_.clear();
  for (const wire::roster_entry& e : m.roster) roster_.set(e.slot, e.name, e.connected);
  promised_ = {};
  link_ = link::welcomed;
  live_from_ = m.current_tick;
  last_input_tick_.reset();
  attempts_ = 0;
  dropped_at_.reset();
  status_.clear();
  phase_ = session_phase::catching_up;
  update_live_phase();
  send_ping(now);
}

void session::update_live_phase() {
  if (phase_ == session_phase::catching_up && battle_->next_tick() >= live_from_) phase_ = session_phase::live;
}

void session::handle(const wire::history& m, rt::instant now) {
  const wire::tick_t next = battle_->next_tick();
  if (next >= live_from_) {
    fail(cat("the relay sent a history for ticks ", m.first_tick, "-", m.last_tick(), " after the history was complete"));
    return;
  }
  if (m.first_tick != next) {
    fail(cat("the history starts at tick ", m.first_tick, " but the next tick we need is ", next));
    return;
  }
  if (m.last_tick() >= live_from_) {
    fail(cat("the history runs to tick ", m.last_tick(), ", past the live tick ", live_from_));
    return;
  }
  // Check every entry before applying any, so a bad one leaves the battle whole.
  std::vector<tick_inputs> ticks;
  ticks.reserve(m.count);
  for (const wire::bundle& b : m) {
    auto t = to_tick_inputs(b, max_slots_);
    if (!t) {
      fail(cat("history entry for tick ", b.tick, ": ", t.error()));
      return;
    }
    ticks.push_back(*t);
  }
  if (ticks.size() != m.count) {
    fail("the history's entries end early");
    return;
  }
  for (const tick_inputs& t : ticks) apply(t, now);
  update_live_phase();
}

void session::handle(const wire::bundle& m, rt::instant now) {
  const wire::tick_t next = battle_->next_tick();
  if (m.tick < next) {
    fail(cat("the bundle for tick ", m.tick, " repeats a tick already applied (the next is ", next, ")"));
    return;
  }
  if (m.tick > next) {
    fail(cat("the bundle for tick ", m.tick, " skips ticks: the next is ", next));
    return;
  }
  if (m.tick < live_from_) {
    fail(cat("a live bundle for tick ", m.tick, " came while the history still owed ticks ", next, "-",
             live_from_ - 1));
    return;
  }
  auto t = to_tick_inputs(m, max_slots_);
  if (!t) {
    fail(cat("the bundle for tick ", m.tick, ": ", t.error()));
    return;
  }
  if (slot_ && !m.present(static_cast<std::size_t>(*slot_))) {
    fail(cat("the bundle for tick ", m.tick, " leaves out our slot ", *slot_));
    return;
  }
  for (std::size_t i = 0; i < promised_.size(); ++i) {
    const auto& p = promised_[i];
    if (p && m.tick >= p->from && m.present(i) != p->present) {
      fail(cat("the bundle for tick ", m.tick, p->present ? " leaves out slot " : " still has slot ", i,
               ", which a notice said is ", p->present ? "present" : "gone", " from tick ", p->from));
      return;
    }
  }
  apply(*t, now);
  update_live_phase();
}

void session::apply(const tick_inputs& t, rt::instant now) {
  battle_->apply(t);
  last_step_at_ = now;
  for (event e : battle_->sim().events()) {
    e.tick += start_tick_;
    events_.push_back(e);
  }
  if (events_.size() > config_.max_events) {
    // note: nobody is reading (a headless bot): drop the older half at once
    // rather than shifting the whole buffer by a few events every tick.
    const std::size_t keep = config_.max_events / 2;
    events_.erase(events_.begin(), events_.end() - static_cast<std::ptrdiff_t>(keep));
  }
  const auto interval = static_cast<wire::tick_t>(hash_interval_);
  if (t.tick % interval == 0) {
    const std::uint64_t hash = battle_->state_hash();
    hashes_[(t.tick / interval) % hashes_.size()] = {t.tick, hash, true};
    if (slot_ && t.tick >= live_from_) send(wire::hash_report{t.tick, hash});
  }
  if (slot_ && source_ != nullptr) {
    const wire::tick_t target = t.tick + static_cast<wire::tick_t>(input_delay_);
    // note: inputs for ticks the relay closed before our welcome would only
    // be dropped; the strictly increasing order is per connection.
    if (target >= live_from_ && (!last_input_tick_ || target > *last_input_tick_)) {
      const input in = source_->input_for(target, *slot_, battle_->sim());
      const auto bytes = in.encode();
      send(wire::input{target, std::as_bytes(std::span(bytes))});
      last_input_tick_ = target;
    }
  }
}

void session::handle(const wire::player_joined& m) {
  if (m.slot >= max_slots_) {
    fail(cat("player_joined names slot ", m.slot, " but the room has ", max_slots_, " slots"));
    return;
  }
  if (slot_ && m.slot == *slot_) {
    fail(cat("player_joined names our own slot ", m.slot));
    return;
  }
  const roster_entry* existing = roster_.find(m.slot);
  if (m.reconnected && existing == nullptr) {
    fail(cat("player_joined says slot ", m.slot, " reconnected, but that slot is free"));
    return;
  }
  if (!m.reconnected && existing != nullptr) {
    fail(cat("player_joined gives slot ", m.slot, " to ", m.name, ", but ", existing->name, " holds it"));
    return;
  }
  roster_.set(m.slot, m.name, true);
  promised_[m.slot] = presence_promise{m.tick, true};
}

void session::handle(const wire::player_left& m) {
  if (m.slot >= max_slots_) {
    fail(cat("player_left names slot ", m.slot, " but the room has ", max_slots_, " slots"));
    return;
  }
  if (slot_ && m.slot == *slot_) {
    if (m.reason == wire::leave_reason::disconnected) {
      fail("player_left says we disconnected, on our own live connection");
      return;
    }
    end(m.reason == wire::leave_reason::kicked ? "the relay removed us from the room" : "the relay freed our slot");
    close_ = close_request{close_normal, ""};
    link_ = link::closing;
    return;
  }
  if (roster_.find(m.slot) == nullptr) {
    fail(cat("player_left names slot ", m.slot, ", which is free"));
    return;
  }
  // note: a dropped player's slot stays present while the relay holds it.
  if (m.reason == wire::leave_reason::disconnected) {
    roster_.set(m.slot, m.name, false);
  } else {
    roster_.erase(m.slot);
  }
  promised_[m.slot] = presence_promise{m.tick, m.reason == wire::leave_reason::disconnected};
}

void session::handle(const wire::desync& m) {
  if (m.tick % static_cast<wire::tick_t>(hash_interval_) != 0) {
    fail(cat("the desync notice names tick ", m.tick, ", which is not a hash tick (every ", hash_interval_, ")"));
    return;
  }
  desync_notice n;
  n.tick = m.tick;
  n.disagreeing = m.disagreeing;
  for (const wire::slot_hash& r : m.reports) {
    if (r.slot >= max_slots_) {
      fail(cat("the desync notice has a report for slot ", r.slot, " but the room has ", max_slots_, " slots"));
      return;
    }
    n.reports.push_back({r.slot, r.hash});
  }
  const tick_hash& mine = hashes_[(m.tick / static_cast<wire::tick_t>(hash_interval_)) % hashes_.size()];
  if (mine.used && mine.tick == m.tick) n.my_hash = mine.hash;
  n.me_disagreeing = slot_ && n.disagrees(*slot_);
  // note: the relay reports only a room's first bad tick; keep the earliest.
  if (!desync_ || m.tick < desync_->tick) desync_ = std::move(n);
}

void session::handle(const wire::pong& m, rt::instant now) {
  auto p = std::find_if(pings_.begin(), pings_.end(),
                        [&](const sent_ping& s) { return s.used && s.client_time == m.client_time; });
  if (p == pings_.end()) {
    fail(cat("the relay answered a ping we did not send (", m.client_time, ")"));
    return;
  }
  const wire::tick_t floor = std::max(live_from_, battle_->next_tick());
  if (m.relay_tick < floor) {
    fail(cat("the pong says the relay's next tick is ", m.relay_tick, ", but it already sent tick ", floor - 1));
    return;
  }
  p->used = false;
  const rt::duration rtt = now - p->at;
  rtt_ = rtt;
  srtt_ = srtt_ ? *srtt_ + (rtt - *srtt_) / 8 : rtt;
  relay_tick_ = m.relay_tick;
}

}  // namespace skirmish::game
