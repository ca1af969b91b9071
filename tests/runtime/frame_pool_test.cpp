#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <vector>

#include "skirmish/rt/detail/frame_pool.hpp"

using skirmish::rt::detail::frame_pool;

namespace {

struct held {
  void* block;
  std::size_t cls;
  std::size_t size;
  std::uint8_t fill;
};

bool intact(const held& h) {
  const auto* p = static_cast<const std::uint8_t*>(h.block);
  return std::all_of(p, p + h.size, [&](std::uint8_t b) { return b == h.fill; });
}

}  // namespace

TEST_SUITE("frame_pool") {
  TEST_CASE("blocks never overlap and keep their contents across slabs, reuse and release") {
    frame_pool pool;  // a private pool, not the thread's
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> sizes(1, 1500);  // past 1 KiB comes from the heap
    std::vector<held> live;
    for (int round = 0; round < 6; ++round) {
      // Grow well past one slab per class, then free a random half.
      for (int i = 0; i < 20'000; ++i) {
        std::size_t size = sizes(rng);
        std::size_t cls = frame_pool::class_of(size);
        void* b = pool.allocate(cls, size);
        auto fill = static_cast<std::uint8_t>(rng());
        std::memset(b, fill, size);
        live.push_back({b, cls, size, fill});
      }
      std::shuffle(live.begin(), live.end(), rng);
      std::size_t keep = live.size() / 2;
      for (std::size_t i = keep; i < live.size(); ++i) {
        REQUIRE(intact(live[i]));
        pool.release(live[i].block, live[i].cls);
      }
      live.resize(keep);
      for (const held& h : live) REQUIRE(intact(h));
    }
    // No two live blocks share an address, and each block lies inside its size.
    std::set<std::uintptr_t> starts;
    for (const held& h : live) CHECK(starts.insert(reinterpret_cast<std::uintptr_t>(h.block)).second);
    std::vector<held> sorted = live;
    std::sort(sorted.begin(), sorted.end(), [](const held& a, const held& b) { return a.block < b.block; });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      auto end = reinterpret_cast<std::uintptr_t>(sorted[i - 1].block) + sorted[i - 1].size;
      CHECK(end <= reinterpret_cast<std::uintptr_t>(sorted[i].block));
    }
    for (const held& h : live) pool.release(h.block, h.cls);
    pool.trim();
  }

  TEST_CASE("a freed block is reused before a new one is carved") {
    frame_pool pool;
    std::size_t cls = frame_pool::class_of(100);
    void* a = pool.allocate(cls, 100);
    void* b = pool.allocate(cls, 100);
    pool.release(a, cls);
    CHECK(pool.allocate(cls, 100) == a);
    pool.release(a, cls);
    pool.release(b, cls);
    pool.trim();
  }

  TEST_CASE("size classes round up to the granule and stop at 1 KiB") {
    CHECK(frame_pool::class_of(1) == 0);
    CHECK(frame_pool::class_of(frame_pool::granule) == 0);
    CHECK(frame_pool::class_of(frame_pool::granule + 1) == 1);
    CHECK(frame_pool::class_of(1024) == frame_pool::classes - 1);
    CHECK(frame_pool::class_of(1025) == frame_pool::classes);
  }
}
