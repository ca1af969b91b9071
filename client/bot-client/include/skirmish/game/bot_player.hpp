// bot_player: one bot in a relay room over the epoll WebSocket client: the
// lockstep session with a bot as its input source, run by session_runner,
// watched until its ticks, seconds or match are over.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "skirmish/game/bot_input_source.hpp"
#include "skirmish/game/bot_outcome.hpp"
#include "skirmish/game/bot_player_config.hpp"
#include "skirmish/game/session.hpp"
#include "skirmish/game/session_runner.hpp"
#include "skirmish/game/transport_observer.hpp"
#include "skirmish/game/ws_dialer.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::game {

class bot_player final : transport_observer {
 public:
  // Prints its JSON lines to `out`. Everything passed must outlive play().
  bot_player(bot_player_config config, rt::epoll_reactor& reactor, rt::local_executor& ex, const ws_url& url,
             rt::duration connect_limit, std::FILE* out);
  bot_player(const bot_player&) = delete;
  bot_player& operator=(const bot_player&) = delete;

  // Joins, plays and leaves; returns when the bot is done.
  [[nodiscard]] rt::task<bot_outcome> play();
  // Leaves now (a signal, the process is stopping); play() returns soon.
  void stop();

  // Welcomed at least once (the room is known, room() is the real one).
  [[nodiscard]] bool welcomed() const noexcept { return first_live_.has_value(); }
  // Set on the first welcome and when play() returns.
  [[nodiscard]] rt::event& progress() noexcept { return progress_; }
  [[nodiscard]] const session& state() const noexcept { return session_; }
  [[nodiscard]] std::uint64_t hash_reports() const noexcept { return hash_reports_; }

 private:
  // The bot's input source, and a wake-up for the watcher at every tick.
  class ticking_source final : public input_source {
   public:
    ticking_source(std::uint64_t seed, bot_skill skill, rt::event& tick) : inner_(seed, skill), tick_(tick) {}
    input input_for(wire::tick_t t, int slot, const battle& view) override {
      tick_.set();
      return inner_.input_for(t, slot, view);
    }

   private:
    bot_input_source inner_;
    rt::event& tick_;
  };

  // Counts dial failures, so the bot gives up at once when the relay cannot
  // be reached before any welcome (instead of backing off for seconds).
  struct recording_dialer {
    using connection = ws_dialer::connection;
    ws_dialer inner;
    std::optional<std::string> last_failure;
    rt::event* wake;
    [[nodiscard]] rt::task<rt::result<connection, std::string>> dial(std::string_view room);
  };

  [[nodiscard]] rt::task<void> run_session(bool& finished);
  void on_send(wire::bytes_view message) override;
  void on_closed(const ws::close_status& how) override;
  void print_welcome();
  void print_end(const bot_outcome& o);
  [[nodiscard]] std::optional<bot_outcome> check(rt::instant now);

  bot_player_config config_;
  rt::local_executor& ex_;
  std::FILE* out_;
  rt::event tick_;
  rt::event progress_;
  ticking_source source_;
  session session_;
  recording_dialer dialer_;
  session_runner<recording_dialer, rt::local_executor> runner_;
  std::optional<wire::tick_t> first_live_;
  std::optional<ws::close_status> relay_closed_;  // the relay ended a connection with 1000 or 1001
  std::optional<rt::instant> leave_at_;
  std::optional<rt::instant> left_at_;
  bool stop_requested_ = false;
  bool saw_match_running_ = false;  // --until-match-end: a match was under way while we played
  std::uint64_t hash_reports_ = 0;
};

}  // namespace skirmish::game
