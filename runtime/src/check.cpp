// The one out-of-line piece of the runtime core: reporting API misuse.
#include "skirmish/rt/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace skirmish::rt {

void report_misuse(const char* what) noexcept {
  std::fprintf(stderr, "skirmish runtime misuse: %s\n", what);
  std::fflush(stderr);
  std::abort();
}

}  // namespace skirmish::rt
