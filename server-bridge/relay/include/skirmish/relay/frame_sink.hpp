// frame_sink: a transport that can take a live message at once, so a room's
// fan-out reaches the connection's socket writer without waking a task per
// recipient in between.
#pragma once

#include "skirmish/relay/shared_bytes.hpp"

namespace skirmish::relay {

// note: a virtual call, not a std::function: one sink per connection, set
// once by the transport for as long as it drives the connection.
class frame_sink {
 public:
  // Takes `m` now (it is on its way to the socket, by reference) or says no
  // (the transport's own buffer is past its small gate, or closing): then the
  // peer queues it under its watermark as before.
  [[nodiscard]] virtual bool offer(const shared_bytes& m) noexcept = 0;

 protected:
  ~frame_sink() = default;
};

}  // namespace skirmish::relay
