// local_dialer: opens local_connections to a local_room (a message_dialer).
#pragma once

#include <string>
#include <string_view>

#include "skirmish/game/local_connection.hpp"
#include "skirmish/game/local_room.hpp"
#include "skirmish/game/ready.hpp"
#include "skirmish/rt/result.hpp"

namespace skirmish::game {

class local_dialer {
 public:
  using connection = local_connection;

  explicit local_dialer(local_room& room) noexcept : room_(room) {}

  // Opens a connection at once; the next `refusals` dials fail instead (a
  // test's unreachable relay).
  [[nodiscard]] ready<rt::result<local_connection, std::string>> dial(std::string_view) {
    if (refusals_ > 0) {
      --refusals_;
      return ready<rt::result<local_connection, std::string>>(rt::fail(std::string("local room refused the connection")));
    }
    return ready<rt::result<local_connection, std::string>>(local_connection(room_, room_.connect()));
  }
  void refuse_next(unsigned n) noexcept { refusals_ = n; }

 private:
  local_room& room_;
  unsigned refusals_ = 0;
};

}  // namespace skirmish::game
