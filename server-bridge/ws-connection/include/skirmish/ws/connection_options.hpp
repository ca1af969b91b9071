// connection_options: the limits and timers of one WebSocket connection over
// TCP (both roles), and what a server adds for the opening handshake.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "skirmish/rt/time.hpp"
#include "skirmish/ws/head_limits.hpp"

namespace skirmish::ws {

struct connection_options {
  // A message over this size fails the connection with 1009.
  std::uint64_t max_message_size = 16 * 1024 * 1024;
  // Outgoing messages larger than this go out as several frames; 0: never split.
  std::size_t max_frame_payload = 0;
  // The outbound watermark: once the bytes queued for a peer would pass it,
  // the peer is a slow consumer: its backlog is dropped and the connection
  // closed with 1008, so memory stays bounded.
  std::size_t max_outbound_bytes = 16 * 1024 * 1024;
  // Bytes read from the socket at once (allocated when the connection opens).
  std::size_t read_buffer_size = 16 * 1024;
  // After this long without a byte from the peer a ping goes out; after as
  // long again the connection closes with 1001. Zero: no idle check.
  rt::duration idle_timeout = std::chrono::seconds(60);
  // How long the closing handshake may take (our close out, the peer's close
  // and its FIN in) before the socket is closed regardless.
  rt::duration close_timeout = std::chrono::seconds(5);
};

struct server_options : connection_options {
  // The request head must arrive whole within this time (and within `head`'s
  // limits), or the socket is closed.
  rt::duration handshake_timeout = std::chrono::seconds(10);
  head_limits head;
};

}  // namespace skirmish::ws
