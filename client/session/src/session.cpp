// session: the transport's side (connect, messages, drops, timers) and the outgoing messages.
#include "skirmish/game/session.hpp"

#include <algorithm>
#include <chrono>
#include <type_traits>
#include <utility>
#include <variant>

#include "skirmish/game/reconnect_backoff.hpp"
#include "skirmish/wire/codec.hpp"
#include "skirmish/wire/text.hpp"
#include "text_cat.hpp"

namespace skirmish::game {

using detail::cat;

namespace {

// FNV-1a of the name: a seed for the reconnect jitter that differs between
// players and stays the same between runs.
std::uint64_t name_seed(std::string_view name) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// note: a WebSocket close reason is at most 123 bytes; cut at a UTF-8
// boundary so the transport never sends invalid text.
std::string close_reason(std::string_view s) {
  std::size_t n = std::min<std::size_t>(s.size(), 123);
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

}  // namespace

session::session(session_config config, input_source* source) : config_(std::move(config)), source_(source) {
  room_ = config_.room;
  token_ = config_.reconnect_token;
  if (!wire::valid_name(config_.name)) {
    fail("the name must be 1 to 32 bytes of text without control characters");
  } else if (!wire::valid_room_id(config_.room)) {
    fail("the room id must be 1 to 32 letters, digits, '_' or '-'");
  } else if (config_.reconnect_token && config_.room == wire::auto_room) {
    fail("a reconnect token needs the real room id, not auto");
  } else if (config_.reconnect_token && config_.spectator) {
    fail("a spectator has no reconnect token");
  }
}

void session::on_connected(rt::instant) {
  if (is_final(phase_) || link_ != link::down) return;
  link_ = link::awaiting_welcome;
  outgoing_.clear();
  close_.reset();
  if (!battle_) phase_ = session_phase::joining;
  send_hello();
}

void session::on_text_message(rt::instant) {
  if (link_ == link::down || link_ == link::closing || is_final(phase_)) return;
  fail("the relay sent a text message; the protocol is binary");
}

void session::on_message(wire::bytes_view bytes, rt::instant now) {
  // note: after an error or a close request the rest of the stream is moot.
  if (link_ == link::down || link_ == link::closing || is_final(phase_)) return;
  auto decoded = wire::decode(bytes);
  if (!decoded) {
    const wire::decode_error& e = decoded.error();
    fail(cat("malformed message from the relay: ", e.reason, " (byte ", e.offset, " of ", bytes.size(), ")"));
    return;
  }
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        constexpr wire::message_type type = M::type;
        if constexpr (wire::sent_by_client(type)) {
          fail(cat("the relay sent a client message (", wire::name_of(type), ")"));
        } else if constexpr (std::is_same_v<M, wire::error>) {
          handle(m);
        } else if constexpr (std::is_same_v<M, wire::welcome>) {
          if (link_ != link::awaiting_welcome) {
            fail("the relay sent a second welcome on one connection");
          } else {
            handle(m, now);
          }
        } else if (link_ != link::welcomed) {
          fail(cat("the relay sent ", wire::name_of(type), " before the welcome"));
        } else if constexpr (std::is_same_v<M, wire::bundle> || std::is_same_v<M, wire::history> ||
                             std::is_same_v<M, wire::pong>) {
          handle(m, now);
        } else {
          handle(m);
        }
      },
      *decoded);
}

void session::on_disconnected(rt::instant now, std::string_view why) {
  if (is_final(phase_)) return;
  link_ = link::down;
  outgoing_.clear();
  close_.reset();
  pings_ = {};
  next_ping_at_.reset();
  if (!dropped_at_) dropped_at_ = now;
  ++attempts_;
  const std::string cause = why.empty() ? std::string("connection closed") : std::string(why);
  if (attempts_ > config_.max_connect_attempts) {
    fail(cat(battle_ ? "could not reconnect to the relay" : "could not reach the relay", " after ", attempts_,
             " attempts (", cause, ")"));
    return;
  }
  phase_ = session_phase::reconnecting;
  status_ = battle_ ? cat("connection lost (", cause, "); reconnecting, attempt ", attempts_)
                    : cat("could not reach the relay (", cause, "); retrying, attempt ", attempts_);
}

void session::poll(rt::instant now) {
  if (is_final(phase_)) return;
  if (link_ == link::welcomed && next_ping_at_ && now >= *next_ping_at_) send_ping(now);
  if (link_ != link::welcomed && dropped_at_ && token_ && battle_ &&
      now >= *dropped_at_ + std::chrono::seconds(reconnect_window_s_)) {
    fail(cat("could not reconnect within the room's ", reconnect_window_s_, " s window; the slot is gone"));
  }
}

std::optional<rt::instant> session::next_deadline() const {
  if (is_final(phase_)) return std::nullopt;
  if (link_ == link::welcomed) return next_ping_at_;
  if (dropped_at_ && token_ && battle_) return *dropped_at_ + std::chrono::seconds(reconnect_window_s_);
  return std::nullopt;
}

bool session::wants_connection() const noexcept {
  return phase_ == session_phase::connecting || (phase_ == session_phase::reconnecting && link_ == link::down);
}

rt::duration session::retry_after() const noexcept {
  if (attempts_ == 0) return rt::duration::zero();
  return reconnect_backoff(attempts_, name_seed(config_.name));
}

std::vector<std::vector<std::byte>> session::take_outgoing() { return std::exchange(outgoing_, {}); }

std::optional<close_request> session::take_close() { return std::exchange(close_, std::nullopt); }

void session::leave() {
  if (is_final(phase_)) return;
  if (link_ == link::welcomed || link_ == link::awaiting_welcome) {
    send(wire::leave{});
    close_ = close_request{close_normal, "leave"};
    link_ = link::closing;
  }
  end("you left the room");
}

void session::send_hello() {
  wire::hello h;
  h.spectator = config_.spectator;
  if (!config_.spectator) h.reconnect_token = token_;
  h.resume_tick = battle_ ? battle_->next_tick() : 0;
  h.room = room_;
  h.name = config_.name;
  send(h);
}

void session::send_ping(rt::instant now) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  sent_ping& p = pings_[next_ping_index_++ % pings_.size()];
  p = {static_cast<std::uint64_t>(micros), now, true};
  send(wire::ping{p.client_time});
  next_ping_at_ = now + config_.ping_interval;
}

template <class M>
void session::send(const M& m) {
  std::vector<std::byte> bytes;
  if (auto ok = wire::encode(m, bytes); !ok) {
    fail(cat("could not encode ", wire::name_of(M::type), ": ", ok.error().reason), close_normal);
    return;
  }
  outgoing_.push_back(std::move(bytes));
}
// note: session_messages.cpp sends these two.
template void session::send(const wire::hash_report&);
template void session::send(const wire::input&);

void session::fail(std::string reason, std::uint16_t close_code) {
  phase_ = session_phase::failed;
  status_ = std::move(reason);
  outgoing_.clear();
  if (link_ != link::down) {
    close_ = close_request{close_code, close_reason(status_)};
    link_ = link::closing;
  }
}

void session::end(std::string reason) {
  phase_ = session_phase::ended;
  status_ = std::move(reason);
}

}  // namespace skirmish::game
