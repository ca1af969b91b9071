// slot_table<T>: small values addressed by an (index, generation) key that
// can be handed to JavaScript as two numbers. A key whose slot was erased (or
// reused since) finds nothing, so a late callback from JS is harmless.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace skirmish::rt::detail {

struct slot_key {
  std::uint32_t index = 0;
  std::uint32_t generation = 0;  // never 0 for a live key

  explicit operator bool() const noexcept { return generation != 0; }
  friend bool operator==(slot_key, slot_key) = default;
};

template <class T>
class slot_table {
 public:
  // Stores `value` in a free slot (reusing erased ones first).
  slot_key insert(T value) {
    std::uint32_t index;
    if (free_head_ != no_slot) {
      index = free_head_;
      free_head_ = entries_[index].next_free;
    } else {
      index = static_cast<std::uint32_t>(entries_.size());
      entries_.push_back({});
    }
    entry& e = entries_[index];
    e.value = std::move(value);
    e.live = true;
    ++live_;
    return {index, e.generation};
  }

  // The value stored under `k`, or null when the key is stale or was never issued.
  T* find(slot_key k) noexcept {
    if (k.index >= entries_.size()) return nullptr;
    entry& e = entries_[k.index];
    if (!e.live || e.generation != k.generation) return nullptr;
    return &e.value;
  }

  // Frees the slot of `k`; every copy of `k` goes stale. False if it already was.
  bool erase(slot_key k) noexcept {
    if (find(k) == nullptr) return false;
    entry& e = entries_[k.index];
    e.value = T{};
    e.live = false;
    // note: generation 0 marks "no key", so the counter skips it when it wraps.
    if (++e.generation == 0) e.generation = 1;
    e.next_free = free_head_;
    free_head_ = k.index;
    --live_;
    return true;
  }

  // Live entries.
  std::size_t size() const noexcept { return live_; }
  // Slots ever allocated (live or free): how large the table grew.
  std::size_t capacity() const noexcept { return entries_.size(); }

 private:
  static constexpr std::uint32_t no_slot = 0xffffffffu;

  struct entry {
    T value{};
    std::uint32_t generation = 1;
    std::uint32_t next_free = no_slot;
    bool live = false;
  };

  std::vector<entry> entries_;
  std::uint32_t free_head_ = no_slot;
  std::size_t live_ = 0;
};

}  // namespace skirmish::rt::detail
