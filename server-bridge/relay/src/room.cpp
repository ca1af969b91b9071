// room: the lockstep service of one room (PROTOCOL.md section 3).
#include "skirmish/relay/room.hpp"

#include <algorithm>

#include "skirmish/relay/encode_shared.hpp"
#include "skirmish/relay/session.hpp"
#include "skirmish/wire/history_builder.hpp"
#include "skirmish/wire/relay_messages.hpp"

namespace skirmish::relay {

room::room(std::string id, room_context& ctx, rt::instant created)
    : id_(std::move(id)),
      ctx_(ctx),
      created_(created),
      seed_(ctx.random.next_u64()),
      inputs_(ctx.config.max_input_lead() + 1),
      history_(0, ctx.config.history_ticks),
      hashes_(ctx.config.hash_wait),
      empty_since_(created) {
  ++ctx_.metrics.rooms;
  ++ctx_.metrics.rooms_created_total;
}

room::~room() {
  for (slot_state& st : slots_) {
    if (st.status == slot_status::connected) st.conn->detached();
  }
  for (session* s : spectators_) s->detached();
  ctx_.metrics.rooms -= 1;
  ctx_.metrics.players -= players();
  ctx_.metrics.spectators -= spectators_.size();
}

rt::instant room::deadline_of(wire::tick_t t) const noexcept {
  // note: computed from the creation time for every tick, so the clock never
  // drifts, whatever the rounding of 1 s / tick_hz.
  const std::uint64_t n = std::uint64_t{t - start_tick_} + 1;
  return created_ + std::chrono::nanoseconds(n * 1'000'000'000ull / ctx_.config.tick_hz);
}

std::uint8_t room::occupied_mask() const noexcept {
  std::uint8_t m = 0;
  for (std::uint8_t i = 0; i < wire::max_slots; ++i) {
    if (slots_[i].status != slot_status::free) m = static_cast<std::uint8_t>(m | 1u << i);
  }
  return m;
}

std::size_t room::players() const noexcept {
  return static_cast<std::size_t>(std::count_if(slots_.begin(), slots_.end(), [](const slot_state& s) { return s.status != slot_status::free; }));
}

std::size_t room::connections() const noexcept {
  const auto connected = std::count_if(slots_.begin(), slots_.end(), [](const slot_state& s) { return s.status == slot_status::connected; });
  return static_cast<std::size_t>(connected) + spectators_.size();
}

// ---- joining ----------------------------------------------------------------

rt::result<void, refusal> room::check_resume(wire::tick_t resume) const {
  const wire::tick_t from = std::max(resume, start_tick_);
  if (from > next_tick_) return rt::fail(refusal{wire::error_code::bad_tick, "resume_tick is after the relay's next tick"});
  if (from < next_tick_ && !history_.holds(from)) {
    return rt::fail(refusal{wire::error_code::history_unavailable, "the relay no longer has the ticks from resume_tick"});
  }
  return {};
}

rt::result<void, refusal> room::add_player(session& s, const wire::hello& h, rt::instant now) {
  if (auto ok = check_resume(h.resume_tick); !ok) return ok;
  std::uint8_t slot = 0;
  while (slot < ctx_.config.max_players && slots_[slot].status != slot_status::free) ++slot;
  if (slot >= ctx_.config.max_players) return rt::fail(refusal{wire::error_code::room_full, "every slot of the room is taken"});

  slot_state& st = slots_[slot];
  st.status = slot_status::connected;
  st.conn = &s;
  st.name.assign(h.name);
  st.token = new_token();
  st.reports_from = next_tick_;
  ++ctx_.metrics.players;
  s.joined(*this, slot);
  welcome(s, slot, st.token, h.resume_tick);
  broadcast(encode_shared(wire::player_joined{.tick = next_tick_, .slot = slot, .reconnected = false, .name = st.name}, ctx_.scratch), &s);
  occupancy_changed();
  update_empty(now);
  drop_slow_consumers(now);
  return {};
}

rt::result<void, refusal> room::add_spectator(session& s, const wire::hello& h, rt::instant now) {
  if (auto ok = check_resume(h.resume_tick); !ok) return ok;
  spectators_.push_back(&s);
  ++ctx_.metrics.spectators;
  s.joined(*this, wire::spectator_slot);
  welcome(s, wire::spectator_slot, wire::token{}, h.resume_tick);
  update_empty(now);
  return {};
}

rt::result<void, refusal> room::reconnect(session& s, const wire::hello& h, rt::instant now) {
  const wire::token& token = *h.reconnect_token;
  std::uint8_t slot = 0;
  while (slot < wire::max_slots && (slots_[slot].status == slot_status::free || slots_[slot].token != token)) ++slot;
  if (slot == wire::max_slots) {
    return rt::fail(refusal{wire::error_code::unknown_token, "no slot of this room holds that token (its window may have expired)"});
  }
  if (auto ok = check_resume(h.resume_tick); !ok) return ok;

  slot_state& st = slots_[slot];
  if (st.status == slot_status::connected) {
    // A half-open connection: the new one wins (PROTOCOL.md, reconnecting).
    session* old = st.conn;
    st.conn = nullptr;
    old->replaced();
  }
  st.status = slot_status::connected;
  st.conn = &s;
  st.token = new_token();  // note: rotated, so a token seen once cannot take the slot again
  st.reports_from = next_tick_;
  s.joined(*this, slot);
  welcome(s, slot, st.token, h.resume_tick);
  broadcast(encode_shared(wire::player_joined{.tick = next_tick_, .slot = slot, .reconnected = true, .name = st.name}, ctx_.scratch), &s);
  update_empty(now);
  drop_slow_consumers(now);
  return {};
}

void room::welcome(session& s, std::uint8_t slot, const wire::token& token, wire::tick_t resume) {
  const room_config& c = ctx_.config;
  wire::welcome w{
      .slot = slot,
      .max_slots = c.max_players,
      .tick_hz = c.tick_hz,
      .input_delay = c.input_delay,
      .hash_interval = c.hash_interval,
      .reconnect_window_s = c.reconnect_window_s,
      .seed = seed_,
      .start_tick = start_tick_,
      .current_tick = next_tick_,
      .reconnect_token = token,
      .room = id_,
  };
  for (std::uint8_t i = 0; i < wire::max_slots; ++i) {
    const slot_state& st = slots_[i];
    if (st.status != slot_status::free) w.roster.push_back({i, st.status == slot_status::connected, st.name});
  }
  s.deliver_catch_up(encode_shared(w, ctx_.scratch));
  send_history(s, std::max(resume, start_tick_));
}

void room::send_history(session& s, wire::tick_t from) {
  // note: each history message is built for its recipient; its entries are
  // the tails of the very bundles that were broadcast, copied, not re-encoded.
  for (wire::tick_t t = from; t < next_tick_;) {
    ctx_.scratch.clear();
    wire::history_builder b(ctx_.scratch, t);
    while (t < next_tick_ && !b.full()) {
      if (!b.add_encoded(history_.at(t).bytes())) break;
      ++t;
    }
    if (!b.finish()) return;  // a relay bug; the client will see a gap and reconnect
    s.deliver_catch_up(shared_bytes::copy_of(ctx_.scratch));
    if (b.next_tick() != t) return;
  }
}

// ---- from members -------------------------------------------------------------

rt::result<void, refusal> room::input(session& s, const wire::input& in) {
  if (s.spectator()) return rt::fail(refusal{wire::error_code::not_allowed, "spectators do not send input"});
  if (s.last_input_tick_ && in.tick <= *s.last_input_tick_) {
    return rt::fail(refusal{wire::error_code::bad_tick, "input ticks must strictly increase"});
  }
  if (std::uint64_t{in.tick} > std::uint64_t{next_tick_} + ctx_.config.max_input_lead()) {
    return rt::fail(refusal{wire::error_code::bad_tick, "input tick too far ahead of the relay's next tick"});
  }
  s.last_input_tick_ = in.tick;
  if (in.tick < next_tick_) {
    ++ctx_.metrics.late_inputs_dropped;  // late: dropped silently (PROTOCOL.md)
    return {};
  }
  inputs_.put(in.tick, s.slot(), in.payload);
  return {};
}

rt::result<void, refusal> room::hash_report(session& s, const wire::hash_report& r, rt::instant now) {
  if (s.spectator()) return {};  // spectators do not report; ignored
  if (r.tick >= next_tick_) return rt::fail(refusal{wire::error_code::bad_tick, "hash_report for a tick the relay has not closed"});
  if (r.tick % ctx_.config.hash_interval != 0) {
    return rt::fail(refusal{wire::error_code::bad_tick, "hash_report tick is not a multiple of hash_interval"});
  }
  hashes_.report(r.tick, s.slot(), r.hash, now);
  compare_hashes(now);
  drop_slow_consumers(now);
  return {};
}

void room::ping(session& s, const wire::ping& p, rt::instant now) {
  if (!s.deliver(encode_shared(wire::pong{.client_time = p.client_time, .relay_tick = next_tick_}, ctx_.scratch))) {
    slow_.push_back(&s);
  }
  drop_slow_consumers(now);
}

void room::leave(session& s, rt::instant now) {
  if (s.spectator()) {
    detach(s);
  } else {
    const std::uint8_t slot = s.slot();
    detach(s);
    free_slot(slot, wire::leave_reason::left);
  }
  update_empty(now);
  drop_slow_consumers(now);
}

void room::remove(session& s, departure how, rt::instant now) {
  if (s.spectator()) {
    detach(s);
  } else {
    const std::uint8_t slot = s.slot();
    detach(s);
    if (how == departure::kicked) {
      free_slot(slot, wire::leave_reason::kicked);
    } else {
      hold_slot(slot, now);
    }
  }
  update_empty(now);
  drop_slow_consumers(now);
}

void room::detach(session& s) {
  if (s.spectator()) {
    std::erase(spectators_, &s);
    --ctx_.metrics.spectators;
  } else {
    slot_state& st = slots_[s.slot()];
    if (st.conn == &s) st.conn = nullptr;
  }
  s.detached();
}

void room::hold_slot(std::uint8_t slot, rt::instant now) {
  slot_state& st = slots_[slot];
  if (ctx_.config.reconnect_window_s == 0) {
    free_slot(slot, wire::leave_reason::timed_out);
    return;
  }
  st.status = slot_status::held;
  st.conn = nullptr;
  st.held_until = now + std::chrono::seconds(ctx_.config.reconnect_window_s);
  broadcast(encode_shared(wire::player_left{.tick = next_tick_, .slot = slot, .reason = wire::leave_reason::disconnected, .name = st.name},
                          ctx_.scratch));
}

void room::free_slot(std::uint8_t slot, wire::leave_reason why) {
  slot_state& st = slots_[slot];
  const shared_bytes notice =
      encode_shared(wire::player_left{.tick = next_tick_, .slot = slot, .reason = why, .name = st.name}, ctx_.scratch);
  st = slot_state{};
  inputs_.clear_slot(slot);  // note: a newcomer in this slot must not inherit its inputs
  --ctx_.metrics.players;
  broadcast(notice);
  occupancy_changed();
}

// ---- the clock ----------------------------------------------------------------

void room::advance(rt::instant now) {
  while (now >= deadline_of(next_tick_)) close_tick(now);
  expire_held(now);
  compare_hashes(now);
  update_empty(now);
  drop_slow_consumers(now);
}

void room::close_tick(rt::instant now) {
  ctx_.metrics.tick_lateness.record(now - deadline_of(next_tick_));
  ++ctx_.metrics.ticks_closed;
  wire::bundle b;
  inputs_.fill(next_tick_, occupied_mask(), b);
  // note: encoded once; this one block goes to every recipient and into the history.
  shared_bytes encoded = encode_shared(b, ctx_.scratch);
  inputs_.clear_tick(next_tick_);
  history_.push(encoded);
  ++next_tick_;
  broadcast(encoded);
  if (matchmade_ && reported_open_ && !open_to_joiners()) report(false, false);
}

void room::expire_held(rt::instant now) {
  for (std::uint8_t i = 0; i < wire::max_slots; ++i) {
    if (slots_[i].status == slot_status::held && now >= slots_[i].held_until) free_slot(i, wire::leave_reason::timed_out);
  }
}

std::uint8_t room::owed_reports(wire::tick_t t) const noexcept {
  std::uint8_t m = 0;
  for (std::uint8_t i = 0; i < wire::max_slots; ++i) {
    const slot_state& st = slots_[i];
    if (st.status == slot_status::connected && st.reports_from <= t) m = static_cast<std::uint8_t>(m | 1u << i);
  }
  return m;
}

void room::compare_hashes(rt::instant now) {
  if (hashes_.done() || hashes_.pending() == 0) return;
  if (auto d = hashes_.check(now, [this](wire::tick_t t) { return owed_reports(t); })) {
    ++ctx_.metrics.desyncs;
    broadcast(encode_shared(*d, ctx_.scratch));
  }
}

// ---- bookkeeping --------------------------------------------------------------

void room::occupancy_changed() {
  if (matchmade_ && (players() != reported_players_ || open_to_joiners() != reported_open_)) report(false, false);
}

void room::report(bool settled_player, bool settled_spectator, bool disposed) {
  reported_players_ = static_cast<std::uint8_t>(players());
  reported_open_ = open_to_joiners();
  ctx_.reports.push_back(room_report{
      .room = id_,
      .players = reported_players_,
      .disposed = disposed,
      .open = reported_open_,
      .settled_players = static_cast<std::uint16_t>(settled_player ? 1 : 0),
      .settled_spectators = static_cast<std::uint16_t>(settled_spectator ? 1 : 0),
  });
}

void room::update_empty(rt::instant now) {
  if (connections() == 0 && players() == 0) {
    if (!empty_since_) empty_since_ = now;
  } else {
    empty_since_.reset();
  }
}

wire::token room::new_token() {
  wire::token t;
  ctx_.random.fill(t);
  return t;
}

void room::broadcast(const shared_bytes& m, const session* skip) {
  if (!m) return;
  for (slot_state& st : slots_) {
    if (st.status == slot_status::connected && st.conn != skip && !st.conn->deliver(m)) slow_.push_back(st.conn);
  }
  for (session* s : spectators_) {
    if (s != skip && !s->deliver(m)) slow_.push_back(s);
  }
}

void room::drop_slow_consumers(rt::instant now) {
  // note: dropping one sends a notice to the others, which may find another
  // one over its watermark; the loop (not recursion) takes care of those.
  if (dropping_) return;
  dropping_ = true;
  while (!slow_.empty()) {
    session* s = slow_.back();
    slow_.pop_back();
    if (s->current_room() != this) continue;  // already gone (listed twice)
    ++ctx_.metrics.slow_consumers_dropped;
    s->drop_slow();
    remove(*s, departure::disconnected, now);
  }
  dropping_ = false;
}

}  // namespace skirmish::relay
