// The canonical form of a battle's state: one field order shared by
// serialize(), restore() and state_hash(), so the three cannot drift apart.
//
// Format (all little-endian, no padding):
//   "SKBT", u16 format version
//   u32 tick, u64 rng state
//   rules: every field of struct rules as i32, in declaration order
//   match: u8 phase, u32 phase_ticks, u8 winner, u16 number
//   8 players: u8 active, u8 alive, pos, prev_pos, vel (2 x i32 each), u16 aim,
//     i16 health, u16 fire_cooldown, u16 ability_cooldown, u16 dash_ticks,
//     dash_vel, u16 respawn_ticks, u16 protect_ticks, u16 calm_ticks,
//     i16 kills, i16 deaths, i16 streak, u8 buttons
//   4 pickups: pos, u16 respawn_ticks
//   u32 next_projectile_id, u16 projectile_count,
//   then that many projectiles: pos, prev_pos, vel, u32 id, u8 owner, u8 ttl
#include <cstring>
#include <type_traits>

#include "skirmish/game/battle.hpp"

namespace skirmish::game {
namespace {

constexpr std::uint8_t magic[4] = {'S', 'K', 'B', 'T'};

template <class T>
concept wire_scalar = std::is_integral_v<T> || std::is_enum_v<T>;

// Visits every canonical field of s (const for writing and hashing, mutable
// for reading) in format order. io(field) handles one scalar; io.count()
// handles the projectile count, which a reader must bound before looping.
template <class Io, class State>
void visit(Io& io, State& s) {
  io.header();
  io(s.tick);
  io(s.random.state);
  auto& r = s.rules;
  for (auto* f : {&r.player_radius, &r.move_speed, &r.move_response, &r.max_health, &r.regen_delay,
                  &r.regen_interval, &r.fire_interval, &r.projectile_speed, &r.projectile_radius,
                  &r.projectile_lifetime, &r.projectile_damage, &r.dash_speed, &r.dash_ticks, &r.dash_cooldown,
                  &r.respawn_delay, &r.spawn_protection, &r.pickup_radius, &r.pickup_heal, &r.pickup_respawn,
                  &r.min_players, &r.countdown, &r.round_length, &r.kill_limit, &r.overtime, &r.restart_delay}) {
    io(*f);
  }
  io(s.match.phase);
  io(s.match.phase_ticks);
  io(s.match.winner);
  io(s.match.number);
  auto v2 = [&](auto& v) {
    io(v.x);
    io(v.y);
  };
  for (auto& p : s.players) {
    io(p.active);
    io(p.alive);
    v2(p.pos);
    v2(p.prev_pos);
    v2(p.vel);
    io(p.aim);
    io(p.health);
    io(p.fire_cooldown);
    io(p.ability_cooldown);
    io(p.dash_ticks);
    v2(p.dash_vel);
    io(p.respawn_ticks);
    io(p.protect_ticks);
    io(p.calm_ticks);
    io(p.kills);
    io(p.deaths);
    io(p.streak);
    io(p.buttons);
  }
  for (auto& pk : s.pickups) {
    v2(pk.pos);
    io(pk.respawn_ticks);
  }
  io(s.next_projectile_id);
  io.count(s.projectile_count);
  for (std::uint16_t i = 0; i < s.projectile_count; ++i) {
    auto& pr = s.projectiles[i];
    v2(pr.pos);
    v2(pr.prev_pos);
    v2(pr.vel);
    io(pr.id);
    io(pr.owner);
    io(pr.ttl);
  }
}
// note: keep this in step with rules: a field added there and not here would
// escape the hash. The static_assert catches the common case.
static_assert(sizeof(rules) == 25 * sizeof(std::int32_t), "rules changed: update visit() and the format version");

template <wire_scalar T>
auto as_unsigned(T v) {
  if constexpr (std::is_same_v<T, bool>) {
    return std::uint8_t{v};
  } else if constexpr (std::is_enum_v<T>) {
    return static_cast<std::make_unsigned_t<std::underlying_type_t<T>>>(v);
  } else {
    return static_cast<std::make_unsigned_t<T>>(v);
  }
}

// Feeds each field's little-endian bytes to a byte sink.
template <class Sink>
struct byte_writer {
  Sink& sink;

