// bounded_list<T, N>: up to N values stored inline, so a decoded message needs no allocation.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>

namespace skirmish::wire {

template <class T, std::size_t N>
class bounded_list {
 public:
  bounded_list() = default;
  bounded_list(std::initializer_list<T> values) {
    for (const T& v : values) push_back(v);
  }

  // Appends `v`; returns false (and changes nothing) when the list is full.
  bool push_back(const T& v) noexcept {
    if (size_ == N) return false;
    items_[size_++] = v;
    return true;
  }
  void clear() noexcept { size_ = 0; }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  static constexpr std::size_t capacity() noexcept { return N; }

  [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  [[nodiscard]] T& operator[](std::size_t i) noexcept { return items_[i]; }
  [[nodiscard]] const T* begin() const noexcept { return items_.data(); }
  [[nodiscard]] const T* end() const noexcept { return items_.data() + size_; }
  [[nodiscard]] std::span<const T> view() const noexcept { return {items_.data(), size_}; }

  friend bool operator==(const bounded_list& a, const bounded_list& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (!(a.items_[i] == b.items_[i])) return false;
    }
    return true;
  }

 private:
  std::array<T, N> items_{};
  std::size_t size_ = 0;
};

}  // namespace skirmish::wire
