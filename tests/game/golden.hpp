// Golden hashes that pin the simulation's behaviour down to the bit.
//
// Both the native and the wasm builds compare against these same numbers, so
// a pass on both proves they agree. They change whenever the rules, the step
// order, the arena or the canonical format change. When that is intended:
//   1. build and run the suite natively:
//        cmake --build --preset native-release &&
//        build/native-release/tests/game/game_tests -ts=determinism
//   2. copy the values the failure messages print into this file;
//   3. run the wasm suites too (ctest --preset wasm-release) to see they agree;
//   4. say in the commit message which rule changed and why the hashes moved.
// Never update them to silence a difference you cannot explain: that is
// exactly the desync these tests exist to catch.
#pragma once

#include <cstdint>

namespace skirmish::game::golden {

// 100,000 ticks of seeded random inputs for 8 players, with joins and leaves
// (determinism_test.cpp, "random inputs"): the digest of every tick's hash,
// and the final state hash.
inline constexpr std::uint64_t random_run_digest = 0x5b6da90e46ae9a23ULL;
inline constexpr std::uint64_t random_run_final = 0xad7d43517c337097ULL;

// A fixed seed and scripted inputs for 4 players over 3,000 ticks
// (determinism_test.cpp, "scripted match").
inline constexpr std::uint64_t scripted_digest = 0x0e4b8092197da5c5ULL;
inline constexpr std::uint64_t scripted_final = 0x10232332b04c7256ULL;

}  // namespace skirmish::game::golden
