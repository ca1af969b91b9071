// history_builder: encodes a history message bundle by bundle, straight into the output buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "skirmish/rt/result.hpp"
#include "skirmish/wire/decode_error.hpp"
#include "skirmish/wire/protocol.hpp"
#include "skirmish/wire/relay_messages.hpp"

namespace skirmish::wire {

// Usage: history_builder h(out, first_tick); h.add(b) or h.add_encoded(bytes)
// for each tick in order; h.finish(). Between the constructor and finish()
// `out` holds a partial message; finish() patches its count, and a failed
// finish() (no entries) removes it. note: a relay that keeps its encoded
// bundles builds a history by copying their tails, with no re-encoding.
class history_builder {
 public:
  history_builder(std::vector<std::byte>& out, tick_t first_tick);
  history_builder(const history_builder&) = delete;
  history_builder& operator=(const history_builder&) = delete;

  // Appends the bundle of the next tick (first_tick + count()).
  [[nodiscard]] rt::result<void, encode_error> add(const bundle& b);
  // Appends a complete encoded bundle message of the next tick (checked).
  [[nodiscard]] rt::result<void, encode_error> add_encoded(bytes_view bundle_message);
  // Completes the message; fails if it has no entries.
  [[nodiscard]] rt::result<void, encode_error> finish();

  [[nodiscard]] std::uint16_t count() const noexcept { return count_; }
  [[nodiscard]] bool full() const noexcept { return count_ == max_history_ticks; }
  [[nodiscard]] tick_t next_tick() const noexcept { return first_tick_ + count_; }

 private:
  [[nodiscard]] rt::result<void, encode_error> check_next(tick_t tick) const;

  std::vector<std::byte>& out_;
  std::size_t start_;
  tick_t first_tick_;
  std::uint16_t count_ = 0;
};

}  // namespace skirmish::wire
