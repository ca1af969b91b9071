// encode_shared: encodes one message into a shared block, through a reused scratch buffer.
#pragma once

#include <cstddef>
#include <vector>

#include "skirmish/relay/shared_bytes.hpp"
#include "skirmish/wire/codec.hpp"

namespace skirmish::relay {

// The encoded message, or an empty handle when `m` breaks a rule of the
// protocol (a bug in the relay: everything it encodes was validated).
template <wire::message_kind M>
[[nodiscard]] shared_bytes encode_shared(const M& m, std::vector<std::byte>& scratch) {
  scratch.clear();
  if (!wire::encode(m, scratch)) return {};
  return shared_bytes::copy_of(scratch);
}

}  // namespace skirmish::relay
