// Encoding a message once into a ref-counted block of server frames.
#include "skirmish/ws/shared_message.hpp"

#include <algorithm>
#include <new>

#include "skirmish/ws/frame_writer.hpp"

namespace skirmish::ws {

std::optional<shared_message> shared_message::encode(opcode op, std::span<const std::byte> payload,
                                                     std::size_t max_frame_payload) noexcept {
  // note: the seed is never used: a server's frames are not masked.
  frame_writer frames(role::server, 1);
  std::size_t chunk = max_frame_payload == 0 ? payload.size() : max_frame_payload;
  std::size_t count = payload.empty() ? 1 : (payload.size() + chunk - 1) / chunk;
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i) total += frames.frame_size(std::min(chunk, payload.size() - i * chunk));
  void* memory = ::operator new(sizeof(block) + total, std::nothrow);
  if (memory == nullptr) return std::nullopt;
  auto* b = new (memory) block{1, total};
  std::size_t at = 0;
  for (std::size_t i = 0; i < count; ++i) {
    auto part = payload.subspan(i * chunk, std::min(chunk, payload.size() - i * chunk));
    at += frames.encode({b->data() + at, total - at}, i == 0 ? op : opcode::continuation, i + 1 == count, part);
  }
  return shared_message(b);
}

void shared_message::release() noexcept {
  if (b_ == nullptr) return;
  if (--b_->refs == 0) {
    b_->~block();
    ::operator delete(b_);
  }
  b_ = nullptr;
}

}  // namespace skirmish::ws
