#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "skirmish/rt/detail/slot_table.hpp"

using skirmish::rt::detail::slot_key;
using skirmish::rt::detail::slot_table;

TEST_SUITE("slot_table") {
  TEST_CASE("a key finds its value until it is erased") {
    slot_table<int> t;
    slot_key a = t.insert(7);
    slot_key b = t.insert(9);
    REQUIRE(t.find(a) != nullptr);
    CHECK(*t.find(a) == 7);
    CHECK(*t.find(b) == 9);
    CHECK(t.size() == 2);
    CHECK(t.erase(a));
    CHECK(t.find(a) == nullptr);
    CHECK_FALSE(t.erase(a));  // erasing twice is harmless
    CHECK(*t.find(b) == 9);
    CHECK(t.size() == 1);
  }

  TEST_CASE("a reused slot does not answer to the old key") {
    slot_table<int> t;
    slot_key old_key = t.insert(1);
    REQUIRE(t.erase(old_key));
    slot_key new_key = t.insert(2);
    CHECK(new_key.index == old_key.index);  // the slot is reused...
    CHECK(new_key.generation != old_key.generation);
    CHECK(t.find(old_key) == nullptr);  // ...but a late callback with the old key finds nothing
    CHECK_FALSE(t.erase(old_key));
    REQUIRE(t.find(new_key) != nullptr);
    CHECK(*t.find(new_key) == 2);
  }

  TEST_CASE("keys that were never issued find nothing") {
    slot_table<int> t;
    CHECK(t.find(slot_key{}) == nullptr);
    CHECK(t.find(slot_key{5, 1}) == nullptr);
    slot_key k = t.insert(3);
    CHECK(t.find(slot_key{k.index, k.generation + 1}) == nullptr);
    CHECK_FALSE(static_cast<bool>(slot_key{}));
    CHECK(static_cast<bool>(k));
  }

  TEST_CASE("random churn: every live key maps to its own value, the table stays compact") {
    slot_table<int> t;
    std::mt19937 rng(42);
    std::vector<std::pair<slot_key, int>> live;
    std::vector<slot_key> dead;
    std::size_t most_live = 0;
    for (int i = 0; i < 20000; ++i) {
      if (live.empty() || rng() % 3 != 0) {
        live.emplace_back(t.insert(i), i);
        most_live = std::max(most_live, live.size());
      } else {
        std::size_t at = rng() % live.size();
        CHECK(t.erase(live[at].first));
        dead.push_back(live[at].first);
        live[at] = live.back();
        live.pop_back();
      }
    }
    CHECK(t.size() == live.size());
    CHECK(std::all_of(live.begin(), live.end(), [&](auto& p) { return t.find(p.first) && *t.find(p.first) == p.second; }));
    CHECK(std::none_of(dead.begin(), dead.end(), [&](slot_key k) { return t.find(k) != nullptr; }));
    CHECK(t.capacity() == most_live);  // a slot is only added when none is free
    for (auto& [k, v] : live) CHECK(t.erase(k));
    CHECK(t.size() == 0);
    std::size_t grown = t.capacity();
    for (int i = 0; i < 100; ++i) (void)t.insert(i);
    CHECK(t.capacity() == grown);  // freed slots are reused before the table grows
  }
}
