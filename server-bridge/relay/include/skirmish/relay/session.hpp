// session: one client connection as the relay's protocol sees it: the order
// of messages, the rate limits, the hello and idle timeouts, and membership of
// a room. Bytes in, a peer (outbound queue and close request) out; no socket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/relay/peer.hpp"
#include "skirmish/relay/rate_limiter.hpp"
#include "skirmish/relay/refusal.hpp"
#include "skirmish/relay/shared_bytes.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/wire/protocol.hpp"

namespace skirmish::relay {

class room;
class shard;

enum class session_state : std::uint8_t {
  awaiting_hello,  // connected, no hello yet (the hello timeout runs)
  routing,         // the hello names a room another worker owns (or needs the matchmaker): see route()
  member,          // in a room, as a player or a spectator
  left,            // sent `leave`; the peer closes normally (1000) once drained
  closed,          // the relay closed it with an error: drain peer() and close
};

// A hello this worker cannot serve itself, for the glue to carry to the
// worker that can (PROTOCOL.md: rooms are sharded by a hash of their id).
struct route_request {
  std::string room;              // the room to join; empty: ask the matchmaker first (an `auto` hello)
  bool spectator = false;
  std::vector<std::byte> hello;  // the hello's bytes, to replay with on_routed_hello on the owner
};

// How the transport drives it (all on the worker's thread):
//   session s(shard);                        after the WebSocket handshake
//   each binary message  -> s.on_message(payload)
//   each text message    -> s.on_text_message(size)
//   a pong or any frame  -> s.on_activity()
//   timer at s.next_deadline() -> s.poll()
//   peer closed / EOF / error  -> s.on_transport_closed()
//   a WebSocket protocol fault -> s.on_protocol_fault()
//   the write task drains s.out() (peer.hpp) and closes as it says;
//   s.state() == routing -> carry *s.route() to the owner (see shard.hpp).
// Destroying a session that is still a member counts as a disconnect.
class session {
 public:
  explicit session(shard& owner);
  session(const session&) = delete;
  session& operator=(const session&) = delete;
  ~session();

  void on_message(wire::bytes_view message);
  void on_text_message(std::size_t bytes);
  // The transport ended without a close of ours (the client closed, the
  // socket failed): a player's slot is held for the reconnect window.
  void on_transport_closed();
  // The WebSocket layer closed the connection for a fault of the client's
  // (a frame over the size limit, a broken frame): as a protocol fault, the
  // player's slot is freed (kicked), not held. No error message: the
  // WebSocket close already went out.
  void on_protocol_fault();
  // Something arrived from the client (a WebSocket pong, say): not idle.
  void on_activity() noexcept;
  // Enforces the hello timeout and the idle timeout at the shard's clock.
  void poll();
  [[nodiscard]] rt::instant next_deadline() const noexcept;
  // On the owner worker, for a session created for a routed connection: the
  // hello from route_request, and the room the matchmaker picked if it was `auto`.
  void on_routed_hello(wire::bytes_view hello, std::string_view room);

  // Closes with `code` (the error message goes out last). Anything the relay
  // decides (shutting_down, room_closed) goes through here too.
  void close(wire::error_code code, std::string_view reason);

  [[nodiscard]] peer& out() noexcept { return peer_; }
  [[nodiscard]] const peer& out() const noexcept { return peer_; }
  [[nodiscard]] session_state state() const noexcept { return state_; }
  [[nodiscard]] const route_request* route() const noexcept { return route_ ? &*route_ : nullptr; }
  // The room, while a member; and the slot (wire::spectator_slot for a spectator).
  [[nodiscard]] room* current_room() const noexcept { return room_; }
  [[nodiscard]] std::uint8_t slot() const noexcept { return slot_; }
  [[nodiscard]] bool spectator() const noexcept { return slot_ == wire::spectator_slot; }

 private:
  friend class room;
  friend class shard;

  // Room side: queue a live message (false: over the watermark, drop me).
  [[nodiscard]] bool deliver(const shared_bytes& m);
  // Room side: queue a catch-up message (welcome, history).
  void deliver_catch_up(shared_bytes m);
  // Room side: the room made this session a member, or stopped it being one.
  void joined(room& r, std::uint8_t slot) noexcept;
  void detached() noexcept;
  // Room side: another connection took this one's slot with its token.
  void replaced();
  // Room side: this connection reads too slowly; its queue is freed.
  void drop_slow();

  void dispatch(wire::bytes_view message);
  void hello(wire::bytes_view message, std::optional<std::string_view> assigned_room);
  void fail(const refusal& r);
  void send_error(wire::error_code code, std::string_view reason, bool discard_queued);
  [[nodiscard]] rt::instant now() const;

  shard& shard_;
  peer peer_;
  rate_limiter rates_;
  session_state state_ = session_state::awaiting_hello;
  room* room_ = nullptr;
  std::uint8_t slot_ = wire::spectator_slot;
  std::optional<wire::tick_t> last_input_tick_;  // input ticks strictly increase on one connection
  rt::instant hello_deadline_;
  rt::instant last_heard_;
  std::optional<route_request> route_;
  session* prev_ = nullptr;  // the shard's list of its sessions
  session* next_ = nullptr;
};

}  // namespace skirmish::relay
