// room_report: what a worker tells the matchmaker about one matchmade room,
// so the matchmaker's directory follows the rooms it handed out.
#pragma once

#include <cstdint>
#include <string>

namespace skirmish::relay {

struct room_report {
  std::string room;
  std::uint8_t players = 0;  // occupied slots now, held ones included
  bool disposed = false;     // the room is gone
  // False once the room's history no longer reaches its first tick: a new
  // player could not catch up (history_unavailable), so send nobody there.
  bool open = true;
  // Auto hellos the matchmaker sent here that arrived since the last report
  // (joined or refused): the matchmaker stops counting them as pending.
  std::uint16_t settled_players = 0;
  std::uint16_t settled_spectators = 0;
};

}  // namespace skirmish::relay
