// bot_player: a bot's session over the epoll WebSocket client, and the
// watcher that decides when it is done.
#include "skirmish/game/bot_player.hpp"

#include <chrono>
#include <utility>

#include "skirmish/rt/join_handle.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/rt/sleep.hpp"
#include "skirmish/wire/codec.hpp"

namespace skirmish::game {

namespace {

// Names are checked UTF-8 without control characters (wire::valid_name), and
// reasons come from our own code and the relay; escape what JSON needs.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += static_cast<unsigned char>(ch) < 0x20 ? ' ' : ch;
  }
  return out + '"';
}

// How long a leave (or a relay's ending) may take before the bot stops waiting.
constexpr rt::duration closing_limit = std::chrono::seconds(6);

}  // namespace

bot_player::bot_player(bot_player_config config, rt::epoll_reactor& reactor, rt::local_executor& ex, const ws_url& url,
                       rt::duration connect_limit, std::FILE* out)
    : config_(std::move(config)),
      ex_(ex),
      out_(out),
      source_(config_.seed, config_.skill, tick_),
      session_({.name = config_.name, .room = config_.room, .max_connect_attempts = config_.attempts}, &source_),
      dialer_{ws_dialer(reactor, ex, url, this, connect_limit), std::nullopt, &tick_},
      runner_(session_, dialer_, ex) {}

rt::task<rt::result<bot_player::recording_dialer::connection, std::string>> bot_player::recording_dialer::dial(
    std::string_view room) {
  auto r = co_await inner.dial(room);
  if (!r) {
    last_failure = r.error();
    wake->set();
  }
  co_return r;
}

rt::task<void> bot_player::run_session(bool& finished) {
  co_await runner_.run();
  finished = true;
  tick_.set();
}

void bot_player::stop() {
  stop_requested_ = true;
  tick_.set();
}

rt::task<bot_outcome> bot_player::play() {
  const rt::instant started = ex_.now();
  if (config_.duration) leave_at_ = started + *config_.duration;
  bool done = false;
  rt::join_handle<void> running = ex_.spawn(run_session(done));
  std::optional<rt::instant> final_at;
  bot_outcome outcome;
  for (;;) {
    tick_.reset();
    const rt::instant now = ex_.now();
    if (done) {
      if (session_.phase() == session_phase::ended) {
        outcome = {true, session_.status()};
      } else if (session_.phase() == session_phase::failed) {
        outcome = {false, session_.status()};
      } else {
        outcome = {false, "the session stopped: " + session_.status()};
      }
      break;
    }
    if (!first_live_ && session_.slot()) {
      first_live_ = session_.live_tick();
      print_welcome();
      progress_.set();
    }
    if (is_final(session_.phase()) || left_at_) {
      // note: the runner is sending the leave or closing; give it time to finish.
      if (!final_at) final_at = now;
      if (now - *final_at > closing_limit) {
        outcome = {session_.phase() != session_phase::failed, session_.status() + " (the close did not finish in time)"};
        break;
      }
    } else if (std::optional<bot_outcome> o = check(now)) {
      outcome = std::move(*o);
      break;
    }
    co_await rt::select(tick_.wait(), rt::sleep_for(std::chrono::milliseconds(100)));
  }
  running.cancel();
  print_end(outcome);
  progress_.set();
  co_return outcome;
}

std::optional<bot_outcome> bot_player::check(rt::instant now) {
  if (!first_live_ && dialer_.last_failure) return bot_outcome{false, *dialer_.last_failure};
  if (relay_closed_) {
    return bot_outcome{true, "the relay closed the connection (" + std::to_string(ws::to_number(relay_closed_->received)) +
                                 (relay_closed_->reason.empty() ? "" : " " + relay_closed_->reason) + ")"};
  }
  bool leave = stop_requested_;
  if (leave_at_ && now >= *leave_at_) leave = true;
  if (first_live_ && config_.ticks && session_.tick() >= *first_live_ + *config_.ticks) leave = true;
  if (config_.until_match_end && session_.battle() != nullptr) {
    // note: a bot that joins during a match's end screen waits for the next
    // match to end, not the one it never saw.
    const bool ended = session_.battle()->sim().state().match.phase == match_phase::ended;
    if (!ended) saw_match_running_ = true;
    if (ended && saw_match_running_) leave = true;
  }
  if (leave) {
    runner_.leave();
    left_at_ = now;
  }
  return std::nullopt;
}

void bot_player::on_send(wire::bytes_view message) {
  if (message.empty() || message[0] != static_cast<std::byte>(wire::message_type::hash_report)) return;
  auto report = wire::decode_as<wire::hash_report>(message);
  if (!report) return;
  ++hash_reports_;
  std::fprintf(out_, "{\"event\":\"hash\",\"bot\":%s,\"room\":%s,\"slot\":%d,\"tick\":%u,\"hash\":\"%016llx\"}\n",
               json_string(config_.name).c_str(), json_string(session_.room()).c_str(), session_.slot().value_or(-1),
               static_cast<unsigned>(report->tick), static_cast<unsigned long long>(report->hash));
  std::fflush(out_);
}

void bot_player::on_closed(const ws::close_status& how) {
  const bool normal = how.received == ws::close_code::normal || how.received == ws::close_code::going_away;
  if (!how.we_initiated && normal) relay_closed_ = how;
  tick_.set();
}

void bot_player::print_welcome() {
  std::fprintf(out_,
               "{\"event\":\"welcome\",\"bot\":%s,\"room\":%s,\"slot\":%d,\"live_tick\":%u,\"seed\":\"%016llx\","
               "\"tick_hz\":%d,\"input_delay\":%d,\"hash_interval\":%d}\n",
               json_string(config_.name).c_str(), json_string(session_.room()).c_str(), session_.slot().value_or(-1),
               static_cast<unsigned>(session_.live_tick()), static_cast<unsigned long long>(session_.seed()),
               session_.tick_hz(), session_.input_delay(), session_.hash_interval());
  std::fflush(out_);
}

void bot_player::print_end(const bot_outcome& o) {
  std::fprintf(out_, "{\"event\":\"end\",\"bot\":%s,\"room\":%s,\"ok\":%s,\"tick\":%u,\"hash_reports\":%llu,\"why\":%s}\n",
               json_string(config_.name).c_str(), json_string(session_.room()).c_str(), o.ok ? "true" : "false",
               static_cast<unsigned>(session_.tick()), static_cast<unsigned long long>(hash_reports_),
               json_string(o.why).c_str());
  std::fflush(out_);
}

}  // namespace skirmish::game
