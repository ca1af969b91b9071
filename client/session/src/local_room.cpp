// local_room: hello and welcome, inputs, the tick's bundle, history, leaves
// and drops, and the hash comparison, after PROTOCOL.md section 3.
#include "skirmish/game/local_room.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <type_traits>
#include <variant>

#include "skirmish/wire/codec.hpp"
#include "skirmish/wire/history_builder.hpp"

namespace skirmish::game {

namespace {

constexpr std::array<std::string_view, 8> bot_names = {"Bot Ada",  "Bot Brick", "Bot Cyan", "Bot Dash",
                                                       "Bot Echo", "Bot Flint", "Bot Gale", "Bot Haze"};

int clamp_int(int v, int lo, int hi) { return std::max(lo, std::min(v, hi)); }

}  // namespace

local_room::local_room(local_room_options options)
    : options_(std::move(options)),
      mirror_(options_.seed, options_.start_tick),
      random_{options_.seed ^ 0x5eed7041c0debeefull},
      next_tick_(options_.start_tick) {
  options_.max_slots = clamp_int(options_.max_slots, 1, static_cast<int>(wire::max_slots));
  options_.tick_hz = clamp_int(options_.tick_hz, 1, 255);
  options_.input_delay = clamp_int(options_.input_delay, 0, wire::max_input_delay);
  options_.hash_interval = clamp_int(options_.hash_interval, 1, 65535);
  options_.reconnect_window_s = clamp_int(options_.reconnect_window_s, 0, 65535);
  options_.bots = clamp_int(options_.bots, 0, options_.max_slots);
  slots_.resize(static_cast<std::size_t>(options_.max_slots));
  for (int i = 0; i < options_.bots; ++i) {
    const int slot = options_.max_slots - 1 - i;
    slot_state& s = slots_[static_cast<std::size_t>(slot)];
    s.who = occupant::bot;
    s.name = std::string(bot_names[static_cast<std::size_t>(slot)]);
    s.brain.emplace(slot, options_.seed + 0x9e37u * static_cast<std::uint64_t>(slot + 1), options_.skill);
  }
}

rt::duration local_room::tick_period() const noexcept {
  return std::chrono::duration_cast<rt::duration>(std::chrono::seconds(1)) / options_.tick_hz;
}

local_room::connection_id local_room::connect() {
  const connection_id id = next_connection_++;
  connections_[id];
  return id;
}

local_room::connection* local_room::find(connection_id c) {
  auto it = connections_.find(c);
  return it == connections_.end() ? nullptr : &it->second;
}
const local_room::connection* local_room::find(connection_id c) const {
  auto it = connections_.find(c);
  return it == connections_.end() ? nullptr : &it->second;
}

void local_room::push(connection_id c, std::vector<std::byte> bytes) {
  connection* k = find(c);
  if (k == nullptr || k->closed) return;
  k->outbox.push_back(std::move(bytes));
  k->reader.wake();
}

template <class M>
void local_room::send(connection_id c, const M& m) {
  std::vector<std::byte> bytes;
  if (wire::encode(m, bytes)) push(c, std::move(bytes));
}

template <class M>
void local_room::send_all(const M& m, std::optional<connection_id> except) {
  std::vector<std::byte> bytes;
  if (!wire::encode(m, bytes)) return;
  for (auto& [id, k] : connections_) {
    if (open(k) && id != except) push(id, bytes);
  }
}

void local_room::refuse(connection_id c, wire::error_code code, std::string_view reason) {
  send(c, wire::error{code, reason});
  connection* k = find(c);
  if (k == nullptr) return;
  const int slot = k->slot;
  k->closed = true;
  k->reader.wake();
  // The relay closes the connection; a player's slot is held as for any drop.
  if (slot >= 0 && slots_[static_cast<std::size_t>(slot)].conn == c) {
    slot_state& s = slots_[static_cast<std::size_t>(slot)];
    s.conn.reset();
    s.dropped_at = next_tick_;
    send_all(wire::player_left{next_tick_, static_cast<std::uint8_t>(slot), wire::leave_reason::disconnected, s.name});
  }
}

void local_room::receive(connection_id c, wire::bytes_view bytes) {
  connection* k = find(c);
  if (k == nullptr || k->closed) return;
  auto m = wire::decode(bytes);
  if (!m) return refuse(c, m.error().code, m.error().reason);
  std::visit(
      [&](const auto& msg) {
        using M = std::decay_t<decltype(msg)>;
        if constexpr (!wire::sent_by_client(M::type)) {
          refuse(c, wire::error_code::bad_message, "a relay message type");
        } else if constexpr (std::is_same_v<M, wire::hello>) {
          if (k->hello) return refuse(c, wire::error_code::not_allowed, "a second hello");
          on_hello(c, msg);
        } else if (!k->hello) {
          refuse(c, wire::error_code::not_allowed, "hello first");
        } else if constexpr (std::is_same_v<M, wire::input>) {
          on_input(c, msg);
        } else if constexpr (std::is_same_v<M, wire::hash_report>) {
          on_hash_report(c, msg);
        } else if constexpr (std::is_same_v<M, wire::ping>) {
          send(c, wire::pong{msg.client_time, next_tick_});
        } else {
          on_leave(c);
        }
      },
      *m);
}

void local_room::on_hello(connection_id c, const wire::hello& m) {
  connection& k = *find(c);
  if (m.resume_tick > next_tick_) return refuse(c, wire::error_code::bad_tick, "resume_tick is in the future");
  const wire::tick_t first = std::max(m.resume_tick, options_.start_tick);
  if (first < next_tick_ && next_tick_ - first > history_.size()) {
    return refuse(c, wire::error_code::history_unavailable, "those ticks are gone");
  }
  if (m.spectator) {
    k.hello = true;
    k.spectator = true;
    return welcome(c, -1, first);
  }
  if (m.reconnect_token) {
    auto held = std::find_if(slots_.begin(), slots_.end(), [&](const slot_state& s) {
      return s.who == occupant::human && s.token == *m.reconnect_token;
    });
    if (held == slots_.end() || m.room != options_.room) {
      return refuse(c, wire::error_code::unknown_token, "no slot holds this token");
    }
    const int slot = static_cast<int>(held - slots_.begin());
    if (held->conn) {
      // A half-open connection: the new one wins.
      const connection_id old = *held->conn;
      held->conn.reset();
      send(old, wire::error{wire::error_code::replaced, "reconnected elsewhere"});
      if (connection* o = find(old)) {
        o->closed = true;
        o->reader.wake();
      }
    }
    held->conn = c;
    k.hello = true;
    k.slot = slot;
    welcome(c, slot, first);
    send_all(wire::player_joined{next_tick_, static_cast<std::uint8_t>(slot), true, held->name}, c);
    return;
  }
  auto free = std::find_if(slots_.begin(), slots_.end(), [](const slot_state& s) { return s.who == occupant::free; });
  if (free == slots_.end()) return refuse(c, wire::error_code::room_full, "every slot is taken");
  const int slot = static_cast<int>(free - slots_.begin());
  free->who = occupant::human;
  free->name = std::string(m.name);
  free->conn = c;
  free->inputs.clear();
  for (std::byte& b : free->token) b = static_cast<std::byte>(random_.next() & 0xff);
  had_player_ = true;
  k.hello = true;
  k.slot = slot;
  welcome(c, slot, first);
  send_all(wire::player_joined{next_tick_, static_cast<std::uint8_t>(slot), false, free->name}, c);
}

void local_room::welcome(connection_id c, int slot, wire::tick_t first) {
  wire::welcome w;
  w.slot = slot < 0 ? wire::spectator_slot : static_cast<std::uint8_t>(slot);
  w.max_slots = static_cast<std::uint8_t>(options_.max_slots);
  w.tick_hz = static_cast<std::uint8_t>(options_.tick_hz);
  w.input_delay = static_cast<std::uint8_t>(options_.input_delay);
  w.hash_interval = static_cast<std::uint16_t>(options_.hash_interval);
  w.reconnect_window_s = static_cast<std::uint16_t>(options_.reconnect_window_s);
  w.seed = options_.seed;
  w.start_tick = options_.start_tick;
  w.current_tick = next_tick_;
  if (slot >= 0) w.reconnect_token = slots_[static_cast<std::size_t>(slot)].token;
  w.room = options_.room;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const slot_state& s = slots_[i];
    if (s.who == occupant::free) continue;
    (void)w.roster.push_back({static_cast<std::uint8_t>(i), s.who == occupant::bot || s.conn.has_value(), s.name});
  }
  send(c, w);
  // The history: every tick from `first` to next_tick_ - 1, 256 to a message.
  const std::size_t oldest = next_tick_ - history_.size();
  wire::tick_t t = first;
  while (t < next_tick_) {
    std::vector<std::byte> out;
    wire::history_builder h(out, t);
    while (t < next_tick_ && !h.full()) {
      if (!h.add_encoded(history_[t - oldest])) return;
      ++t;
    }
    if (!h.finish()) return;
    push(c, std::move(out));
  }
}

