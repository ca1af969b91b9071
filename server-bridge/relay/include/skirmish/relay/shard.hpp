// shard: the rooms and sessions of one worker thread, and the clocks that
// drive those rooms on the worker's executor. Everything of a room happens
// here, on this thread; the only doors out are route() (a hello for a room
// another worker owns) and take_reports() (news for the matchmaker).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "skirmish/relay/matchmaker.hpp"
#include "skirmish/relay/random_source.hpp"
#include "skirmish/relay/refusal.hpp"
#include "skirmish/relay/room.hpp"
#include "skirmish/relay/room_config.hpp"
#include "skirmish/relay/room_context.hpp"
#include "skirmish/relay/room_report.hpp"
#include "skirmish/relay/worker_metrics.hpp"
#include "skirmish/rt/join_handle.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/wire/client_messages.hpp"

namespace skirmish::relay {

class session;

struct shard_config {
  room_config room;
  std::size_t worker_index = 0;  // this worker, of worker_count; rooms are theirs by owner_of()
  std::size_t worker_count = 1;
  // note: the relay's caps are per process; each worker enforces its share
  // (cap / workers, rounded up), since no worker sees the others' counts.
  std::size_t max_rooms = 1000;
  std::size_t max_connections = 10'000;
  rt::duration hello_timeout = std::chrono::seconds(5);
  rt::duration idle_timeout = std::chrono::seconds(30);  // zero: none
  // Live bytes queued per connection before it is dropped as a slow
  // consumer; see outbound_queue.hpp for the whole bound.
  std::size_t outbound_watermark = 256 * 1024;
  std::uint32_t rate_factor = 2;  // how many times the well-behaved rate is allowed
};

// The multi-worker glue, for an `auto` hello or a room another worker owns:
//   s.state() == session_state::routing, r = *s.route():
//   if r.room is empty: post to worker 0: room = mm.assign(r.spectator) (and
//       before that mm.apply() every report the workers posted);
//   hand the connection to worker owner_of(room, n) with the bytes it has read;
//   there: session s2(shard); s2.on_routed_hello(r.hello, room).
// Each worker posts take_reports() to worker 0 after it handles events.
class shard {
 public:
  shard(rt::local_executor& ex, shard_config config, random_source random = {});
  shard(const shard&) = delete;
  shard& operator=(const shard&) = delete;
  // Stops every room's clock. Sessions must be gone first (the transport owns them).
  ~shard();

  // With a matchmaker on this thread (one worker, or worker 0), `auto`
  // hellos are served here; without, they are routed (see above).
  void attach_matchmaker(matchmaker& m) noexcept { matchmaker_ = &m; }

  // Whether this worker owns the room `id`.
  [[nodiscard]] bool owns(std::string_view id) const noexcept;
  [[nodiscard]] room* find(std::string_view id) noexcept;
  [[nodiscard]] std::size_t rooms() const noexcept { return rooms_.size(); }
  [[nodiscard]] std::size_t sessions() const noexcept { return sessions_; }

  // Reports about matchmade rooms since the last call, for the matchmaker.
  [[nodiscard]] std::vector<room_report> take_reports();
  [[nodiscard]] bool has_reports() const noexcept { return !ctx_.reports.empty(); }

  // Draining (SIGTERM): closes every session with shutting_down.
  void shut_down();

  [[nodiscard]] rt::instant now() const { return executor_.now(); }
  [[nodiscard]] const shard_config& config() const noexcept { return config_; }
  [[nodiscard]] worker_metrics& metrics() noexcept { return ctx_.metrics; }
  [[nodiscard]] const worker_metrics& metrics() const noexcept { return ctx_.metrics; }

 private:
  friend class session;

  // What became of a hello.
  struct admission {
    enum kind : std::uint8_t { joined, refused, routed } outcome = joined;
    refusal why;             // when refused
    std::string route_room;  // when routed: the owner's room, or empty to ask the matchmaker
  };
  struct room_entry {
    room r;
    rt::join_handle<void> clock;  // note: declared after the room, so it is cancelled first
    room_entry(std::string id, room_context& ctx, rt::instant now) : r(std::move(id), ctx, now) {}
  };
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  // A decoded hello; `assigned` is the matchmaker's room for an `auto` one.
  admission admit(session& s, const wire::hello& h, std::optional<std::string_view> assigned);
  rt::result<void, refusal> join(session& s, const wire::hello& h, std::string_view room_id, bool matchmade);
  room* create(std::string_view id);
  // Removes the room; `from_clock` when its own clock task does it (and returns at once).
  void dispose(room& r, bool from_clock);
  rt::task<void> run_clock(room& r);
  void link(session& s) noexcept;
  void unlink(session& s) noexcept;
  std::vector<std::byte>& scratch() noexcept { return ctx_.scratch; }

  rt::local_executor& executor_;
  shard_config config_;
  room_context ctx_;
  matchmaker* matchmaker_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<room_entry>, string_hash, std::equal_to<>> rooms_;
  session* first_session_ = nullptr;  // intrusive list, for shut_down
  std::size_t sessions_ = 0;
};

}  // namespace skirmish::relay
