// session: the lockstep client of one room, independent of any transport. It
// speaks the wire protocol as bytes in and bytes out, owns the battle, and
// checks everything the relay says.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/game/close_request.hpp"
#include "skirmish/game/desync_notice.hpp"
#include "skirmish/game/event.hpp"
#include "skirmish/game/input_source.hpp"
#include "skirmish/game/lockstep_battle.hpp"
#include "skirmish/game/relay_error.hpp"
#include "skirmish/game/roster.hpp"
#include "skirmish/game/session_config.hpp"
#include "skirmish/game/session_phase.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/wire/message.hpp"

namespace skirmish::game {

// Driving it, from any transport (one thread, calls in any order):
//   on_connected(now)            the connection is open          (queues hello)
//   on_message(bytes, now)       one binary message arrived      (may apply ticks, queue input)
//   on_text_message(now)         a text message arrived          (a protocol error)
//   on_disconnected(now, why)    the connection is gone, or could not be opened
//   poll(now)                    at least by next_deadline()     (pings, the reconnect window)
// then send take_outgoing() in order, and after them honour take_close().
// While wants_connection(), open a connection, after retry_after() if it
// says so. Nothing here blocks, allocates per tick beyond the outgoing
// messages, or trusts the relay: every bad message turns the session to
// `failed` with a sentence in failure_reason() and a close request (1002).
class session {
 public:
  // `source` gives the local input (a spectator's is never asked; it may be
  // null, and then the relay fills in empty inputs); it must outlive the
  // session. A config that breaks a rule (a bad name or room id, a token with
  // `auto` or with `spectator`) leaves the session failed from the start.
  session(session_config config, input_source* source);

  // --- the transport's side ---
  void on_connected(rt::instant now);
  void on_message(wire::bytes_view bytes, rt::instant now);
  void on_text_message(rt::instant now);
  void on_disconnected(rt::instant now, std::string_view why = {});
  // Sends a ping when one is due and gives up when the reconnect window of
  // the room has passed.
  void poll(rt::instant now);

  // The encoded messages queued so far, oldest first (hello, input,
  // hash_report, ping, leave).
  [[nodiscard]] std::vector<std::vector<std::byte>> take_outgoing();
  [[nodiscard]] bool has_outgoing() const noexcept { return !outgoing_.empty(); }
  // Close the connection, once the outgoing messages before it are sent.
  [[nodiscard]] std::optional<close_request> take_close();
  // When poll() has something to do next (a ping, the end of the reconnect
  // window); nothing while it only waits for messages.
  [[nodiscard]] std::optional<rt::instant> next_deadline() const;
  // The transport should open a connection: at first, and after a drop.
  [[nodiscard]] bool wants_connection() const noexcept;
  // How long to wait before opening it (reconnect_backoff of the attempt).
  [[nodiscard]] rt::duration retry_after() const noexcept;
  // The room to put in the connection URL (/ws?room=...): the real room once
  // welcomed, else the configured one.
  [[nodiscard]] std::string_view room() const noexcept { return room_; }

  // --- the UI's side ---
  // Says goodbye: queues `leave` and a close (1000); the session ends.
  void leave();

  [[nodiscard]] session_phase phase() const noexcept { return phase_; }
  // Why the session failed or ended, or what a reconnect is waiting for; empty otherwise.
  [[nodiscard]] const std::string& status() const noexcept { return status_; }
  [[nodiscard]] const std::optional<relay_error>& last_error() const noexcept { return last_error_; }

  // The battle, once welcomed (nothing before): draw battle()->sim().state().
  [[nodiscard]] const lockstep_battle* battle() const noexcept { return battle_ ? &*battle_ : nullptr; }
  // The next tick to apply (the first one not applied yet), 0 before the welcome.
  [[nodiscard]] wire::tick_t tick() const noexcept { return battle_ ? battle_->next_tick() : 0; }
  // The first live tick of the current connection (history covers the ones before).
  [[nodiscard]] wire::tick_t live_tick() const noexcept { return live_from_; }
  // The relay's next tick, from the last pong.
  [[nodiscard]] std::optional<wire::tick_t> relay_tick() const noexcept { return relay_tick_; }
  // When the last tick was applied (for interpolation between ticks).
  [[nodiscard]] std::optional<rt::instant> last_step_at() const noexcept { return last_step_at_; }
  // The last ping round trip, and a smoothed one (1/8 per sample).
  [[nodiscard]] std::optional<rt::duration> ping() const noexcept { return rtt_; }
  [[nodiscard]] std::optional<rt::duration> smoothed_ping() const noexcept { return srtt_; }

