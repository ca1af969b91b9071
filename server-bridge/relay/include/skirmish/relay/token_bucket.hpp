// token_bucket: a rate limit with a burst, kept as one "theoretical arrival
// time" (the generic cell rate algorithm): integer time, no floats, no refill loop.
#pragma once

#include <cstdint>

#include "skirmish/rt/time.hpp"

namespace skirmish::relay {

class token_bucket {
 public:
  token_bucket() noexcept = default;
  // Allows one event per `interval` on average and up to `burst` at once.
  token_bucket(rt::duration interval, std::uint32_t burst) noexcept
      : interval_(interval), tolerance_(interval * static_cast<std::int64_t>(burst == 0 ? 1 : burst)) {}

  // Takes a token at `now`; false when the bucket is empty (nothing taken).
  [[nodiscard]] bool take(rt::instant now) noexcept {
    const rt::instant start = tat_ > now ? tat_ : now;
    const rt::instant next = start + interval_;
    if (next - now > tolerance_) return false;
    tat_ = next;
    return true;
  }

 private:
  rt::duration interval_{};
  rt::duration tolerance_{};
  rt::instant tat_{};  // when the bucket would be full again
};

}  // namespace skirmish::relay