void local_room::on_input(connection_id c, const wire::input& m) {
  connection& k = *find(c);
  if (k.spectator) return refuse(c, wire::error_code::not_allowed, "spectators send no input");
  if ((k.last_input && m.tick <= *k.last_input) ||
      m.tick > next_tick_ + static_cast<wire::tick_t>(options_.input_delay + options_.tick_hz)) {
    return refuse(c, wire::error_code::bad_tick, "input tick out of order or too far ahead");
  }
  k.last_input = m.tick;
  if (m.tick < next_tick_ || k.slot < 0) return;  // late: dropped, as the relay does
  auto& inputs = slots_[static_cast<std::size_t>(k.slot)].inputs;
  inputs.emplace(m.tick, std::vector<std::byte>(m.payload.begin(), m.payload.end()));  // keeps the first
}

void local_room::on_hash_report(connection_id c, const wire::hash_report& m) {
  connection& k = *find(c);
  if (k.spectator || k.slot < 0) return;
  if (m.tick >= next_tick_) return refuse(c, wire::error_code::bad_tick, "hash report for a tick not closed");
  if (!mirror_hashes_.contains(m.tick)) return;  // no longer tracked
  reports_[m.tick][k.slot] = m.hash;
  judge_hashes(false);
}

void local_room::on_leave(connection_id c) {
  connection& k = *find(c);
  const int slot = k.slot;
  k.closed = true;
  k.reader.wake();
  if (slot >= 0 && slots_[static_cast<std::size_t>(slot)].conn == c) free_slot(slot, wire::leave_reason::left);
}

