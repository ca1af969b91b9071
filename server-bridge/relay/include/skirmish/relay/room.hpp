// room: one lockstep room (PROTOCOL.md section 3): slots, spectators, the
// tick clock, the input table, the history and the hash reports. A plain
// struct owned by one worker thread; no locks, no atomics.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/relay/hash_tracker.hpp"
#include "skirmish/relay/input_table.hpp"
#include "skirmish/relay/refusal.hpp"
#include "skirmish/relay/room_context.hpp"
#include "skirmish/relay/shared_bytes.hpp"
#include "skirmish/relay/tick_history.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/wire/client_messages.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::relay {

class session;

// How a member stops being one, other than by `leave`.
enum class departure : std::uint8_t {
  disconnected,  // the connection dropped (or timed out, or read too slowly): the slot is held
  kicked,        // the relay removed it for breaking the protocol: the slot is freed
};

// note: every call that may change who is in the room also sends what the
// others must learn (notices), and every broadcast is encoded once into one
// shared_bytes that each recipient's queue references.
class room {
 public:
  room(std::string id, room_context& ctx, rt::instant created);
  room(const room&) = delete;
  room& operator=(const room&) = delete;
  // Detaches whatever sessions are still members (they see no room any more).
  ~room();

  // Joining: on success the session is a member and has been sent its
  // welcome and history; the others got their notice.
  // `now` is the worker's clock (the executor's) at the call.
  [[nodiscard]] rt::result<void, refusal> add_player(session& s, const wire::hello& h, rt::instant now);
  [[nodiscard]] rt::result<void, refusal> add_spectator(session& s, const wire::hello& h, rt::instant now);
  // A hello with a reconnect token: takes the held (or half-open) slot back.
  [[nodiscard]] rt::result<void, refusal> reconnect(session& s, const wire::hello& h, rt::instant now);

  // From a member. An error means: close that session with it.
  [[nodiscard]] rt::result<void, refusal> input(session& s, const wire::input& in);
  [[nodiscard]] rt::result<void, refusal> hash_report(session& s, const wire::hash_report& r, rt::instant now);
  void ping(session& s, const wire::ping& p, rt::instant now);
  // `leave`: the slot is freed at once.
  void leave(session& s, rt::instant now);
  // The session stops being a member without `leave`.
  void remove(session& s, departure how, rt::instant now);

  // Closes every tick whose time has come (in order, none skipped, each
  // broadcast once), expires held slots, compares hash reports.
  void advance(rt::instant now);
  // When the next tick is due.
  [[nodiscard]] rt::instant next_deadline() const noexcept { return deadline_of(next_tick_); }
  // No connection and no held slot for the grace period: the worker may dispose of the room.
  [[nodiscard]] bool disposable(rt::instant now) const noexcept {
    return empty_since_.has_value() && now >= *empty_since_ + ctx_.config.empty_grace;
  }

  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  [[nodiscard]] wire::tick_t start_tick() const noexcept { return start_tick_; }
  // The tick the room closes next.
  [[nodiscard]] wire::tick_t next_tick() const noexcept { return next_tick_; }
  [[nodiscard]] rt::instant created() const noexcept { return created_; }
  // Occupied slots (connected or held), as a presence mask and a count.
  [[nodiscard]] std::uint8_t occupied_mask() const noexcept;
  [[nodiscard]] std::size_t players() const noexcept;
  [[nodiscard]] std::size_t spectators() const noexcept { return spectators_.size(); }
  // A newcomer can still get every tick from the start (the history reaches it).
  [[nodiscard]] bool open_to_joiners() const noexcept { return history_.begin() == start_tick_; }
  // Sessions attached: connected players and spectators.
  [[nodiscard]] std::size_t connections() const noexcept;
  [[nodiscard]] const tick_history& history() const noexcept { return history_; }

  // Set when the matchmaker sent a player here; such a room reports to it.
  void mark_matchmade() noexcept { matchmade_ = true; }
  [[nodiscard]] bool matchmade() const noexcept { return matchmade_; }
  // Tells the matchmaker (through the context's reports) how full the room
  // is, and that an auto hello it sent here arrived (player or spectator).
  void report(bool settled_player, bool settled_spectator, bool disposed = false);

 private:
  enum class slot_status : std::uint8_t { free, connected, held };
  struct slot_state {
    slot_status status = slot_status::free;
    session* conn = nullptr;  // when connected
    std::string name;
    wire::token token{};
    rt::instant held_until{};          // when held
    wire::tick_t reports_from = 0;     // the first tick this connection owes hash reports for
  };

  [[nodiscard]] rt::instant deadline_of(wire::tick_t t) const noexcept;
  [[nodiscard]] rt::result<void, refusal> check_resume(wire::tick_t resume) const;
  void welcome(session& s, std::uint8_t slot, const wire::token& token, wire::tick_t resume);
  void send_history(session& s, wire::tick_t from);
  void close_tick(rt::instant now);
  void free_slot(std::uint8_t slot, wire::leave_reason why);
  void hold_slot(std::uint8_t slot, rt::instant now);
  void detach(session& s);
  void expire_held(rt::instant now);
  void compare_hashes(rt::instant now);
  [[nodiscard]] std::uint8_t owed_reports(wire::tick_t t) const noexcept;
  void occupancy_changed();
  void update_empty(rt::instant now);
  [[nodiscard]] wire::token new_token();

  // Sends `m` to every connected player and spectator, except `skip`; those
  // over their watermark are dropped as slow consumers afterwards.
  void broadcast(const shared_bytes& m, const session* skip = nullptr);
  void drop_slow_consumers(rt::instant now);

  std::string id_;
  room_context& ctx_;
  rt::instant created_;
  std::uint64_t seed_;
  wire::tick_t start_tick_ = 0;
  wire::tick_t next_tick_ = 0;
  std::array<slot_state, wire::max_slots> slots_{};
  std::vector<session*> spectators_;
  std::vector<session*> slow_;  // found over their watermark during a broadcast
  input_table inputs_;
  tick_history history_;
  hash_tracker hashes_;
  std::optional<rt::instant> empty_since_;
  std::uint8_t reported_players_ = 0;
  bool reported_open_ = true;
  bool matchmade_ = false;
  bool dropping_ = false;
};

}  // namespace skirmish::relay
