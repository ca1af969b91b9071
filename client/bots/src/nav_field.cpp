// The bots' flow field: a breadth-first search from the goal tile.
#include "skirmish/game/nav_field.hpp"

namespace skirmish::game {
namespace {

constexpr int neighbours[8][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}};

std::size_t index(int tx, int ty) { return static_cast<std::size_t>(ty * arena::width + tx); }

// Whether a step from (tx, ty) by (dx, dy) stays on floor without clipping a corner.
bool can_step(const arena& map, int tx, int ty, int dx, int dy) {
  if (map.solid(tx + dx, ty + dy)) return false;
  return dx == 0 || dy == 0 || (!map.solid(tx + dx, ty) && !map.solid(tx, ty + dy));
}

}  // namespace

void nav_field::build(const arena& map, int gx, int gy) {
  dist_.fill(unreachable);
  gx_ = gx;
  gy_ = gy;
  if (map.solid(gx, gy)) return;
  std::array<std::uint16_t, arena::width * arena::height> queue{};
  std::size_t head = 0, tail = 0;
  dist_[index(gx, gy)] = 0;
  queue[tail++] = static_cast<std::uint16_t>(index(gx, gy));
  while (head < tail) {
    const int at = queue[head++];
    const int tx = at % arena::width, ty = at / arena::width;
    for (const auto& n : neighbours) {
      if (!can_step(map, tx, ty, n[0], n[1])) continue;
      const std::size_t next = index(tx + n[0], ty + n[1]);
      if (dist_[next] != unreachable) continue;
      dist_[next] = static_cast<std::uint16_t>(dist_[static_cast<std::size_t>(at)] + 1);
      queue[tail++] = static_cast<std::uint16_t>(next);
    }
  }
}

std::uint16_t nav_field::distance(int tx, int ty) const {
  if (tx < 0 || ty < 0 || tx >= arena::width || ty >= arena::height) return unreachable;
  return dist_[index(tx, ty)];
}

vec2 nav_field::next_waypoint(const arena& map, vec2 from) const {
  const int tx = arena::tile_of(from.x), ty = arena::tile_of(from.y);
  const std::uint16_t here = distance(tx, ty);
  if (here == unreachable) return from;
  if (here == 0) return arena::tile_center(tx, ty);
  int best_x = tx, best_y = ty;
  std::uint16_t best = here;
  for (const auto& n : neighbours) {
    if (!can_step(map, tx, ty, n[0], n[1])) continue;
    const std::uint16_t d = distance(tx + n[0], ty + n[1]);
    if (d < best) {
      best = d;
      best_x = tx + n[0];
      best_y = ty + n[1];
    }
  }
  return arena::tile_center(best_x, best_y);
}

}  // namespace skirmish::game
