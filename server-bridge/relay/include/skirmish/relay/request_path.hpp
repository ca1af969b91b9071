// clean_request_path: turns a request's raw path into a safe path relative
// to the web root, or says why it cannot be served.
#pragma once

#include <string>
#include <string_view>

#include "skirmish/rt/result.hpp"

namespace skirmish::relay {

struct path_error {
  int status = 400;         // 400 for a malformed or hostile path, 404 for a hidden file
  std::string_view reason;  // static text
};

// "/js/app.mjs" -> "js/app.mjs", "/" -> "". Percent-decodes, then refuses:
// anything not starting with '/', bad escapes, NUL and control bytes, an
// encoded '/' or a backslash, "." and ".." segments (whether sent raw or
// encoded), and any segment starting with '.' (dotfiles are never served).
// Empty segments ("a//b") collapse.
[[nodiscard]] rt::result<std::string, path_error> clean_request_path(std::string_view raw);

}  // namespace skirmish::relay
