// Embind entry points of the game module (skirmish-game): a BattleApp runs
// one battle on the page's executor as a few tasks: the session's network
// reader and writer (zipped, with reconnects) over the browser's WebSocket or
// the in-process practice room, the practice room's tick clock, and the
// render task that awaits animation frames and hands the page a flat frame.
// The page's key and mouse handlers write the input cells directly.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "skirmish/app/browser_ws_dialer.hpp"
#include "skirmish/app/game_client.hpp"
#include "skirmish/game/arena.hpp"
#include "skirmish/game/bot_input_source.hpp"
#include "skirmish/game/bot_skill.hpp"
#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/local_dialer.hpp"
#include "skirmish/game/local_room.hpp"
#include "skirmish/game/run_local_room.hpp"
#include "skirmish/game/session_runner.hpp"
#include "skirmish/rt/browser_driver.hpp"
#include "skirmish/rt/browser_next_frame.hpp"
#include "skirmish/rt/local_executor.hpp"

namespace skirmish::app {
namespace {

using emscripten::val;

// The module's executor on the page's event loop. note: the driver is
// declared first so the executor, and every task frame, goes before it.
struct runtime {
  rt::browser_driver driver;
  rt::local_executor executor{driver};
  runtime() { driver.attach(executor); }
};

runtime& rt_() {
  static runtime r;
  return r;
}

std::string str(const val& o, const char* key, std::string fallback) {
  val v = o[key];
  return v.isString() ? v.as<std::string>() : fallback;
}
double num(const val& o, const char* key, double fallback) {
  val v = o[key];
  return v.isNumber() ? v.as<double>() : fallback;
}
bool flag(const val& o, const char* key) { return o[key].isTrue(); }

std::string hex64(std::uint64_t v) {
  char b[17];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
  return b;
}

const char* kind_name(game::event_kind k) {
  switch (k) {
    case game::event_kind::joined: return "joined";
    case game::event_kind::left: return "left";
    case game::event_kind::phase_changed: return "phase";
    case game::event_kind::shot: return "shot";
    case game::event_kind::hit: return "hit";
    case game::event_kind::impact: return "impact";
    case game::event_kind::kill: return "kill";
    case game::event_kind::respawn: return "respawn";
    case game::event_kind::dash: return "dash";
    case game::event_kind::pickup: return "pickup";
  }
  return "?";
}

// A reconnect token as 32 hex digits, and back (nothing for anything else).
std::string token_hex(const wire::token& t) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (const std::byte b : t) {
    out += hex[static_cast<unsigned>(b) >> 4];
    out += hex[static_cast<unsigned>(b) & 15];
  }
  return out;
}
std::optional<wire::token> token_from_hex(const std::string& s) {
  if (s.size() != 2 * wire::token_bytes) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  wire::token t{};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const int hi = digit(s[2 * i]), lo = digit(s[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    t[i] = static_cast<std::byte>(hi * 16 + lo);
  }
  return t;
}

game::session_config config_from(const val& o, std::string room) {
  game::session_config c;
  c.name = str(o, "name", "player");
  c.room = std::move(room);
  c.spectator = flag(o, "spectator");
  // note: a page reload takes its slot back with the token it stored; the
  // session refuses a token with `auto` or with a spectator, as it should.
  if (!c.spectator && c.room != wire::auto_room) c.reconnect_token = token_from_hex(str(o, "token", ""));
  return c;
}

class battle_app {
 public:
  // Offline practice against bots in an in-process room; no relay needed.
  static battle_app* practice(val o) {
    auto* a = new battle_app(config_from(o, "practice"));
    game::local_room_options r;
    r.seed = static_cast<std::uint64_t>(num(o, "seed", 0)) != 0 ? static_cast<std::uint64_t>(num(o, "seed", 0))
                                                                  : static_cast<std::uint64_t>(rt_().driver.now().time_since_epoch().count()) | 1u;
    r.max_slots = std::clamp(static_cast<int>(num(o, "maxSlots", 4)), 2, 8);
    r.bots = std::clamp(static_cast<int>(num(o, "bots", r.max_slots - 1)), 0, r.max_slots - 1);
    r.skill = game::bot_skill::level(static_cast<int>(num(o, "skill", 3)));
    a->room_ = std::make_unique<game::local_room>(r);
    a->local_dialer_.emplace(*a->room_);
    auto& run = a->local_runner_.emplace(a->client_.session(), *a->local_dialer_, rt_().executor);
    a->tasks_[0] = rt_().executor.spawn(run.run());
    a->tasks_[1] = rt_().executor.spawn(game::run_local_room(*a->room_));
    a->tasks_[2] = rt_().executor.spawn(a->render());
    return a;
  }

  // A room on a relay: `endpoint` is its WebSocket URL (ws://host:port/ws).
  // With `bot` (a skill, 1-5), a bot plays this slot instead of the input
  // cells: the page fills its room with bots over real connections.
  static battle_app* online(val o) {
    std::optional<game::bot_input_source> autopilot;
    if (o["bot"].isNumber())
      autopilot.emplace(static_cast<std::uint64_t>(num(o, "seed", 1)), game::bot_skill::level(static_cast<int>(num(o, "bot", 3))));
    auto* a = new battle_app(config_from(o, str(o, "room", std::string(wire::auto_room))), std::move(autopilot));
    a->ws_dialer_.emplace(str(o, "endpoint", "ws://127.0.0.1:8080/ws"));
    auto& run = a->ws_runner_.emplace(a->client_.session(), *a->ws_dialer_, rt_().executor);
    a->tasks_[0] = rt_().executor.spawn(run.run());
    a->tasks_[2] = rt_().executor.spawn(a->render());
    return a;
  }

  ~battle_app() {
    // note: the tasks borrow every member; cancel them before anything goes.
    for (auto& t : tasks_) t = {};
  }

  void set_held(int buttons) { client_.input().set_held(static_cast<std::uint8_t>(buttons)); }
  void press(int button) { client_.input().press(static_cast<std::uint8_t>(button)); }
  void set_aim(int aim) { client_.input().set_aim(static_cast<game::angle16>(aim & 0xffff)); }
  void release_all() { client_.input().release_all(); }
  // fn(frame: Float32Array over wasm memory, valid during the call; events: array)
  void on_frame(val fn) { on_frame_ = std::move(fn); }

  void leave() {
    if (local_runner_) local_runner_->leave();
    if (ws_runner_) ws_runner_->leave();
  }

  val hud() const {
    const game::session& s = client_.session();
    val h = val::object();
    h.set("phase", std::string(game::name_of(s.phase())));
    h.set("status", s.status());
    h.set("room", std::string(s.room()));
    h.set("slot", s.slot() ? val(*s.slot()) : val(-1));
    h.set("spectator", s.spectator());
    h.set("tick", static_cast<double>(s.tick()));
    h.set("liveTick", static_cast<double>(s.live_tick()));
    h.set("relayTick", s.relay_tick() ? val(static_cast<double>(*s.relay_tick())) : val::null());
    // note: the HUD shows the last round trip; the smoothed one starts from
    // the first sample, taken while the page was still busy loading, and
    // takes many seconds to forget it.
    h.set("pingMs", s.ping() ? val(std::chrono::duration<double, std::milli>(*s.ping()).count()) : val::null());
    h.set("smoothedPingMs", s.smoothed_ping() ? val(std::chrono::duration<double, std::milli>(*s.smoothed_ping()).count()) : val::null());
    h.set("tickHz", s.tick_hz());
    h.set("token", s.token() ? val(token_hex(*s.token())) : val::null());
    h.set("inputDelay", s.input_delay());
    h.set("maxSlots", s.max_slots());
    h.set("attempts", s.attempts());
    h.set("practice", static_cast<bool>(room_));
    h.set("frames", static_cast<double>(client_.frames()));
    h.set("dials", ws_dialer_ ? static_cast<double>(ws_dialer_->dials()) : 0.0);
    val roster = val::array();
    s.roster().for_each([&](const game::roster_entry& e) {
      val r = val::object();
      r.set("slot", e.slot);
      r.set("name", e.name);
      r.set("connected", e.connected);
      roster.call<void>("push", r);
    });
    h.set("roster", roster);
    if (s.desync()) {
      val d = val::object();
      d.set("tick", static_cast<double>(s.desync()->tick));
      d.set("mine", s.desync()->me_disagreeing);
      d.set("mask", s.desync()->disagreeing);
      h.set("desync", d);
    } else {
      h.set("desync", val::null());
    }
    if (s.last_error()) {
      val e = val::object();
      e.set("code", static_cast<int>(s.last_error()->code));
      e.set("reason", s.last_error()->reason);
      h.set("error", e);
    } else {
      h.set("error", val::null());
    }
    return h;
  }

  // [[roomTick, "hash hex"], ...] of every hash tick seen, oldest first.
  val hashes() const {
    val out = val::array();
    for (const auto& [tick, hash] : client_.hashes().entries()) {
      val pair = val::array();
      pair.call<void>("push", static_cast<double>(tick));
      pair.call<void>("push", hex64(hash));
      out.call<void>("push", pair);
    }
    return out;
  }
  // The current state hash (for a test's final comparison), or "" before the welcome.
  std::string state_hash() const {
    const auto* b = client_.session().battle();
    return b ? hex64(b->state_hash()) : std::string();
  }
  double applied_tick() const { return static_cast<double>(client_.session().tick()); }
  bool finished() const { return is_final(client_.session().phase()); }

 private:
  explicit battle_app(game::session_config c, std::optional<game::bot_input_source> autopilot = std::nullopt)
      : autopilot_(std::move(autopilot)), client_(std::move(c), autopilot_ ? &*autopilot_ : nullptr) {}

  rt::task<> render() {
    for (;;) {
      const rt::instant at = co_await rt::next_frame();
      const std::vector<float>& f = client_.frame(at);
      std::vector<game::event> events = client_.take_hud_events();
      if (on_frame_.isUndefined() || on_frame_.isNull()) continue;
      val list = val::array();
      for (const game::event& e : events) {
        if (e.kind == game::event_kind::shot || e.kind == game::event_kind::impact) continue;
        val v = val::object();
        v.set("tick", static_cast<double>(e.tick));
        v.set("kind", val(kind_name(e.kind)));
        v.set("slot", e.slot == game::no_slot ? -1 : static_cast<int>(e.slot));
        v.set("other", e.other == game::no_slot ? -1 : static_cast<int>(e.other));
        v.set("amount", static_cast<int>(e.amount));
        list.call<void>("push", v);
      }
      on_frame_(val(emscripten::typed_memory_view(f.size(), f.data())), list);
    }
  }

  std::optional<game::bot_input_source> autopilot_;  // note: before client_, which points at it
  game_client client_;
  std::unique_ptr<game::local_room> room_;
  std::optional<game::local_dialer> local_dialer_;
  std::optional<browser_ws_dialer> ws_dialer_;
  std::optional<game::session_runner<game::local_dialer, rt::local_executor>> local_runner_;
  std::optional<game::session_runner<browser_ws_dialer, rt::local_executor>> ws_runner_;
  val on_frame_ = val::undefined();
  // note: last, so they are destroyed first (the destructor also clears them).
  rt::join_handle<void> tasks_[3];
};

// The arena the page draws: tiles ('#' wall, '.' floor) row by row, the
// world size in pixels, spawn points and health packs.
val arena_map() {
  const game::arena& a = game::arena::standard();
  std::string tiles;
  for (int ty = 0; ty < game::arena::height; ++ty)
    for (int tx = 0; tx < game::arena::width; ++tx) tiles += a.solid(tx, ty) ? '#' : '.';
  val m = val::object();
  m.set("columns", game::arena::width);
  m.set("rows", game::arena::height);
  m.set("tile", game::arena::tile_size / game::px);
  m.set("tiles", tiles);
  m.set("maxSlots", game::max_slots);
  m.set("tickRate", game::tick_rate);
  return m;
}

}  // namespace
}  // namespace skirmish::app

EMSCRIPTEN_BINDINGS(skirmish_game_module) {
  using namespace skirmish::app;
  using emscripten::allow_raw_pointers;
  emscripten::function("arenaMap", &arena_map);
  emscripten::class_<battle_app>("BattleApp")
      .class_function("practice", &battle_app::practice, allow_raw_pointers())
      .class_function("online", &battle_app::online, allow_raw_pointers())
      .function("setHeld", &battle_app::set_held)
      .function("press", &battle_app::press)
      .function("setAim", &battle_app::set_aim)
      .function("releaseAll", &battle_app::release_all)
      .function("onFrame", &battle_app::on_frame)
      .function("leave", &battle_app::leave)
      .function("hud", &battle_app::hud)
      .function("hashes", &battle_app::hashes)
      .function("stateHash", &battle_app::state_hash)
      .function("appliedTick", &battle_app::applied_tick)
      .function("finished", &battle_app::finished);
}
