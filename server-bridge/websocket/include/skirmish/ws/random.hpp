// random: the engine's sources of unpredictable bytes (client keys, mask seeds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace skirmish::ws {

// Fills `out` from libcrypto's CSPRNG; false if it could not (no entropy).
[[nodiscard]] bool fill_random(std::span<std::byte> out) noexcept;

// A seed for a mask_source: from libcrypto, or, if that fails, mixed from the
// clock and an address (masks guard proxies, not secrets; see mask_source).
std::uint64_t random_seed() noexcept;

}  // namespace skirmish::ws
