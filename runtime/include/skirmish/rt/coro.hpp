// The one place that knows where <coroutine> lives: std (g++, clang with
// libstdc++) or std::experimental (Emscripten 3.1.6's libc++).
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
namespace skirmish::rt::co {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
}  // namespace skirmish::rt::co
#else
// note: clang 14 warns about the experimental traits at every coroutine, not
// here, so the wasm build passes -Wno-deprecated-experimental-coroutine.
#include <experimental/coroutine>
namespace skirmish::rt::co {
using std::experimental::coroutine_handle;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
}  // namespace skirmish::rt::co
#endif
