// nav_field: distances to one goal tile over the arena's floor (a BFS flow
// field), which a bot follows downhill to get around walls.
#pragma once

#include <array>
#include <cstdint>

#include "skirmish/game/arena.hpp"

namespace skirmish::game {

class nav_field {
 public:
  static constexpr std::uint16_t unreachable = 0xffff;

  // Fills in every floor tile's step count to (gx, gy); steps go to the 8
  // neighbours, diagonals only where neither side is a wall (no corner cutting).
  void build(const arena& map, int gx, int gy);

  [[nodiscard]] std::uint16_t distance(int tx, int ty) const;
  [[nodiscard]] int goal_tx() const { return gx_; }
  [[nodiscard]] int goal_ty() const { return gy_; }
  [[nodiscard]] bool built_for(int gx, int gy) const { return gx_ == gx && gy_ == gy; }

  // Where to head from `from`: the centre of the neighbouring tile one step
  // closer to the goal (the goal's centre once there, `from` if unreachable).
  [[nodiscard]] vec2 next_waypoint(const arena& map, vec2 from) const;

 private:
  std::array<std::uint16_t, arena::width * arena::height> dist_{};
  int gx_ = -1;
  int gy_ = -1;
};

}  // namespace skirmish::game
