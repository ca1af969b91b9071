// effects: which event makes which burst, and how the cosmetic layer decays.
#include "skirmish/app/effects.hpp"

#include <algorithm>
#include <cmath>

#include "skirmish/game/fixed_math.hpp"

namespace skirmish::app {
namespace {

float world(std::int32_t v) { return static_cast<float>(v) / static_cast<float>(game::px); }

}  // namespace

float effects::uniform(float lo, float hi) noexcept {
  random_ ^= random_ << 13;
  random_ ^= random_ >> 17;
  random_ ^= random_ << 5;
  return lo + (hi - lo) * static_cast<float>(random_ >> 8) / static_cast<float>(1u << 24);
}

void effects::burst(float x, float y, int count, float speed, float life, float size, int slot) {
  for (int i = 0; i < count; ++i) {
    if (particles_.size() >= max_particles) particles_.erase(particles_.begin());  // the oldest go first
    const float a = uniform(0.0f, 6.2831853f);
    const float v = speed * uniform(0.3f, 1.0f);
    const float l = life * uniform(0.6f, 1.0f);
    particles_.push_back({x, y, std::cos(a) * v, std::sin(a) * v, l, l, size * uniform(0.6f, 1.2f),
                          static_cast<std::int8_t>(slot)});
  }
}

void effects::on_event(const game::event& e) {
  const float x = world(e.pos.x), y = world(e.pos.y);
  const int slot = e.slot < game::max_slots ? e.slot : -1;
  switch (e.kind) {
    case game::event_kind::hit:
      burst(x, y, 8, 160, 0.35f, 2.5f, e.other < game::max_slots ? e.other : -1);
      if (e.other < game::max_slots) flash_[e.other] = 1;
      if (e.other == me_) shake_ = std::max(shake_, 6.0f);
      break;
    case game::event_kind::kill:
      burst(x, y, 36, 260, 0.8f, 3.5f, e.other < game::max_slots ? e.other : -1);
      burst(x, y, 12, 90, 0.5f, 5.0f, -1);
      if (e.other == me_ || e.slot == me_) shake_ = std::max(shake_, e.other == me_ ? 14.0f : 5.0f);
      break;
    case game::event_kind::impact: burst(x, y, 5, 110, 0.25f, 1.8f, -1); break;
    case game::event_kind::shot: burst(x, y, 3, 70, 0.12f, 2.0f, slot); break;
    case game::event_kind::dash: burst(x, y, 14, 120, 0.4f, 3.0f, slot); break;
    case game::event_kind::respawn: burst(x, y, 20, 140, 0.6f, 2.5f, slot); break;
    case game::event_kind::pickup: burst(x, y, 16, 100, 0.5f, 2.5f, -1); break;
    default: break;
  }
}

void effects::advance(float seconds) {
  if (seconds <= 0) return;
  seconds = std::min(seconds, 0.1f);  // a background tab must not fling particles across the arena
  const float drag = std::pow(0.04f, seconds);
  for (particle& p : particles_) {
    p.x += p.vx * seconds;
    p.y += p.vy * seconds;
    p.vx *= drag;
    p.vy *= drag;
    p.life -= seconds;
  }
  std::erase_if(particles_, [](const particle& p) { return p.life <= 0; });
  for (float& f : flash_) f = std::max(0.0f, f - seconds * 5.0f);
  shake_ = std::max(0.0f, shake_ - seconds * 40.0f);
  shake_x_ = shake_ > 0 ? uniform(-shake_, shake_) : 0;
  shake_y_ = shake_ > 0 ? uniform(-shake_, shake_) : 0;
}

float effects::flash(int slot) const noexcept {
  return slot >= 0 && slot < game::max_slots ? flash_[static_cast<std::size_t>(slot)] : 0.0f;
}

}  // namespace skirmish::app
