// Counts heap allocations made through operator new, so tests can assert
// "one allocation per task".
#pragma once

#include <cstddef>

namespace skirmish::test {

std::size_t allocations() noexcept;

}  // namespace skirmish::test
