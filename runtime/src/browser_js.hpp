// The JavaScript side of the browser driver (browser_runtime.js), as the C++
// side calls it, and the C++ entry points JavaScript calls back. Private to
// runtime/src. Every JS function here catches its own exceptions: a JS throw
// must never unwind through wasm frames, which have no landing pads.
#pragma once

#include <cstddef>
#include <cstdint>

#include <emscripten/val.h>

namespace skirmish::rt {
class browser_driver;
}

extern "C" {

// Driver: one reused callback of each kind per driver.
double skirmish_js_now();  // performance.now()
void skirmish_js_driver_attach(skirmish::rt::browser_driver* d);
void skirmish_js_driver_detach(skirmish::rt::browser_driver* d);
void skirmish_js_queue_microtask(skirmish::rt::browser_driver* d);
void skirmish_js_post_macrotask(skirmish::rt::browser_driver* d);
void skirmish_js_set_timer(skirmish::rt::browser_driver* d, double delay_ms);
void skirmish_js_clear_timer(skirmish::rt::browser_driver* d);
void skirmish_js_request_frame(skirmish::rt::browser_driver* d);

// Promises. Handles passed to JS stay owned by C++; handles JS returns (or
// passes to a callback) are new references the C++ side takes over.
// 0 while `p` may be pending (attach callbacks), else (handle << 2) | state
// with state 1 fulfilled, 2 rejected, and a new handle to the value or reason.
int skirmish_js_promise_peek(emscripten::EM_VAL p);
void skirmish_js_promise_attach(emscripten::EM_VAL p, std::uint32_t index, std::uint32_t generation);
// A readable one-line description of any JS value (an Error's name and message).
emscripten::EM_VAL skirmish_js_describe(emscripten::EM_VAL v);
// A new Error with `message` (and `name`, unless empty).
emscripten::EM_VAL skirmish_js_make_error(const char* name, const char* message);
// A JS Promise for an exported task; `*abort` gets a promise that rejects
// when `signal` aborts (undefined without a signal).
emscripten::EM_VAL skirmish_js_export_create(emscripten::EM_VAL signal, std::uint32_t* id, emscripten::EM_VAL* abort);
void skirmish_js_export_settle(std::uint32_t id, int ok, emscripten::EM_VAL v);

// WebSocket. Returns 0 on success, otherwise an error code with `*error`
// holding a readable message.
int skirmish_js_ws_open(std::uint32_t index, std::uint32_t generation, const char* url, emscripten::EM_VAL* error);
int skirmish_js_ws_send(std::uint32_t index, const void* data, std::size_t size, int binary, emscripten::EM_VAL* error);
int skirmish_js_ws_close(std::uint32_t index, int code, const char* reason, emscripten::EM_VAL* error);
// Size in bytes of the oldest queued message, or -1 when none is queued.
int skirmish_js_ws_next_size(std::uint32_t index);
// Copies the oldest queued message to `dst` and drops it; returns 1 for binary, 0 for text.
int skirmish_js_ws_take(std::uint32_t index, void* dst);
double skirmish_js_ws_buffered(std::uint32_t index);
void skirmish_js_ws_release(std::uint32_t index);

}  // extern "C"
