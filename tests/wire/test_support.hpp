// Helpers shared by the wire tests: hex, a seeded PRNG, and random valid messages.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/wire/codec.hpp"
#include "skirmish/wire/history_builder.hpp"

namespace skirmish::wire::test {

// "0a ff" (spaces ignored) to bytes; an odd or non-hex string gives what parses.
inline std::vector<std::byte> from_hex(std::string_view hex) {
  std::vector<std::byte> out;
  int high = -1;
  for (const char c : hex) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(std::byte(high << 4 | v));
      high = -1;
    }
  }
  return out;
}

inline std::string to_hex(bytes_view b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  for (const std::byte x : b) {
    s += digits[static_cast<unsigned>(x) >> 4];
    s += digits[static_cast<unsigned>(x) & 15];
  }
  return s;
}

// splitmix64: a seeded, portable PRNG, so a failing case reproduces anywhere.
class rng {
 public:
  explicit rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // A number in [0, n).
  std::uint32_t below(std::uint32_t n) { return n == 0 ? 0 : static_cast<std::uint32_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

// Makes random valid messages of every type. Their strings and payloads point
// into static tables or into storage the generator owns, so keep it alive as
// long as the messages.
class message_generator {
 public:
  explicit message_generator(std::uint64_t seed) : r_(seed) {
    for (std::size_t i = 0; i < pool_.size(); ++i) pool_[i] = std::byte((i * 37 + 11) & 0xff);
  }

  message any() {
    switch (r_.below(13)) {
      case 0: return make_hello();
      case 1: return input{r_.below(UINT32_MAX), payload()};
      case 2: return hash_report{tick(), r_.next()};
      case 3: return ping{r_.next()};
      case 4: return leave{};
      case 5: return error{static_cast<error_code>(1 + r_.below(400)), pick(reasons)};
      case 6: return make_welcome();
      case 7: return make_bundle(tick());
      case 8: return make_history();
      case 9: return player_joined{tick(), static_cast<std::uint8_t>(r_.below(8)), r_.chance(50), pick(names)};
      case 10: return player_left{tick(), static_cast<std::uint8_t>(r_.below(8)), static_cast<leave_reason>(r_.below(4)), pick(names)};
      case 11: return make_desync();
      default: return pong{r_.next(), tick()};
    }
  }

  rng& random() { return r_; }

 private:
  static constexpr std::array<std::string_view, 8> names = {
      "ann", "Zoë", "名前", "x", "new player", "abcdefghijklmnopqrstuvwxyz012345", "🙂🙂", "\xef\xbb\xbf" "bom"};
  static constexpr std::array<std::string_view, 5> rooms = {"lobby", "r-7_X", "a", "ROOM_0123456789_abcdefghijklmnop", "z"};
  static constexpr std::array<std::string_view, 4> reasons = {"", "room is full", "désolé", "bad tick 42"};

  template <std::size_t N>
  std::string_view pick(const std::array<std::string_view, N>& table) { return table[r_.below(N)]; }
  tick_t tick() { return r_.chance(10) ? UINT32_MAX - r_.below(3) : r_.below(1u << 20); }
  bytes_view payload() {
    const std::size_t n = r_.below(max_input_bytes + 1);
    return bytes_view(pool_).subspan(r_.below(static_cast<std::uint32_t>(pool_.size() - n)), n);
  }
  token random_token() {
    token t;
    for (auto& b : t) b = std::byte(r_.below(256));
    return t;
  }

  hello make_hello() {
    hello h;
    h.name = pick(names);
    h.room = pick(rooms);
    h.resume_tick = tick();
    switch (r_.below(3)) {
      case 0: break;
      case 1: h.spectator = true; break;
      default: h.reconnect_token = random_token(); break;
    }
    if (!h.reconnect_token && r_.chance(30)) h.room = auto_room;
    return h;
  }

  welcome make_welcome() {
    welcome w;
    w.max_slots = static_cast<std::uint8_t>(1 + r_.below(8));
    w.slot = r_.chance(20) ? spectator_slot : static_cast<std::uint8_t>(r_.below(w.max_slots));
    w.tick_hz = static_cast<std::uint8_t>(1 + r_.below(255));
    w.input_delay = static_cast<std::uint8_t>(r_.below(65));
    w.hash_interval = static_cast<std::uint16_t>(1 + r_.below(65535));
    w.reconnect_window_s = static_cast<std::uint16_t>(r_.below(65536));
    w.seed = r_.next();
    w.start_tick = r_.below(1000);
    w.current_tick = w.start_tick + r_.below(100000);
    if (!w.is_spectator()) w.reconnect_token = random_token();
    w.room = pick(rooms);
    for (std::uint8_t s = 0; s < w.max_slots; ++s) {
      if (r_.chance(60)) w.roster.push_back({s, r_.chance(80), pick(names)});
    }
    return w;
  }

  bundle make_bundle(tick_t t) {
    bundle b;
    b.tick = t;
    for (std::size_t s = 0; s < max_slots; ++s) {
      if (r_.chance(70)) b.set(s, payload());
    }
    return b;
  }

  history make_history() {
    const tick_t first = r_.chance(5) ? UINT32_MAX - 3 : r_.below(1u << 20);
    const std::uint32_t room_left = UINT32_MAX - first + 1;
    const std::uint32_t count = 1 + r_.below(r_.chance(5) ? max_history_ticks : 12);
    std::vector<std::byte>& buf = storage_.emplace_back();
    history_builder hb(buf, first);
    for (std::uint32_t i = 0; i < count && i < room_left; ++i) (void)hb.add(make_bundle(first + i));
    (void)hb.finish();
    return decode_as<history>(buf).value();
  }

  desync make_desync() {
    desync d;
    d.tick = tick();
    while (d.reports.size() < 2) {
      d.reports.clear();
      for (std::uint8_t s = 0; s < max_slots; ++s) {
        if (r_.chance(50)) d.reports.push_back({s, r_.next()});
      }
    }
    while (d.disagreeing == 0) {
      for (const slot_hash& h : d.reports) {
        if (r_.chance(40)) d.disagreeing = static_cast<std::uint8_t>(d.disagreeing | 1u << h.slot);
      }
    }
    return d;
  }

  rng r_;
  std::array<std::byte, 64> pool_{};
  std::vector<std::vector<std::byte>> storage_;
};

}  // namespace skirmish::wire::test
