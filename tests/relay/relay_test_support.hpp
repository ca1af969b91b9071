// Helpers for the relay tests: a shard on a virtual clock, and test clients
// that send encoded messages into a session and read what its peer queued.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "skirmish/relay/matchmaker.hpp"
#include "skirmish/relay/session.hpp"
#include "skirmish/relay/shard.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/manual_driver.hpp"
#include "skirmish/wire/codec.hpp"

namespace skirmish::relay::test {

using namespace std::chrono_literals;

template <wire::message_kind M>
std::vector<std::byte> encoded(const M& m) {
  std::vector<std::byte> out;
  REQUIRE(wire::encode(m, out).ok());
  return out;
}

// One worker: a shard on a manual clock, with a matchmaker attached.
struct world {
  explicit world(shard_config c = {}, std::uint64_t seed = 1)
      : mm(c.room.max_players, random_source(seed + 100)), sh(ex, c, random_source(seed)) {
    sh.attach_matchmaker(mm);
  }

  // Runs the executor for `d` of virtual time, stopping at every timer on
  // the way as a real clock would, so nothing fires late.
  void run_for(rt::duration d) {
    const rt::instant end = drv.now() + d;
    ex.run_until_idle();
    for (;;) {
      const auto next = ex.next_deadline();
      if (!next || *next > end) break;
      if (*next > drv.now()) drv.advance(*next - drv.now());
      ex.run_until_idle();
    }
    if (end > drv.now()) drv.advance(end - drv.now());
    ex.run_until_idle();
  }
  // Runs until `n` more ticks of `r` have closed.
  void run_ticks(const room& r, std::uint32_t n) {
    const wire::tick_t target = r.next_tick() + n;
    while (r.next_tick() < target) run_for(r.next_deadline() - drv.now());
  }

  rt::manual_driver drv;
  rt::local_executor ex{drv};
  matchmaker mm;
  shard sh;
};

// A client: a session plus what it received, decoded.
struct client {
  explicit client(shard& s) : sess(std::make_unique<session>(s)) {}

  void send(const std::vector<std::byte>& bytes) { sess->on_message(bytes); }
  template <wire::message_kind M>
  void send(const M& m) {
    send(encoded(m));
  }
  void hello(std::string_view room, std::string_view name = "ann", bool spectator = false, wire::tick_t resume = 0) {
    send(wire::hello{.spectator = spectator, .resume_tick = resume, .room = room, .name = name});
  }
  void reconnect(std::string_view room, const wire::token& t, wire::tick_t resume, std::string_view name = "ann") {
    send(wire::hello{.reconnect_token = t, .resume_tick = resume, .room = room, .name = name});
  }
  void input(wire::tick_t t, std::string_view payload = {}) { send(wire::input{.tick = t, .payload = wire::as_bytes(payload)}); }

  // Moves everything queued into `got` (the transport took it).
  void drain() {
    outbound_queue& q = sess->out().queue();
    while (!q.empty()) {
      got.push_back(q.front());
      q.pop();
    }
  }
  // Drains, then decodes what arrived since the last call.
  std::vector<wire::message> take() {
    drain();
    std::vector<wire::message> out;
    for (; seen < got.size(); ++seen) {
      auto m = wire::decode(got[seen].bytes());
      REQUIRE(m.ok());
      out.push_back(*m);
    }
    return out;
  }
  template <wire::message_kind M>
  std::vector<M> take_all() {
    std::vector<M> out;
    for (auto& m : take()) {
      if (auto* x = std::get_if<M>(&m)) out.push_back(*x);
    }
    return out;
  }
  // The blocks of every bundle received so far, in order.
  std::vector<shared_bytes> bundles() {
    drain();
    std::vector<shared_bytes> out;
    for (auto& b : got) {
      if (wire::peek_type(b.bytes()) == wire::message_type::bundle) out.push_back(b);
    }
    return out;
  }
  // The welcome this client got (the first message).
  wire::welcome welcome() {
    drain();
    REQUIRE(!got.empty());
    auto m = wire::decode(got.front().bytes());
    REQUIRE(m.ok());
    REQUIRE(std::holds_alternative<wire::welcome>(*m));
    return std::get<wire::welcome>(*m);
  }
  // The error it was closed with, if any.
  std::optional<wire::error_code> error() const { return sess->out().error(); }

  std::unique_ptr<session> sess;
  std::vector<shared_bytes> got;
  std::size_t seen = 0;
};

}  // namespace skirmish::relay::test