  void header() {
    for (std::uint8_t b : magic) sink(b);
    (*this)(battle::format_version);
  }
  template <wire_scalar T>
  void operator()(const T& v) {
    const auto u = as_unsigned(v);
    for (std::size_t i = 0; i < sizeof(u); ++i) sink(static_cast<std::uint8_t>(u >> (8 * i)));
  }
  void count(std::uint16_t n) { (*this)(n); }
};

struct fnv1a {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void operator()(std::uint8_t b) { h = (h ^ b) * 0x100000001b3ULL; }
};

struct appender {
  std::vector<std::uint8_t>& out;
  void operator()(std::uint8_t b) { out.push_back(b); }
};

// Reads fields back, remembering the first problem; after one, it reads zeros.
struct byte_reader {
  std::span<const std::uint8_t> in;
  std::size_t at = 0;
  bool failed = false;
  restore_error error = restore_error::truncated;

  void fail(restore_error e) {
    if (!failed) error = e;
    failed = true;
  }
  std::uint64_t take(std::size_t n) {
    if (failed || in.size() - at < n) {
      fail(restore_error::truncated);
      return 0;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{in[at + i]} << (8 * i);
    at += n;
    return v;
  }
  void header() {
    for (std::uint8_t b : magic) {
      if (take(1) != b) fail(restore_error::bad_magic);
    }
    if (take(2) != battle::format_version) fail(restore_error::bad_version);
  }
  template <wire_scalar T>
  void operator()(T& v) {
    using u = decltype(as_unsigned(v));
    const auto raw = static_cast<u>(take(sizeof(u)));
    if constexpr (std::is_same_v<T, bool>) {
      if (raw > 1) fail(restore_error::bad_value);
      v = raw == 1;
    } else {
      v = static_cast<T>(raw);
    }
  }
  void count(std::uint16_t& n) {
    (*this)(n);
    if (n > max_projectiles) {
      fail(restore_error::bad_value);
      n = 0;
    }
  }
};

// Ranges the simulation relies on that the format itself cannot express.
bool plausible(const battle_state& s) {
  const vec2 size = arena::size();
  auto on_map = [&](vec2 v) { return v.x >= 0 && v.y >= 0 && v.x <= size.x && v.y <= size.y; };
  auto bounded = [](vec2 v) { return v.x >= -64 * px && v.x <= 64 * px && v.y >= -64 * px && v.y <= 64 * px; };
  if (!valid(s.rules)) return false;
  if (s.match.phase > match_phase::ended) return false;
  if (s.match.winner != no_slot && s.match.winner >= max_slots) return false;
  const bool timed = s.match.phase == match_phase::countdown || s.match.phase == match_phase::playing ||
                     s.match.phase == match_phase::overtime;
  if (timed && s.match.phase_ticks == 0) return false;
  for (const player& p : s.players) {
    if (!on_map(p.pos) || !on_map(p.prev_pos) || !bounded(p.vel) || !bounded(p.dash_vel)) return false;
    if (p.health < 0 || p.health > s.rules.max_health) return false;
  }
  for (std::size_t k = 0; k < s.pickups.size(); ++k) {
    if (s.pickups[k].pos != arena::standard().pickup_points()[k]) return false;
  }
  for (const projectile& pr : s.live_projectiles()) {
    if (pr.owner >= max_slots || !s.players[pr.owner].active) return false;
    if (!on_map(pr.pos) || !on_map(pr.prev_pos) || !bounded(pr.vel) || pr.ttl == 0) return false;
  }
  return true;
}

}  // namespace

std::uint64_t battle::state_hash() const {
  fnv1a h;
  byte_writer<fnv1a> w{h};
  visit(w, state_);
  return h.h;
}

std::vector<std::uint8_t> battle::serialize() const {
  std::vector<std::uint8_t> out;
  out.reserve(512 + state_.projectile_count * 32u);
  appender a{out};
  byte_writer<appender> w{a};
  visit(w, state_);
  return out;
}

rt::result<battle, restore_error> battle::restore(std::span<const std::uint8_t> bytes) {
  battle b;
  byte_reader r{bytes};
  visit(r, b.state_);
  if (r.failed) return rt::fail(r.error);
  if (r.at != bytes.size()) return rt::fail(restore_error::trailing_bytes);
  if (!plausible(b.state_)) return rt::fail(restore_error::bad_value);
  return b;
}

bool operator==(const battle_state& a, const battle_state& b) {
  // Compared through the canonical bytes: the same fields the hash sees.
  std::vector<std::uint8_t> x, y;
  appender ax{x}, ay{y};
  byte_writer<appender> wx{ax}, wy{ay};
  visit(wx, a);
  visit(wy, b);
  return x == y;
}

}  // namespace skirmish::game
