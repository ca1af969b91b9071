// The standard map and the arena's collision queries.
#include "skirmish/game/arena.hpp"

#include <algorithm>
#include <cstdlib>

namespace skirmish::game {
namespace {

// note: drawn as one quadrant mirrored left-right and top-bottom, so every
// spawn point has the same cover around it as the other seven; the tests
// check the symmetry. 32 x 20 tiles of 40 px: 1280 x 800 world pixels.
constexpr std::array<std::string_view, arena::height> standard_rows = {
    "################################",
    "#S............................S#",
    "#..............##..............#",
    "#..###.....#........#.....###..#",
    "#..#.......#........#.......#..#",
    "#..........#..S..S..#..........#",
    "#......H................H......#",
    "#....##..................##....#",
    "#....#.....##......##.....#....#",
    "#.#.........#..##..#.........#.#",
    "#.#.........#..##..#.........#.#",
    "#....#.....##......##.....#....#",
    "#....##..................##....#",
    "#......H................H......#",
    "#..........#..S..S..#..........#",
    "#..#.......#........#.......#..#",
    "#..###.....#........#.....###..#",
    "#..............##..............#",
    "#S............................S#",
    "################################",
};

constexpr int count_of(char wanted) {
  int n = 0;
  for (std::string_view row : standard_rows)
    for (char c : row) n += c == wanted ? 1 : 0;
  return n;
}

constexpr bool rows_have_width() {
  for (std::string_view row : standard_rows)
    if (row.size() != static_cast<std::size_t>(arena::width)) return false;
  return true;
}

static_assert(rows_have_width(), "every row of the map must be arena::width tiles");
static_assert(count_of('S') == arena::spawn_count, "the map must have arena::spawn_count spawn points");
static_assert(count_of('H') == arena::pickup_count, "the map must have arena::pickup_count health packs");

constexpr arena standard_arena{standard_rows};

}  // namespace

const arena& arena::standard() { return standard_arena; }

bool arena::line_of_sight(vec2 a, vec2 b) const {
  // Walks the tiles the segment crosses (Amanatides-Woo), in integers: which
  // grid line comes next is decided by cross-multiplying the distances.
  int tx = tile_of(a.x), ty = tile_of(a.y);
  const int ex = tile_of(b.x), ey = tile_of(b.y);
  if (solid(tx, ty)) return false;
  const std::int64_t dx = b.x - a.x, dy = b.y - a.y;
  const int sx = dx > 0 ? 1 : (dx < 0 ? -1 : 0);
  const int sy = dy > 0 ? 1 : (dy < 0 ? -1 : 0);
  const std::int64_t adx = dx < 0 ? -dx : dx, ady = dy < 0 ? -dy : dy;
  for (int guard = 0; (tx != ex || ty != ey) && guard < width + height + 2; ++guard) {
    // Distances along each axis to the next grid line, from a.
    const std::int64_t to_x = sx > 0 ? std::int64_t{tx + 1} * tile_size - a.x : a.x - std::int64_t{tx} * tile_size;
    const std::int64_t to_y = sy > 0 ? std::int64_t{ty + 1} * tile_size - a.y : a.y - std::int64_t{ty} * tile_size;
    // x comes first when to_x/adx < to_y/ady.
    const std::int64_t cx = sx == 0 ? -1 : to_x * ady, cy = sy == 0 ? -1 : to_y * adx;
    if (sy == 0 || (sx != 0 && cx < cy)) {
      tx += sx;
    } else if (sx == 0 || cy < cx) {
      ty += sy;
    } else {
      // Exactly through a corner: blocked if either side is a wall.
      if (solid(tx + sx, ty) || solid(tx, ty + sy)) return false;
      tx += sx;
      ty += sy;
    }
    if (solid(tx, ty)) return false;
  }
  return true;
}

vec2 arena::push_out(vec2 c, std::int32_t r) const {
  // note: tiles are visited in row-major order, twice, so a circle wedged in a
  // corner settles the same way on every machine.
  for (int pass = 0; pass < 2; ++pass) {
    const int tx0 = tile_of(c.x - r), tx1 = tile_of(c.x + r);
    const int ty0 = tile_of(c.y - r), ty1 = tile_of(c.y + r);
    for (int ty = ty0; ty <= ty1; ++ty) {
      for (int tx = tx0; tx <= tx1; ++tx) {
        if (!solid(tx, ty)) continue;
        const std::int32_t left = tx * tile_size, top = ty * tile_size;
        const std::int32_t right = left + tile_size, bottom = top + tile_size;
        const vec2 nearest{clamp(c.x, left, right), clamp(c.y, top, bottom)};
        const vec2 away = c - nearest;
        const std::int64_t d2 = length_sq(away);
        if (d2 >= std::int64_t{r} * r) continue;
        if (d2 == 0) {
          // The centre is inside the wall: leave by the nearest face.
          const std::int32_t to_left = c.x - left, to_right = right - c.x;
          const std::int32_t to_top = c.y - top, to_bottom = bottom - c.y;
          const std::int32_t best = std::min({to_left, to_right, to_top, to_bottom});
          if (best == to_left) c.x = left - r;
          else if (best == to_right) c.x = right + r;
          else if (best == to_top) c.y = top - r;
          else c.y = bottom + r;
          continue;
        }
        const std::int32_t d = static_cast<std::int32_t>(isqrt(static_cast<std::uint64_t>(d2)));
        // +1 rounds the push up so the circle ends just clear of the wall.
        c += scale(away, r - d + 1, d);
      }
    }
  }
  return c;
}

vec2 arena::move(vec2 from, vec2 delta, std::int32_t r) const {
  const std::int32_t span = std::max(std::abs(delta.x), std::abs(delta.y));
  const std::int32_t steps = span / std::max(r / 2, 1) + 1;
  vec2 pos = from;
  vec2 done{};
  for (std::int32_t k = 1; k <= steps; ++k) {
    const vec2 target = scale(delta, k, steps);
    pos = push_out(pos + (target - done), r);
    done = target;
  }
  return pos;
}

}  // namespace skirmish::game
