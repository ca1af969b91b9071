// lateness_histogram: how late each tick closed against its ideal time, in
// fixed buckets, for /metrics (a Prometheus histogram).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "skirmish/rt/time.hpp"

namespace skirmish::relay {

struct lateness_histogram {
  // Upper bounds of the buckets in microseconds; a last, implicit bucket is +Inf.
  static constexpr std::array<std::uint64_t, 10> bounds_us = {100, 500, 1'000, 2'000, 5'000, 10'000, 20'000, 33'000, 100'000, 1'000'000};

  std::array<std::uint64_t, bounds_us.size() + 1> buckets{};  // not cumulative: one count per bucket
  std::uint64_t count = 0;
  std::uint64_t sum_ns = 0;

  void record(rt::duration late) noexcept {
    const std::uint64_t ns = late.count() < 0 ? 0 : static_cast<std::uint64_t>(late.count());
    std::size_t i = 0;
    while (i < bounds_us.size() && ns > bounds_us[i] * 1000) ++i;
    ++buckets[i];
    ++count;
    sum_ns += ns;
  }

  void add(const lateness_histogram& other) noexcept {
    for (std::size_t i = 0; i < buckets.size(); ++i) buckets[i] += other.buckets[i];
    count += other.count;
    sum_ns += other.sum_ns;
  }
};

}  // namespace skirmish::relay
