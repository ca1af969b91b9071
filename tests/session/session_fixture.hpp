// Test helpers for the session: a scripted relay that encodes real wire
// messages, a decoder for what the session sent, and a pump between sessions
// and a local_room on a virtual clock.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skirmish/game/input_source.hpp"
#include "skirmish/game/local_room.hpp"
#include "skirmish/game/lockstep_battle.hpp"
#include "skirmish/game/session.hpp"
#include "skirmish/wire/codec.hpp"
#include "skirmish/wire/history_builder.hpp"

namespace skirmish::game::testing {

using bytes = std::vector<std::byte>;
using namespace std::chrono_literals;

template <class M>
bytes encode(const M& m) {
  bytes out;
  auto ok = wire::encode(m, out);
  REQUIRE_MESSAGE(ok.ok(), "the test built a message the codec refuses");
  return out;
}

// A time on the virtual clock: `ms` milliseconds after the epoch.
inline rt::instant at_ms(long long ms) { return rt::instant{} + std::chrono::milliseconds(ms); }

// One slot's payload for a tick in the scripted streams: a deterministic
// 4-byte input that moves, aims and fires, so the battle really changes.
inline std::array<std::byte, 4> scripted_input(wire::tick_t tick, int slot) {
  const auto keys = static_cast<std::uint8_t>(input::aim_set | (1u << ((tick / 20 + static_cast<unsigned>(slot)) % 4)) |
                                              ((tick + static_cast<unsigned>(slot)) % 7 == 0 ? input::fire : 0));
  const auto aim = static_cast<std::uint16_t>(tick * 331u + static_cast<unsigned>(slot) * 8192u);
  return {std::byte{keys}, std::byte(aim & 0xff), std::byte(aim >> 8), std::byte{0}};
}

// A relay driven by the test line by line: it makes the bytes a relay would
// send, and a reference battle fed the same ticks gives the hashes to expect.
struct scripted_relay {
  wire::welcome base;                   // the welcome to send (tweak before use)
  std::uint8_t presence = 0b11;         // who is present in the ticks it makes
  std::array<std::array<std::byte, 4>, 8> payload{};

  scripted_relay() {
    base.slot = 0;
    base.max_slots = 4;
    base.tick_hz = 30;
    base.input_delay = 2;
    base.hash_interval = 5;
    base.reconnect_window_s = 30;
    base.seed = 4242;
    base.start_tick = 0;
    base.current_tick = 0;
    base.reconnect_token.fill(std::byte{0x5a});
    base.room = "arena";
    base.roster = {{0, true, "ann"}, {1, true, "bob"}};
  }

  bytes welcome() const { return encode(base); }
  // The bundle of `tick`: every present slot plays scripted_input.
  wire::bundle make_bundle(wire::tick_t tick) {
    wire::bundle b{.tick = tick};
    for (std::size_t s = 0; s < 8; ++s) {
      if ((presence >> s & 1u) == 0) continue;
      payload[s] = scripted_input(tick, static_cast<int>(s));
      b.set(s, payload[s]);
    }
    return b;
  }
  bytes bundle(wire::tick_t tick) { return encode(make_bundle(tick)); }
  bytes history(wire::tick_t first, wire::tick_t count) {
    bytes out;
    wire::history_builder h(out, first);
    for (wire::tick_t t = first; t < first + count; ++t) REQUIRE(h.add(make_bundle(t)).ok());
    REQUIRE(h.finish().ok());
    return out;
  }
};

// A battle fed the scripted ticks, for the hashes the session should reach.
struct reference_battle {
  lockstep_battle b;
  std::uint8_t presence = 0b11;
  reference_battle(std::uint64_t seed, wire::tick_t start) : b(seed, start) {}
  void run_to(wire::tick_t end) {
    scripted_relay r;
    r.presence = presence;
    while (b.next_tick() < end) {
      auto t = to_tick_inputs(r.make_bundle(b.next_tick()), 8);
      REQUIRE(t.ok());
      b.apply(*t);
    }
  }
};

// What a session sent, decoded (the views point into `raw`).
struct sent_messages {
  std::vector<bytes> raw;
  std::vector<wire::message> msgs;

  explicit sent_messages(std::vector<bytes> out) : raw(std::move(out)) {
    for (const bytes& b : raw) {
      auto m = wire::decode(b);
      REQUIRE_MESSAGE(m.ok(), "the session sent bytes the codec refuses");
      msgs.push_back(*m);
    }
  }
  // note: the messages view `raw`, so a temporary must not hand them out.
  template <class M>
  std::vector<M> all() const&& = delete;
  template <class M>
  std::vector<M> all() const& {
    std::vector<M> out;
    for (const auto& m : msgs) {
      if (auto* p = std::get_if<M>(&m)) out.push_back(*p);
    }
    return out;
  }
  template <class M>
  std::size_t count() const {
    std::size_t n = 0;
    for (const auto& m : msgs) n += std::holds_alternative<M>(m) ? 1 : 0;
    return n;
  }
};

inline sent_messages drain(session& s) { return sent_messages(s.take_outgoing()); }

// An input source that plays scripted_input and remembers what it was asked.
struct recording_source final : input_source {
  std::vector<std::pair<wire::tick_t, int>> asked;
  input input_for(wire::tick_t tick, int slot, const battle&) override {
    asked.emplace_back(tick, slot);
    const auto p = scripted_input(tick, slot);
    return input::decode({reinterpret_cast<const std::uint8_t*>(p.data()), p.size()});
  }
};

// A session connected to a local_room, with the pump between them.
struct room_client {
  session s;
  local_room* room;  // the relay it talks to (a test may swap it: a restarted relay)
  std::optional<local_room::connection_id> id;

  room_client(local_room& r, session_config c, input_source* src) : s(std::move(c), src), room(&r) {}

  void connect(rt::instant now) {
    id = room->connect();
    s.on_connected(now);
  }
  // The network died under us: neither side says goodbye.
  void lose_connection(rt::instant now) {
    if (id) room->drop(*id);
    id.reset();
    s.on_disconnected(now, "test cut the connection");
  }
  // Moves messages both ways until neither side has anything to say.
  void pump(rt::instant now) {
    for (int round = 0; round < 1000 && id; ++round) {
      bool moved = false;
      s.poll(now);
      for (bytes& m : s.take_outgoing()) {
        room->receive(*id, m);
        moved = true;
      }
      if (s.take_close()) {
        room->drop(*id);
        id.reset();
        s.on_disconnected(now, "closed");
        return;
      }
      for (bytes& m : room->take(*id)) {
        s.on_message(m, now);
        moved = true;
      }
      if (room->closed(*id) && !room->has_messages(*id)) {
        room->drop(*id);
        id.reset();
        s.on_disconnected(now, "the room closed the connection");
        return;
      }
      if (!moved) return;
    }
  }
};

}  // namespace skirmish::game::testing