void local_room::free_slot(int slot, wire::leave_reason why) {
  slot_state& s = slots_[static_cast<std::size_t>(slot)];
  const std::string name = s.name;
  s = slot_state{};
  send_all(wire::player_left{next_tick_, static_cast<std::uint8_t>(slot), why, name});
}

void local_room::drop(connection_id c) {
  connection* k = find(c);
  if (k == nullptr) return;
  const int slot = k->slot;
  const bool was_open = !k->closed;
  connections_.erase(c);
  if (!was_open || slot < 0) return;
  slot_state& s = slots_[static_cast<std::size_t>(slot)];
  if (s.conn != c) return;
  s.conn.reset();
  s.dropped_at = next_tick_;
  send_all(wire::player_left{next_tick_, static_cast<std::uint8_t>(slot), wire::leave_reason::disconnected, s.name});
}

void local_room::sever(connection_id c) {
  connection* k = find(c);
  if (k == nullptr) return;
  k->outbox.clear();
  k->reader.wake();
  drop(c);
}

void local_room::close_tick() {
  const wire::tick_t tick = next_tick_;
  const auto window = static_cast<wire::tick_t>(options_.reconnect_window_s * options_.tick_hz);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    slot_state& s = slots_[i];
    if (s.who == occupant::human && !s.conn && tick - s.dropped_at >= window) {
      free_slot(static_cast<int>(i), wire::leave_reason::timed_out);
    }
  }
  wire::bundle b{.tick = tick};
  std::array<std::array<std::uint8_t, input::wire_size>, wire::max_slots> bot_inputs{};
  std::array<std::vector<std::byte>, wire::max_slots> human_inputs{};
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    slot_state& s = slots_[i];
    if (s.who == occupant::bot) {
      bot_inputs[i] = s.brain->think(mirror_.sim().state()).encode();
      b.set(i, std::as_bytes(std::span(bot_inputs[i])));
    } else if (s.who == occupant::human) {
      if (auto it = s.inputs.find(tick); it != s.inputs.end()) human_inputs[i] = std::move(it->second);
      s.inputs.erase(s.inputs.begin(), s.inputs.upper_bound(tick));
      b.set(i, human_inputs[i]);
    }
  }
  std::vector<std::byte> encoded;
  if (!wire::encode(b, encoded)) return;
  // The mirror applies exactly what the clients will: the bundle as decoded.
  auto inputs = to_tick_inputs(b, options_.max_slots);
  if (inputs) mirror_.apply(*inputs);
  ++next_tick_;
  if (tick % static_cast<wire::tick_t>(options_.hash_interval) == 0) {
    mirror_hashes_[tick] = mirror_.state_hash();
    while (mirror_hashes_.size() > 64) mirror_hashes_.erase(mirror_hashes_.begin());
  }
  history_.push_back(encoded);
  while (history_.size() > options_.history_ticks) history_.pop_front();
  for (auto& [id, k] : connections_) {
    if (open(k)) push(id, encoded);
  }
  judge_hashes(false);
}

