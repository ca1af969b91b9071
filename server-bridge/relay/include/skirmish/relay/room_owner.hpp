// owner_of: which worker owns a room: a hash of its id, the same on every
// thread (and across relay processes, for a load balancer to agree with).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace skirmish::relay {

// FNV-1a of the id, reduced to [0, workers). note: stable across builds and
// machines on purpose, unlike std::hash, so tests and tools can predict it.
[[nodiscard]] constexpr std::size_t owner_of(std::string_view room_id, std::size_t workers) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : room_id) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return workers <= 1 ? 0 : static_cast<std::size_t>(h % workers);
}

}  // namespace skirmish::relay
