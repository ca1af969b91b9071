// Replaces the global operator new/delete with counting versions.
#include "alloc_counter.hpp"

#include <cstdlib>
#include <new>

namespace {
std::size_t count = 0;
}

namespace skirmish::test {
std::size_t allocations() noexcept { return count; }
}  // namespace skirmish::test

void* operator new(std::size_t size) {
  ++count;
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) std::abort();
  return p;
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
