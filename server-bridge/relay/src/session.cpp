// session: the per-connection protocol state machine in front of the rooms.
#include "skirmish/relay/session.hpp"

#include <variant>

#include "skirmish/relay/encode_shared.hpp"
#include "skirmish/relay/room.hpp"
#include "skirmish/relay/shard.hpp"
#include "skirmish/wire/codec.hpp"

namespace skirmish::relay {

namespace {
// Faults of the client's own making free its slot; anything else (a timeout,
// a slow reader, the relay going away) holds it for a reconnect.
departure departure_for(wire::error_code c) noexcept {
  switch (c) {
    case wire::error_code::bad_message:
    case wire::error_code::not_allowed:
    case wire::error_code::bad_tick:
    case wire::error_code::rate_limited: return departure::kicked;
    default: return departure::disconnected;
  }
}
}  // namespace

session::session(shard& owner)
    : shard_(owner),
      peer_(owner.config().outbound_watermark),
      rates_(owner.config().room, owner.config().rate_factor) {
  const rt::instant t = now();
  hello_deadline_ = t + owner.config().hello_timeout;
  last_heard_ = t;
  shard_.link(*this);
  ++shard_.metrics().connections;
  ++shard_.metrics().connections_total;
}

session::~session() {
  if (room_ != nullptr) room_->remove(*this, departure::disconnected, now());
  shard_.unlink(*this);
  --shard_.metrics().connections;
}

rt::instant session::now() const { return shard_.now(); }

void session::on_message(wire::bytes_view message) {
  worker_metrics& m = shard_.metrics();
  ++m.messages_in;
  m.bytes_in += message.size();
  last_heard_ = now();
  if (state_ == session_state::closed) return;  // bytes that were on their way when we closed
  dispatch(message);
}

void session::on_text_message(std::size_t bytes) {
  worker_metrics& m = shard_.metrics();
  ++m.messages_in;
  m.bytes_in += bytes;
  if (state_ == session_state::closed) return;
  fail({wire::error_code::bad_message, "a text message (the protocol is binary)"});
}

void session::on_transport_closed() {
  if (room_ != nullptr) room_->remove(*this, departure::disconnected, now());
  state_ = session_state::closed;
}

void session::on_protocol_fault() {
  if (room_ != nullptr) room_->remove(*this, departure::kicked, now());
  state_ = session_state::closed;
}

void session::on_activity() noexcept { last_heard_ = now(); }

void session::poll() {
  const rt::instant t = now();
  if (state_ == session_state::awaiting_hello && t >= hello_deadline_) {
    fail({wire::error_code::timeout, "no hello in time"});
  } else if (state_ == session_state::member && shard_.config().idle_timeout > rt::duration::zero() &&
             t >= last_heard_ + shard_.config().idle_timeout) {
    fail({wire::error_code::timeout, "idle for too long"});
  }
}

rt::instant session::next_deadline() const noexcept {
  if (state_ == session_state::awaiting_hello) return hello_deadline_;
  if (state_ == session_state::member && shard_.config().idle_timeout > rt::duration::zero()) {
    return last_heard_ + shard_.config().idle_timeout;
  }
  return rt::instant::max();
}

void session::on_routed_hello(wire::bytes_view message, std::string_view room) {
  if (state_ != session_state::awaiting_hello) return fail({wire::error_code::internal, "a routed hello on a busy connection"});
  hello(message, room);
}

void session::close(wire::error_code code, std::string_view reason) { fail({code, reason}); }

void session::dispatch(wire::bytes_view message) {
  const auto type = wire::peek_type(message);
  if (!type) return fail({wire::error_code::bad_message, "unknown message type"});
  if (!wire::sent_by_client(*type)) return fail({wire::error_code::bad_message, "a relay-to-client message type"});

  switch (state_) {
    case session_state::awaiting_hello:
      if (*type != wire::message_type::hello) return fail({wire::error_code::not_allowed, "the first message must be hello"});
      return hello(message, std::nullopt);
    case session_state::routing:
      // note: the glue stops reading once it routes; the bytes it has read go along with the connection.
      return fail({wire::error_code::not_allowed, "a message before the welcome"});
    case session_state::left: return fail({wire::error_code::not_allowed, "a message after leave"});
    case session_state::closed: return;
    case session_state::member: break;
  }
  if (*type == wire::message_type::hello) return fail({wire::error_code::not_allowed, "a second hello"});
  // note: the rate is checked before decoding, so a flood costs as little as possible.
  const wire::tick_t closed_upto = room_ != nullptr ? room_->next_tick() : 0;
  if (!rates_.allow(*type, now(), closed_upto)) return fail({wire::error_code::rate_limited, "more messages than the rate limit allows"});

  auto decoded = wire::decode(message);
  if (!decoded) return fail({decoded.error().code, decoded.error().reason});
  if (room_ == nullptr) return fail({wire::error_code::room_closed, "the room was closed"});
  room& r = *room_;
  if (const auto* in = std::get_if<wire::input>(&*decoded)) {
    if (auto ok = r.input(*this, *in); !ok) fail(ok.error());
  } else if (const auto* h = std::get_if<wire::hash_report>(&*decoded)) {
    if (auto ok = r.hash_report(*this, *h, now()); !ok) fail(ok.error());
  } else if (const auto* p = std::get_if<wire::ping>(&*decoded)) {
    r.ping(*this, *p, now());
  } else if (std::holds_alternative<wire::leave>(*decoded)) {
    r.leave(*this, now());
    state_ = session_state::left;
    peer_.finish();  // nothing more to send: close normally once the queue drains
  }
}

void session::hello(wire::bytes_view message, std::optional<std::string_view> assigned_room) {
  auto h = wire::decode_as<wire::hello>(message);
  if (!h) {
    if (h.error().code == wire::error_code::unsupported_version) {
      return fail({wire::error_code::unsupported_version, "relay speaks protocol 1 only"});
    }
    return fail({h.error().code, h.error().reason});
  }
  shard::admission a = shard_.admit(*this, *h, assigned_room);
  switch (a.outcome) {
    case shard::admission::joined: break;  // the room called joined()
    case shard::admission::refused: fail(a.why); break;
    case shard::admission::routed:
      state_ = session_state::routing;
      route_ = route_request{std::move(a.route_room), h->spectator, std::vector<std::byte>(message.begin(), message.end())};
      break;
  }
}

void session::fail(const refusal& r) {
  if (state_ == session_state::closed) return;
  if (room_ != nullptr) room_->remove(*this, departure_for(r.code), now());
  state_ = session_state::closed;
  send_error(r.code, r.reason, false);
}

void session::send_error(wire::error_code code, std::string_view reason, bool discard_queued) {
  shared_bytes e = encode_shared(wire::error{code, reason}, shard_.scratch());
  if (!e) e = encode_shared(wire::error{code, {}}, shard_.scratch());  // a reason that broke a rule
  const auto i = static_cast<std::size_t>(code);
  worker_metrics& m = shard_.metrics();
  if (i < m.errors_sent.size()) ++m.errors_sent[i];
  ++m.messages_out;
  m.bytes_out += e.size();
  peer_.close(std::move(e), code, discard_queued);
}

// ---- room side ----------------------------------------------------------------

bool session::deliver(const shared_bytes& m) {
  switch (peer_.send(m)) {
    case send_status::queued: {
      worker_metrics& w = shard_.metrics();
      ++w.messages_out;
      w.bytes_out += m.size();
      return true;
    }
    case send_status::closing: return true;
    case send_status::over_watermark: return false;
  }
  return true;
}

void session::deliver_catch_up(shared_bytes m) {
  if (!m) return;
  worker_metrics& w = shard_.metrics();
  ++w.messages_out;
  w.bytes_out += m.size();
  peer_.send_exempt(std::move(m));
}

void session::joined(room& r, std::uint8_t slot) noexcept {
  room_ = &r;
  slot_ = slot;
  state_ = session_state::member;
  last_input_tick_.reset();
  route_.reset();
  rates_.joined(r.next_tick());
}

void session::detached() noexcept { room_ = nullptr; }

void session::replaced() {
  room_ = nullptr;
  state_ = session_state::closed;
  send_error(wire::error_code::replaced, "another connection took this slot with its token", false);
}

void session::drop_slow() {
  state_ = session_state::closed;
  send_error(wire::error_code::slow_consumer, "the client did not read fast enough", true);
}

}  // namespace skirmish::relay
