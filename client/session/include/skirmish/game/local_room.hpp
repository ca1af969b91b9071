// local_room: the relay's role for one room, in-process: slots, the tick
// clock's bundles, history, reconnect tokens, spectators, hash comparison,
// and bots filling slots. Offline practice runs the very same session over it.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/game/bot.hpp"
#include "skirmish/game/lockstep_battle.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/rt/waker.hpp"
#include "skirmish/rt/waker_cell.hpp"
#include "skirmish/wire/message.hpp"

namespace skirmish::game {

struct local_room_options {
  std::uint64_t seed = 1;                 // the battle's seed; tokens and bots derive from it
  std::string room = "practice";          // the room id every welcome names
  int max_slots = 8;                      // 1-8
  int tick_hz = tick_rate;
  int input_delay = 2;
  int hash_interval = tick_rate;
  int reconnect_window_s = 30;
  wire::tick_t start_tick = 0;
  int bots = 0;                           // slots filled by bots from the first tick: the highest ones
  bot_skill skill = bot_skill::normal();
  std::size_t history_ticks = 1u << 16;   // ticks kept for catch-up; older ones are history_unavailable
};

// Usage: id = connect(); receive(id, bytes) for each client message;
// close_tick() at every beat of the room's clock (run_local_room does it on
// an executor); take(id) / pop(id) for what the room sends to id; drop(id)
// when that connection is lost. A connection the room closed (an error, a
// leave) reports closed(id); the messages before the close stay to be taken.
class local_room {
 public:
  using connection_id = std::uint32_t;

  explicit local_room(local_room_options options);

  [[nodiscard]] connection_id connect();
  void receive(connection_id c, wire::bytes_view bytes);
  // The transport lost c: a player's slot is held for the reconnect window.
  void drop(connection_id c);
  // Cuts c off as a network failure would (its reader sees the end), then drops it.
  void sever(connection_id c);
  // Closes the next tick: builds its bundle, sends it to everyone, steps the
  // mirror battle the bots see.
  void close_tick();

  [[nodiscard]] std::vector<std::vector<std::byte>> take(connection_id c);
  [[nodiscard]] std::optional<std::vector<std::byte>> pop(connection_id c);
  [[nodiscard]] bool has_messages(connection_id c) const;
  [[nodiscard]] bool closed(connection_id c) const;
  // Wakes `w` once c has a message or is closed (an awaitable's leaf).
  void watch(connection_id c, rt::waker w);

  [[nodiscard]] wire::tick_t next_tick() const noexcept { return next_tick_; }
  [[nodiscard]] rt::duration tick_period() const noexcept;
  // The mirror battle: what every client's battle is, tick for tick.
  [[nodiscard]] const lockstep_battle& mirror() const noexcept { return mirror_; }
  [[nodiscard]] const local_room_options& options() const noexcept { return options_; }
  // True once a player has joined and no player is left or held, or after
  // stop(): the clock may stop.
  [[nodiscard]] bool finished() const noexcept;
  void stop() noexcept { stopped_ = true; }
  // The last desync the room found, if any.
  [[nodiscard]] const std::optional<wire::tick_t>& desync_tick() const noexcept { return desync_tick_; }

 private:
  enum class occupant : std::uint8_t { free, human, bot };
  struct slot_state {
    occupant who = occupant::free;
    std::string name;
    wire::token token{};
    std::optional<connection_id> conn;   // none while held for a reconnect
    wire::tick_t dropped_at = 0;         // the tick it was dropped, while held
    std::map<wire::tick_t, std::vector<std::byte>> inputs;  // not yet closed
    std::optional<bot> brain;
  };
  struct connection {
    bool hello = false;
    bool spectator = false;
    int slot = -1;
    bool closed = false;
    std::optional<wire::tick_t> last_input;
    std::deque<std::vector<std::byte>> outbox;
    rt::waker_cell reader;
  };

  void on_hello(connection_id c, const wire::hello& m);
  void on_input(connection_id c, const wire::input& m);
  void on_hash_report(connection_id c, const wire::hash_report& m);
  void on_leave(connection_id c);
  void refuse(connection_id c, wire::error_code code, std::string_view reason);
  void welcome(connection_id c, int slot, wire::tick_t resume_tick);
  void free_slot(int slot, wire::leave_reason why);
  void judge_hashes(bool all_old);
  template <class M>
  void send(connection_id c, const M& m);
  template <class M>
  void send_all(const M& m, std::optional<connection_id> except = std::nullopt);
  void push(connection_id c, std::vector<std::byte> bytes);
  [[nodiscard]] connection* find(connection_id c);
  [[nodiscard]] const connection* find(connection_id c) const;
  [[nodiscard]] bool open(const connection& k) const noexcept { return k.hello && !k.closed; }

  local_room_options options_;
  lockstep_battle mirror_;
  rng random_;
  wire::tick_t next_tick_;
  std::vector<slot_state> slots_;
  std::map<connection_id, connection> connections_;
  connection_id next_connection_ = 1;
  std::deque<std::vector<std::byte>> history_;  // encoded bundles, ending at next_tick_ - 1
  std::map<wire::tick_t, std::uint64_t> mirror_hashes_;
  std::map<wire::tick_t, std::map<int, std::uint64_t>> reports_;
  std::optional<wire::tick_t> desync_tick_;
  bool had_player_ = false;
  bool stopped_ = false;
};

}  // namespace skirmish::game