void local_room::judge_hashes(bool all_old) {
  for (auto it = reports_.begin(); it != reports_.end();) {
    const wire::tick_t tick = it->first;
    std::map<int, std::uint64_t>& got = it->second;
    bool everyone = true;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].who == occupant::human && slots_[i].conn && !got.contains(static_cast<int>(i))) everyone = false;
    }
    const bool old = all_old || next_tick_ - tick > static_cast<wire::tick_t>(options_.tick_hz);
    if (!everyone && !old) {
      ++it;
      continue;
    }
    // Bots play on the mirror, so they "report" its hash.
    auto mirror = mirror_hashes_.find(tick);
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].who == occupant::bot && mirror != mirror_hashes_.end()) got[static_cast<int>(i)] = mirror->second;
    }
    std::map<std::uint64_t, int> votes;
    for (const auto& [slot, hash] : got) ++votes[hash];
    if (!desync_tick_ && got.size() >= 2 && votes.size() >= 2) {
      std::optional<std::uint64_t> majority;
      for (const auto& [hash, n] : votes) {
        if (2 * n > static_cast<int>(got.size())) majority = hash;
      }
      wire::desync d{.tick = tick};
      for (const auto& [slot, hash] : got) {
        (void)d.reports.push_back({static_cast<std::uint8_t>(slot), hash});
        if (!majority || hash != *majority) d.disagreeing = static_cast<std::uint8_t>(d.disagreeing | 1u << slot);
      }
      desync_tick_ = tick;
      send_all(d);
    }
    it = reports_.erase(it);
  }
}

std::vector<std::vector<std::byte>> local_room::take(connection_id c) {
  std::vector<std::vector<std::byte>> out;
  if (connection* k = find(c)) {
    out.assign(std::make_move_iterator(k->outbox.begin()), std::make_move_iterator(k->outbox.end()));
    k->outbox.clear();
  }
  return out;
}

std::optional<std::vector<std::byte>> local_room::pop(connection_id c) {
  connection* k = find(c);
  if (k == nullptr || k->outbox.empty()) return std::nullopt;
  std::vector<std::byte> front = std::move(k->outbox.front());
  k->outbox.pop_front();
  return front;
}

bool local_room::has_messages(connection_id c) const {
  const connection* k = find(c);
  return k != nullptr && !k->outbox.empty();
}

bool local_room::closed(connection_id c) const {
  const connection* k = find(c);
  return k == nullptr || k->closed;
}

void local_room::watch(connection_id c, rt::waker w) {
  if (connection* k = find(c)) k->reader.register_waker(std::move(w));
}

bool local_room::finished() const noexcept {
  if (stopped_) return true;
  if (!had_player_) return false;
  return std::none_of(slots_.begin(), slots_.end(), [](const slot_state& s) { return s.who == occupant::human; });
}

}  // namespace skirmish::game
