// The fuzz targets' invariant check: a broken invariant aborts, which
// libFuzzer reports as a crash and saves the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace skirmish::fuzz {

inline void require(bool ok, const char* invariant) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", invariant);
  std::abort();
}

}  // namespace skirmish::fuzz
