// random_source: where seeds and reconnect tokens come from. The operating
// system's generator by default; a seeded one makes a test reproducible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace skirmish::relay {

class random_source {
 public:
  // Draws from the operating system (getrandom); tokens must not be guessable.
  random_source() noexcept = default;
  // Deterministic: a splitmix64 stream from `seed`, for tests only.
  explicit random_source(std::uint64_t seed) noexcept : seeded_(true), state_(seed) {}

  void fill(std::span<std::byte> out) noexcept;
  [[nodiscard]] std::uint64_t next_u64() noexcept;

 private:
  bool seeded_ = false;
  std::uint64_t state_ = 0;
};

}  // namespace skirmish::relay
