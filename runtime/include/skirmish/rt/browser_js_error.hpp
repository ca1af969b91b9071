// js_error: a JavaScript rejection or exception as a C++ value, with the
// original JS value and a readable one-line message.
#pragma once

#include <string>

#include <emscripten/val.h>

namespace skirmish::rt {

struct js_error {
  emscripten::val reason = emscripten::val::undefined();  // what JS threw or rejected with
  std::string message;                                     // e.g. "TypeError: x is not a function"

  // Describes any JS value; never throws, whatever the value's toString does.
  static js_error from(emscripten::val reason);
};

// A new JS Error with `message`, and `name` ("Error" when empty).
[[nodiscard]] emscripten::val make_js_error(const std::string& name, const std::string& message);

}  // namespace skirmish::rt
