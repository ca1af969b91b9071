// The map: symmetric, closed, fully connected, with spawns and packs on the
// floor; and the collision queries: sight lines, push-out and sliding moves.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "skirmish/game/arena.hpp"
#include "skirmish/game/rng.hpp"

using namespace skirmish::game;

namespace {
const arena& map = arena::standard();
constexpr int W = arena::width, H = arena::height;

// Whether a circle of radius r at c overlaps any wall tile.
bool overlaps_wall(vec2 c, std::int32_t r) {
  for (int ty = arena::tile_of(c.y - r); ty <= arena::tile_of(c.y + r); ++ty) {
    for (int tx = arena::tile_of(c.x - r); tx <= arena::tile_of(c.x + r); ++tx) {
      if (!map.solid(tx, ty)) continue;
      const vec2 nearest{clamp(c.x, tx * arena::tile_size, (tx + 1) * arena::tile_size),
                         clamp(c.y, ty * arena::tile_size, (ty + 1) * arena::tile_size)};
      if (distance_sq(nearest, c) < std::int64_t{r} * r) return true;
    }
  }
  return false;
}

bool contains(std::span<const vec2> points, vec2 p) { return std::find(points.begin(), points.end(), p) != points.end(); }
}  // namespace

TEST_SUITE("arena") {
  TEST_CASE("the map mirrors left-right and top-bottom, and walls close it in") {
    for (int ty = 0; ty < H; ++ty) {
      for (int tx = 0; tx < W; ++tx) {
        CHECK(map.solid(tx, ty) == map.solid(W - 1 - tx, ty));
        CHECK(map.solid(tx, ty) == map.solid(tx, H - 1 - ty));
      }
    }
    for (int tx = 0; tx < W; ++tx) CHECK((map.solid(tx, 0) && map.solid(tx, H - 1)));
    for (int ty = 0; ty < H; ++ty) CHECK((map.solid(0, ty) && map.solid(W - 1, ty)));
    CHECK(map.solid(-1, 5));
    CHECK(map.solid(5, H));
  }

  TEST_CASE("spawn points and health packs stand on floor, in mirrored sets") {
    const vec2 size = arena::size();
    for (std::span<const vec2> set : {map.spawn_points(), map.pickup_points()}) {
      for (vec2 p : set) {
        CHECK_FALSE(map.solid_at(p));
        CHECK(contains(set, {size.x - p.x, p.y}));
        CHECK(contains(set, {p.x, size.y - p.y}));
      }
    }
    CHECK(map.spawn_points().size() == arena::spawn_count);
    CHECK(map.pickup_points().size() == arena::pickup_count);
  }

  TEST_CASE("every floor tile is reachable from every other") {
    std::array<bool, W * H> seen{};
    std::vector<std::pair<int, int>> todo{{1, 1}};
    seen[W + 1] = true;
    int reached = 0;
    while (!todo.empty()) {
      auto [x, y] = todo.back();
      todo.pop_back();
      ++reached;
      for (auto [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
        const int nx = x + dx, ny = y + dy;
        if (map.solid(nx, ny) || seen[static_cast<std::size_t>(ny * W + nx)]) continue;
        seen[static_cast<std::size_t>(ny * W + nx)] = true;
        todo.push_back({nx, ny});
      }
    }
    int floor = 0;
    for (int ty = 0; ty < H; ++ty)
      for (int tx = 0; tx < W; ++tx) floor += map.solid(tx, ty) ? 0 : 1;
    CHECK(reached == floor);
    CHECK(floor > W * H / 2);  // mostly open: an arena, not a maze
  }

  TEST_CASE("line of sight is blocked by walls and clear across open floor") {
    CHECK(map.line_of_sight(arena::tile_center(2, 1), arena::tile_center(29, 1)));
    // Row 3 has a wall at columns 3..5.
    CHECK_FALSE(map.line_of_sight(arena::tile_center(4, 2), arena::tile_center(4, 5)));
    CHECK(map.line_of_sight(arena::tile_center(4, 2), arena::tile_center(4, 2)));
  }

  TEST_CASE("line of sight is exactly: the segment crosses no wall tile") {
    // Reference: a floating-point slab test of the segment against every wall.
    auto crosses = [](vec2 a, vec2 b, int tx, int ty) {
      double t0 = 0, t1 = 1;
      const double lo[2] = {double(tx) * arena::tile_size, double(ty) * arena::tile_size};
      const double p[2] = {double(a.x), double(a.y)}, d[2] = {double(b.x - a.x), double(b.y - a.y)};
      for (int axis = 0; axis < 2; ++axis) {
        const double hi = lo[axis] + arena::tile_size;
        if (d[axis] == 0) {
          if (p[axis] < lo[axis] || p[axis] >= hi) return false;
          continue;
        }
        double ta = (lo[axis] - p[axis]) / d[axis], tb = (hi - p[axis]) / d[axis];
        if (ta > tb) std::swap(ta, tb);
        t0 = std::max(t0, ta);
        t1 = std::min(t1, tb);
      }
      return t0 < t1;
    };
    rng random{21};
    int blocked = 0;
    for (int i = 0; i < 3000; ++i) {
      const vec2 a{random.between(0, arena::size().x - 1), random.between(0, arena::size().y - 1)};
      const vec2 b = i % 2 == 0 ? vec2{random.between(0, arena::size().x - 1), random.between(0, arena::size().y - 1)}
                                : a + vec2{random.between(-80 * px, 80 * px), random.between(-80 * px, 80 * px)};
      bool expected = true;
      for (int ty = 0; ty < H && expected; ++ty)
        for (int tx = 0; tx < W && expected; ++tx) expected = !(map.solid(tx, ty) && crosses(a, b, tx, ty));
      CHECK(map.line_of_sight(a, b) == expected);
      blocked += expected ? 0 : 1;
    }
    CHECK(blocked > 500);
    CHECK(blocked < 2900);
  }

  TEST_CASE("push_out frees a circle from the walls it overlaps") {
    const std::int32_t r = 14 * px;
    // Half inside the wall column at x = 3 (row 4), from the right.
    const vec2 inside{4 * arena::tile_size + 5 * px, arena::tile_center(4, 4).y};
    CHECK(overlaps_wall(inside, r));
    const vec2 out = map.push_out(inside, r);
    CHECK_FALSE(overlaps_wall(out, r));
    CHECK(out.y == inside.y);
    CHECK(out.x > inside.x);
  }

  TEST_CASE("moves slide along walls and never end inside one") {
    rng random{3};
    const std::int32_t r = 14 * px;
    int blocked = 0;
    for (int i = 0; i < 3000; ++i) {
      vec2 start;
      do {
        start = {random.between(0, arena::size().x), random.between(0, arena::size().y)};
      } while (overlaps_wall(start, r));
      const vec2 delta{random.between(-30 * px, 30 * px), random.between(-30 * px, 30 * px)};
      const vec2 end = map.move(start, delta, r);
      CHECK_FALSE(overlaps_wall(end, r));
      blocked += end != start + delta ? 1 : 0;
      // A move never carries the circle further than asked (beyond rounding).
      CHECK(length(end - start) <= length(delta) + 2 * px);
    }
    CHECK(blocked > 0);
  }

  TEST_CASE("running diagonally into a wall keeps the motion along it") {
    const std::int32_t r = 14 * px;
    // Just below the top wall in the open corridor of row 1, moving up-right.
    const vec2 start{arena::tile_center(8, 1).x, arena::tile_size + r + px};
    const vec2 end = map.move(start, {6 * px, -6 * px}, r);
    CHECK(end.x == start.x + 6 * px);
    CHECK(end.y >= arena::tile_size + r);
  }
}
