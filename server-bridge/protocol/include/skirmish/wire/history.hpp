// history: a run of consecutive bundles for a reconnecting player or a late spectator to replay.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "skirmish/wire/message_type.hpp"
#include "skirmish/wire/protocol.hpp"
#include "skirmish/wire/relay_messages.hpp"

namespace skirmish::wire {

// Reads one history entry (a bundle without its 5-byte head) for `tick` from
// the front of `in`. Returns the bytes it used, or 0 when `in` does not start
// with a valid entry.
[[nodiscard]] std::size_t read_bundle_entry(bytes_view in, tick_t tick, bundle& out) noexcept;

// `count` bundles for ticks first_tick, first_tick + 1, ...; iterate to get
// them. Build one to send with history_builder.
struct history {
  static constexpr message_type type = message_type::history;
  tick_t first_tick = 0;
  std::uint16_t count = 0;
  bytes_view entries;  // the encoded entries, as they are on the wire

  // Yields the bundles in tick order. note: a decoded history was validated
  // whole; on hand-made bytes the iteration stops at the first bad entry.
  class iterator {
   public:
    using value_type = bundle;
    using difference_type = std::ptrdiff_t;
    using reference = const bundle&;
    using pointer = const bundle*;
    using iterator_category = std::input_iterator_tag;

    iterator() = default;
    iterator(bytes_view rest, tick_t tick, std::uint16_t left) noexcept : rest_(rest), left_(left) {
      current_.tick = tick;
      read();
    }
    const bundle& operator*() const noexcept { return current_; }
    const bundle* operator->() const noexcept { return &current_; }
    iterator& operator++() noexcept {
      --left_;
      ++current_.tick;
      read();
      return *this;
    }
    void operator++(int) noexcept { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.left_ == b.left_; }

   private:
    void read() noexcept {
      if (left_ == 0) return;
      const std::size_t used = read_bundle_entry(rest_, current_.tick, current_);
      if (used == 0) {
        left_ = 0;
        return;
      }
      rest_ = rest_.subspan(used);
    }
    bytes_view rest_;
    std::uint16_t left_ = 0;
    bundle current_;
  };

  [[nodiscard]] iterator begin() const noexcept { return {entries, first_tick, count}; }
  [[nodiscard]] iterator end() const noexcept { return {}; }
  // The tick of the last entry (meaningful when count > 0).
  [[nodiscard]] tick_t last_tick() const noexcept { return first_tick + count - 1u; }

  friend bool operator==(const history& a, const history& b) {
    return a.first_tick == b.first_tick && a.count == b.count && same_bytes(a.entries, b.entries);
  }
};

}  // namespace skirmish::wire
