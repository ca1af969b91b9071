// Misuse checks at the runtime's API boundary: a clear message and an abort in
// checked (debug) builds instead of undefined behaviour; nothing in release.
#pragma once

namespace skirmish::rt {

#if defined(SKIRMISH_CHECKS)
inline constexpr bool checks_enabled = true;
#else
inline constexpr bool checks_enabled = false;
#endif

// Prints "skirmish runtime misuse: <what>" to stderr and aborts.
[[noreturn]] void report_misuse(const char* what) noexcept;

// Reports `what` when `ok` is false in checked builds; compiles to nothing otherwise.
inline void expect(bool ok, const char* what) noexcept {
  if constexpr (checks_enabled) {
    if (!ok) report_misuse(what);
  }
}

}  // namespace skirmish::rt
