// frame_writer: encodes frames for one role (a server's unmasked, a client's
// masked with a fresh key each), whole messages with optional fragmentation,
// and control frames. Pure encoding: it knows nothing of the close handshake
// (message_writer adds that).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "skirmish/ws/byte_buffer.hpp"
#include "skirmish/ws/close_code.hpp"
#include "skirmish/ws/frame_header.hpp"
#include "skirmish/ws/mask_source.hpp"
#include "skirmish/ws/role.hpp"

namespace skirmish::ws {

class frame_writer {
 public:
  // A client's masks come from a generator seeded with `mask_seed`.
  explicit frame_writer(ws::role r, std::uint64_t mask_seed = random_seed()) noexcept : role_(r), masks_(mask_seed) {}

  ws::role role() const noexcept { return role_; }
  bool masks() const noexcept { return role_ == role::client; }

  // The bytes one frame with `payload_size` bytes of payload takes.
  std::size_t frame_size(std::uint64_t payload_size) const noexcept {
    return header_size(payload_size, masks()) + static_cast<std::size_t>(payload_size);
  }

  // Just the header of a frame (with a fresh mask key for a client), for a
  // gathered write of header and payload. A server can send the payload as it
  // is; a client must send it masked with the key written here, so a client
  // should use encode() instead.
  std::size_t encode_header(std::span<std::byte, max_header_size> out, opcode op, bool fin,
                            std::uint64_t payload_size) noexcept;

  // Writes one frame into `out`, which must hold frame_size(payload.size())
  // bytes; returns how many it wrote.
  std::size_t encode(std::span<std::byte> out, opcode op, bool fin, std::span<const std::byte> payload) noexcept;

  // Appends a message as frames of at most `max_frame_payload` bytes of
  // payload each (0: one frame): the first carries `op`, the rest are
  // continuations, the last has FIN. An empty message is one empty frame.
  // False if memory ran out (then `out` is as it was).
  [[nodiscard]] bool append_message(byte_buffer& out, opcode op, std::span<const std::byte> payload,
                                    std::size_t max_frame_payload = 0) noexcept;

  // Appends one control frame (ping, pong, close); a payload over 125 bytes
  // is cut to 125 (message_writer refuses those before they get here).
  [[nodiscard]] bool append_control(byte_buffer& out, opcode op, std::span<const std::byte> payload) noexcept;

  // Appends a close frame: empty for no_status, else the code and then the
  // reason (cut to 123 bytes; message_writer refuses longer ones).
  [[nodiscard]] bool append_close(byte_buffer& out, close_code code, std::string_view reason = {}) noexcept;

 private:
  ws::role role_;
  mask_source masks_;
};

}  // namespace skirmish::ws
