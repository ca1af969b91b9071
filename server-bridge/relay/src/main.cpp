// skirmish-relay: the relay process: options and environment, --help,
// validation and the first log lines, then run_relay (net/): one executor
// over epoll per core, the listeners, the WebSocket engine and the drain.
#include <cstdio>
#include <string_view>
#include <vector>

#include "../net/run_relay.hpp"
#include "skirmish/relay/logger.hpp"
#include "skirmish/relay/relay_options.hpp"

int main(int argc, char** argv) {
  using namespace skirmish::relay;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  auto parsed = parse_options(args, process_environment());
  if (!parsed) {
    std::fprintf(stderr, "skirmish-relay: %s\n", parsed.error().c_str());
    return 2;
  }
  if (parsed->help) {
    std::fputs(help_text().c_str(), stdout);
    return 0;
  }
  const relay_options& o = parsed->options;
  logger log(o.log);
  log.info("starting", {{"host", o.host},
                        {"port", o.port},
                        {"threads", o.threads},
                        {"tick_hz", o.room.tick_hz},
                        {"max_rooms", o.max_rooms},
                        {"max_players_per_room", o.room.max_players},
                        {"web_root", o.web_root.empty() ? std::string_view("none") : std::string_view(o.web_root)}});
  return run_relay(o, log);
}
