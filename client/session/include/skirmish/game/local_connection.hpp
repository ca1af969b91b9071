// local_connection: a message_connection to a local_room in the same process;
// local_dialer opens it and run_local_room ticks the room's clock, so offline
// practice is session_runner<local_dialer> plus that clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "skirmish/game/local_room.hpp"
#include "skirmish/game/ready.hpp"
#include "skirmish/game/transport_message.hpp"
#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::game {

class local_connection {
 public:
  local_connection(local_room& room, local_room::connection_id id) noexcept : room_(&room), id_(id) {}
  local_connection(local_connection&& o) noexcept : room_(std::exchange(o.room_, nullptr)), id_(o.id_) {}
  local_connection& operator=(local_connection&& o) noexcept {
    if (this != &o) {
      drop();
      room_ = std::exchange(o.room_, nullptr);
      id_ = o.id_;
    }
    return *this;
  }
  // Dropping an open connection is a lost connection to the room.
  ~local_connection() { drop(); }

  [[nodiscard]] ready<bool> send(wire::bytes_view bytes) {
    if (room_ == nullptr || room_->closed(id_)) return ready<bool>(false);
    room_->receive(id_, bytes);
    return ready<bool>(true);
  }

  class [[nodiscard]] recv_awaiter {
   public:
    explicit recv_awaiter(local_connection& c) noexcept : c_(c) {}
    bool await_ready() const { return c_.room_ == nullptr || c_.room_->has_messages(c_.id_) || c_.room_->closed(c_.id_); }
    template <rt::task_promise P>
    void await_suspend(rt::co::coroutine_handle<P> h) {
      c_.room_->watch(c_.id_, rt::park(h));
    }
    std::optional<transport_message> await_resume() {
      if (c_.room_ == nullptr) return std::nullopt;
      if (auto bytes = c_.room_->pop(c_.id_)) return transport_message{std::move(*bytes), true};
      return std::nullopt;
    }

   private:
    local_connection& c_;
  };
  // The room's next message; nullopt once it closed the connection (after an
  // error or our leave) or we did.
  [[nodiscard]] recv_awaiter recv() noexcept { return recv_awaiter(*this); }

  [[nodiscard]] ready<bool> close(std::uint16_t, std::string_view) {
    drop();
    return ready<bool>(true);
  }

 private:
  void drop() noexcept {
    if (room_ == nullptr) return;
    room_->drop(id_);
    room_ = nullptr;
  }

  local_room* room_;
  local_room::connection_id id_;
};

}  // namespace skirmish::game
