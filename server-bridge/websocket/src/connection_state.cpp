// The close-handshake transitions of one connection (RFC 6455 sections 5.5 and 7).
#include "skirmish/ws/connection_state.hpp"

#include <algorithm>
#include <cstring>

namespace skirmish::ws {

void connection_state::on_ping(std::span<const std::byte> payload) noexcept {
  if (phase_ != phase::open) return;
  pong_size_ = static_cast<std::uint8_t>(std::min(payload.size(), pong_.size()));
  if (pong_size_ != 0) std::memcpy(pong_.data(), payload.data(), pong_size_);
  pong_pending_ = true;
}

std::optional<std::span<const std::byte>> connection_state::pending_pong() const noexcept {
  if (!pong_pending_) return std::nullopt;
  return std::span<const std::byte>(pong_.data(), pong_size_);
}

void connection_state::on_close_received(close_code code) noexcept {
  if (phase_ == phase::open) {
    peer_code_ = code;
    phase_ = phase::close_received;
    owed_close_ = code;  // echo the peer's code (RFC 6455 5.5.1)
    pong_pending_ = false;
  } else if (phase_ == phase::close_sent) {
    peer_code_ = code;
    phase_ = phase::closed;
  }
}

void connection_state::on_protocol_error(close_code code) noexcept {
  failed_ = true;
  pong_pending_ = false;
  if (phase_ == phase::open) {
    phase_ = phase::close_received;
    owed_close_ = code;
  } else if (phase_ == phase::close_received) {
    owed_close_ = code;  // the error's code replaces an echo not yet sent
  } else {
    phase_ = phase::closed;  // our close is out already: just drop the transport
  }
}

void connection_state::on_close_sent() noexcept {
  owed_close_.reset();
  pong_pending_ = false;
  if (phase_ == phase::open) {
    phase_ = phase::close_sent;
    we_initiated_ = true;
  } else if (phase_ == phase::close_received) {
    phase_ = phase::closed;
  }
}

}  // namespace skirmish::ws
