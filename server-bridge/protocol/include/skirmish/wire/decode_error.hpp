// decode_error and encode_error: why bytes are not a valid message, or a message cannot be encoded.
#pragma once

#include <cstddef>

#include "skirmish/wire/error_code.hpp"

namespace skirmish::wire {

// A malformed message. `code` is what the relay answers with (bad_message, or
// unsupported_version for a hello of another version); `reason` is a static
// sentence for people; `offset` is where in the message decoding stopped.
struct decode_error {
  error_code code = error_code::bad_message;
  const char* reason = "";
  std::size_t offset = 0;
};

// A message whose fields break a rule of PROTOCOL.md (a name too long, a slot
// out of range); the output buffer is left as it was.
struct encode_error {
  const char* reason = "";
};

}  // namespace skirmish::wire
