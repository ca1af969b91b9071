// skirmish-bot: bot players for a relay room, over the epoll WebSocket
// client, with the same session code the browser game runs.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skirmish/game/bot_client_options.hpp"
#include "skirmish/game/bot_player.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_signal_set.hpp"
#include "skirmish/rt/join_handle.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/zip.hpp"

namespace {

using namespace skirmish;
using game::bot_outcome;
using game::bot_player;

struct bot_process {
  rt::epoll_reactor& reactor;
  rt::local_executor& ex;
  const game::bot_client_options& options;
  std::vector<std::unique_ptr<bot_player>> bots;

  std::unique_ptr<bot_player> make(int index, std::string room) {
    game::bot_player_config c;
    c.name = options.bots == 1 ? options.name : options.name + "-" + std::to_string(index + 1);
    c.room = std::move(room);
    c.seed = options.seed + static_cast<std::uint64_t>(index);
    c.skill = game::bot_skill::level(options.skill);
    c.ticks = options.ticks;
    if (options.seconds)
      c.duration = std::chrono::duration_cast<rt::duration>(std::chrono::duration<double>(*options.seconds));
    c.until_match_end = options.until_match_end;
    c.attempts = options.attempts;
    const auto limit = std::chrono::duration_cast<rt::duration>(std::chrono::duration<double>(options.connect_timeout_s));
    return std::make_unique<bot_player>(std::move(c), reactor, ex, options.url, limit, stdout);
  }

  // Every bot leaves on SIGINT or SIGTERM.
  rt::task<void> watch_signals(rt::signal_set& signals) {
    for (;;) {
      auto sig = co_await signals.wait();
      if (!sig) co_return;
      std::fprintf(stderr, "skirmish-bot: signal %d, leaving\n", *sig);
      for (auto& b : bots) b->stop();
    }
  }

  rt::task<int> run() {
    // note: with `auto`, the first bot is matchmade and the others follow it
    // into the room it was given, so one process fills one room.
    bots.push_back(make(0, options.room));
    std::vector<rt::task<bot_outcome>> plays;
    rt::join_handle<bot_outcome> first = ex.spawn(bots[0]->play());
    if (options.bots > 1) {
      co_await bots[0]->progress().wait();
      if (!bots[0]->welcomed()) {
        bot_outcome o = co_await first;
        std::fprintf(stderr, "skirmish-bot: %s\n", o.why.c_str());
        co_return 1;
      }
      const std::string room(bots[0]->state().room());
      for (int i = 1; i < options.bots; ++i) {
        bots.push_back(make(i, room));
        plays.push_back(bots.back()->play());
      }
    }
    int failures = 0;
    auto note = [&](const bot_outcome& o) {
      if (!o.ok) {
        ++failures;
        std::fprintf(stderr, "skirmish-bot: %s\n", o.why.c_str());
      }
    };
    if (!plays.empty())
      for (bot_outcome& o : co_await rt::join_all(std::move(plays))) note(o);
    note(co_await first);
    co_return failures == 0 ? 0 : 1;
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto options = game::parse_bot_client_options(args);
  if (!options) {
    std::fprintf(stderr, "skirmish-bot: %s\n", options.error().c_str());
    return 2;
  }
  if (options->help) {
    std::fputs(game::bot_client_help().data(), stdout);
    return 0;
  }
  rt::epoll_reactor reactor;
  rt::local_executor ex(reactor);
  auto signals = rt::signal_set::open(reactor, {SIGINT, SIGTERM});
  bot_process process{reactor, ex, *options, {}};
  rt::join_handle<void> watcher;
  if (signals) watcher = ex.spawn(process.watch_signals(*signals));
  auto rc = ex.run_until(process.run());
  watcher.cancel();
  if (!rc) {
    std::fprintf(stderr, "skirmish-bot: the event loop stalled\n");
    return 1;
  }
  return *rc;
}
