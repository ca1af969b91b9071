// mask_source: fresh mask keys for a client's frames, from a fast generator
// seeded once from libcrypto.
#pragma once

#include <cstdint>
#include <cstring>

#include "skirmish/ws/mask.hpp"
#include "skirmish/ws/random.hpp"

namespace skirmish::ws {

// note: RFC 6455 wants keys an attacker cannot predict, to stop a page's
// script from steering what proxies see. This engine's client runs bots, tests
// and load, never untrusted scripts, so a seeded xorshift (not a CSPRNG per
// frame) keeps masking cheap.
class mask_source {
 public:
  mask_source() noexcept : mask_source(random_seed()) {}
  explicit mask_source(std::uint64_t seed) noexcept : state_(seed != 0 ? seed : 0x9E3779B97F4A7C15ull) {}

  mask_key next() noexcept {
    // xorshift64*: four good bytes per call are all a key needs.
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    auto bits = static_cast<std::uint32_t>((state_ * 0x2545F4914F6CDD1Dull) >> 32);
    mask_key key;
    std::memcpy(key.data(), &bits, 4);
    return key;
  }

 private:
  std::uint64_t state_;
};

}  // namespace skirmish::ws