  [[nodiscard]] const game::roster& roster() const noexcept { return roster_; }
  [[nodiscard]] bool spectator() const noexcept { return config_.spectator; }
  // My slot, once welcomed as a player.
  [[nodiscard]] std::optional<int> slot() const noexcept { return slot_; }
  [[nodiscard]] const std::optional<desync_notice>& desync() const noexcept { return desync_; }
  // The newest reconnect token (a spectator has none).
  [[nodiscard]] const std::optional<wire::token>& token() const noexcept { return token_; }
  // The room's parameters from the welcome (0 before it).
  [[nodiscard]] int input_delay() const noexcept { return input_delay_; }
  [[nodiscard]] int hash_interval() const noexcept { return hash_interval_; }
  [[nodiscard]] int tick_hz() const noexcept { return tick_hz_; }
  [[nodiscard]] int max_slots() const noexcept { return max_slots_; }
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  // Transport failures in a row (reset by a welcome).
  [[nodiscard]] unsigned attempts() const noexcept { return attempts_; }

  // Events of the applied steps, oldest first, ticks in room ticks; the
  // renderer reads them and clears them (at most config.max_events are kept).
  [[nodiscard]] const std::vector<event>& events() const noexcept { return events_; }
  void clear_events() noexcept { events_.clear(); }

 private:
  enum class link : std::uint8_t { down, awaiting_welcome, welcomed, closing };

  void handle(const wire::welcome& m, rt::instant now);
  void handle(const wire::bundle& m, rt::instant now);
  void handle(const wire::history& m, rt::instant now);
  void handle(const wire::player_joined& m);
  void handle(const wire::player_left& m);
  void handle(const wire::desync& m);
  void handle(const wire::pong& m, rt::instant now);
  void handle(const wire::error& m);

  [[nodiscard]] bool check_welcome(const wire::welcome& m);
  void apply(const tick_inputs& t, rt::instant now);
  void send_hello();
  void send_ping(rt::instant now);
  template <class M>
  void send(const M& m);
  void fail(std::string reason, std::uint16_t close_code = close_protocol_error);
  void end(std::string reason);
  void update_live_phase();

  session_config config_;
  input_source* source_;
  session_phase phase_ = session_phase::connecting;
  link link_ = link::down;
  std::string status_;
  std::optional<relay_error> last_error_;

  // The room, from the first welcome; a later welcome must agree.
  std::string room_;
  std::optional<lockstep_battle> battle_;
  std::optional<int> slot_;
  std::optional<wire::token> token_;
  int max_slots_ = 0;
  int tick_hz_ = 0;
  int input_delay_ = 0;
  int hash_interval_ = 0;
  int reconnect_window_s_ = 0;
  std::uint64_t seed_ = 0;
  wire::tick_t start_tick_ = 0;

  // This connection.
  wire::tick_t live_from_ = 0;
  std::optional<wire::tick_t> last_input_tick_;
  std::optional<rt::instant> next_ping_at_;
  struct sent_ping {
    std::uint64_t client_time = 0;
    rt::instant at{};
    bool used = false;
  };
  std::array<sent_ping, 4> pings_{};
  std::size_t next_ping_index_ = 0;

  std::optional<wire::tick_t> relay_tick_;
  std::optional<rt::instant> last_step_at_;
  std::optional<rt::duration> rtt_;
  std::optional<rt::duration> srtt_;
  std::optional<rt::instant> dropped_at_;
  unsigned attempts_ = 0;

  game::roster roster_;
  // What the join and leave notices of this connection promise about later
  // bundles: slot i present (or absent) from tick `from` on.
  struct presence_promise {
    wire::tick_t from = 0;
    bool present = false;
  };
  std::array<std::optional<presence_promise>, wire::max_slots> promised_{};
  std::optional<desync_notice> desync_;
  struct tick_hash {
    wire::tick_t tick = 0;
    std::uint64_t hash = 0;
    bool used = false;
  };
  std::array<tick_hash, 64> hashes_{};  // our recent reportable hashes, for desync notices
  std::vector<event> events_;
  std::vector<std::vector<std::byte>> outgoing_;
  std::optional<close_request> close_;
};

}  // namespace skirmish::game
