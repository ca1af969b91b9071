// relay_options: the flag table, parsing, validation and --help.
#include "skirmish/relay/relay_options.hpp"

#include <charconv>
#include <thread>

#include "skirmish/relay/static_files.hpp"

extern char** environ;

namespace skirmish::relay {

namespace {

using apply_fn = rt::result<void, std::string> (*)(relay_options&, std::string_view);

struct option_spec {
  std::string_view flag;      // without the leading "--"
  std::string_view env;       // the environment variable
  std::string_view metavar;   // what the value is, for --help
  std::string_view fallback;  // the default, for --help
  std::string_view help;
  apply_fn apply;
};

rt::result<std::uint64_t, std::string> whole(std::string_view v, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc{} || end != v.data() + v.size() || n < lo || n > hi) {
    return rt::fail("expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got \"" +
                    std::string(v) + "\"");
  }
  return n;
}

// Bytes, with an optional k or m suffix (KiB, MiB).
rt::result<std::uint64_t, std::string> bytes(std::string_view v, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t unit = 1;
  std::string_view digits = v;
  if (!v.empty() && (v.back() == 'k' || v.back() == 'K')) unit = 1024;
  if (!v.empty() && (v.back() == 'm' || v.back() == 'M')) unit = 1024 * 1024;
  if (unit != 1) digits.remove_suffix(1);
  auto n = whole(digits, 0, hi / unit);
  if (!n || *n * unit < lo) {
    return rt::fail("expected a size from " + std::to_string(lo) + " to " + std::to_string(hi) +
                    " bytes (a k or m suffix means KiB or MiB), got \"" + std::string(v) + "\"");
  }
  return *n * unit;
}

template <class T>
rt::result<void, std::string> set_whole(T& field, std::string_view v, std::uint64_t lo, std::uint64_t hi) {
  auto n = whole(v, lo, hi);
  if (!n) return rt::fail(n.error());
  field = static_cast<T>(*n);
  return {};
}

// note: captureless lambdas, so the table is plain data.
constexpr option_spec specs[] = {
    {"port", "SKIRMISH_PORT", "N", "8080", "TCP port for HTTP and WebSocket alike; 0 picks a free one.",
     [](relay_options& o, std::string_view v) { return set_whole(o.port, v, 0, 65535); }},
    {"host", "SKIRMISH_HOST", "ADDRESS", "127.0.0.1", "Address to listen on; 0.0.0.0 for every interface.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       if (v.empty() || v.find_first_of(" \t/") != std::string_view::npos) return rt::fail("expected an address, got \"" + std::string(v) + "\"");
       o.host = v;
       return {};
     }},
    {"threads", "SKIRMISH_THREADS", "N", "cores", "Worker threads, one event loop each; rooms are spread over them.",
     [](relay_options& o, std::string_view v) { return set_whole(o.threads, v, 1, 256); }},
    {"web-root", "SKIRMISH_WEB_ROOT", "DIR", "none", "Folder of static files to serve (the game's web/ build); none: no files.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       o.web_root = v;
       return {};
     }},
    {"tick-hz", "SKIRMISH_TICK_HZ", "N", "30", "Ticks per second of every room's clock (1-255).",
     [](relay_options& o, std::string_view v) { return set_whole(o.room.tick_hz, v, 1, 255); }},
    {"max-rooms", "SKIRMISH_MAX_ROOMS", "N", "1000", "Most rooms at once (each worker holds its share); more: too_many_rooms.",
     [](relay_options& o, std::string_view v) { return set_whole(o.max_rooms, v, 1, 1'000'000); }},
    {"max-players-per-room", "SKIRMISH_MAX_PLAYERS_PER_ROOM", "N", "8", "Player slots per room (1-8); spectators come on top.",
     [](relay_options& o, std::string_view v) { return set_whole(o.room.max_players, v, 1, wire::max_slots); }},
    {"max-connections", "SKIRMISH_MAX_CONNECTIONS", "N", "10000", "Most WebSocket connections at once (each worker its share); more: server_full.",
     [](relay_options& o, std::string_view v) { return set_whole(o.max_connections, v, 1, 10'000'000); }},
    {"input-delay", "SKIRMISH_INPUT_DELAY", "TICKS", "2", "Ticks between a bundle and the tick a client's input is for (0-64).",
     [](relay_options& o, std::string_view v) { return set_whole(o.room.input_delay, v, 0, wire::max_input_delay); }},
    {"hash-interval", "SKIRMISH_HASH_INTERVAL", "TICKS", "30", "Ticks between the clients' state-hash reports (1-65535).",
     [](relay_options& o, std::string_view v) { return set_whole(o.room.hash_interval, v, 1, 65535); }},
    {"reconnect-window", "SKIRMISH_RECONNECT_WINDOW", "SECONDS", "30", "How long a dropped player's slot is held for a reconnect (0-65535).",
     [](relay_options& o, std::string_view v) { return set_whole(o.room.reconnect_window_s, v, 0, 65535); }},
    {"history", "SKIRMISH_HISTORY", "SECONDS", "600",
     "Input history a room keeps, for reconnects and joiners; a room older than this takes no new players or spectators.",
     [](relay_options& o, std::string_view v) { return set_whole(o.history_s, v, 1, 3600); }},
    {"room-grace", "SKIRMISH_ROOM_GRACE", "SECONDS", "10", "How long a room with nobody in it lives on before it is disposed of.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       auto n = whole(v, 0, 3600);
       if (!n) return rt::fail(n.error());
       o.room.empty_grace = std::chrono::seconds(*n);
       return {};
     }},
    {"hello-timeout", "SKIRMISH_HELLO_TIMEOUT", "SECONDS", "5", "A connection that sends no hello within this is closed (timeout).",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       auto n = whole(v, 1, 300);
       if (!n) return rt::fail(n.error());
       o.hello_timeout = std::chrono::seconds(*n);
       return {};
     }},
    {"idle-timeout", "SKIRMISH_IDLE_TIMEOUT", "SECONDS", "30",
     "A connection silent for this long (WebSocket pongs count) is closed; pings go out at a third of it; 0: never.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       auto n = whole(v, 0, 3600);
       if (!n) return rt::fail(n.error());
       o.idle_timeout = std::chrono::seconds(*n);
       return {};
     }},
    {"max-message", "SKIRMISH_MAX_MESSAGE", "BYTES", "128", "Largest WebSocket message accepted (close 1009 above); at least 90, a full hello.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       auto n = bytes(v, wire::max_hello_bytes, 65536);
       if (!n) return rt::fail(n.error());
       o.max_message_bytes = *n;
       return {};
     }},
    {"outbound-watermark", "SKIRMISH_OUTBOUND_WATERMARK", "BYTES", "256k",
     "Live bytes queued for one connection before it is dropped as a slow consumer.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       auto n = bytes(v, 4096, 64u << 20);
       if (!n) return rt::fail(n.error());
       o.outbound_watermark = *n;
       return {};
     }},
    {"rate-factor", "SKIRMISH_RATE_FACTOR", "N", "2", "Multiple of a well-behaved client's message rate that is allowed (2-100); more: rate_limited.",
     [](relay_options& o, std::string_view v) { return set_whole(o.rate_factor, v, 2, 100); }},
    {"origin", "SKIRMISH_ORIGINS", "ORIGIN[,ORIGIN...]", "any",
     "Origins allowed to open a WebSocket (e.g. https://game.example); repeat or separate with commas.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       while (!v.empty()) {
         const std::size_t comma = v.find(',');
         std::string_view one = v.substr(0, comma);
         while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
         while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
         if (!(one.starts_with("http://") || one.starts_with("https://")) || one.ends_with('/') ||
             one.find_first_of(" \t") != std::string_view::npos) {
           return rt::fail("expected origins like https://game.example (scheme and host, no path), got \"" + std::string(one) + "\"");
         }
         o.origins.emplace_back(one);
         if (comma == std::string_view::npos) break;
         v.remove_prefix(comma + 1);
       }
       return {};
     }},
    {"log-level", "SKIRMISH_LOG_LEVEL", "LEVEL", "info", "Least important log lines written: debug, info, warn or error.",
     [](relay_options& o, std::string_view v) -> rt::result<void, std::string> {
       auto l = parse_log_level(v);
       if (!l) return rt::fail("expected debug, info, warn or error, got \"" + std::string(v) + "\"");
       o.log = *l;
       return {};
     }},
};

const option_spec* find_flag(std::string_view name) noexcept {
  for (const option_spec& s : specs) {
    if (s.flag == name) return &s;
  }
  return nullptr;
}

const std::string* find_env(const environment& env, std::string_view name) noexcept {
  for (const auto& [k, v] : env) {
    if (k == name) return &v;
  }
  return nullptr;
}

rt::result<void, std::string> validate(relay_options& o) {
  if (o.history_s < o.room.reconnect_window_s) {
    return rt::fail("--history (" + std::to_string(o.history_s) + " s) must cover --reconnect-window (" +
                    std::to_string(o.room.reconnect_window_s) + " s), or a reconnecting player could not catch up");
  }
  o.room.history_ticks = o.history_s * o.room.tick_hz;
  if (!o.web_root.empty()) {
    if (auto files = static_files::open(o.web_root); !files) return rt::fail("--web-root: " + files.error());
  }
  return {};
}

}  // namespace

environment process_environment() {
  environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view kv(*e);
    const std::size_t eq = kv.find('=');
    if (eq == std::string_view::npos || !kv.starts_with("SKIRMISH_")) continue;
    env.emplace_back(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return env;
}

rt::result<parsed_options, std::string> parse_options(std::span<const std::string_view> args, const environment& env) {
  parsed_options out;
  const unsigned cores = std::thread::hardware_concurrency();
  out.options.threads = cores == 0 ? 1 : cores;

  // Flags first into a list per option, so the environment can fill the gaps.
  std::vector<std::pair<const option_spec*, std::string_view>> given;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "-h" || a == "--help") {
      out.help = true;
      continue;
    }
    if (!a.starts_with("--")) return rt::fail("unexpected argument \"" + std::string(a) + "\" (see --help)");
    a.remove_prefix(2);
    std::string_view value;
    bool inline_value = false;
    if (const std::size_t eq = a.find('='); eq != std::string_view::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      inline_value = true;
    }
    const option_spec* spec = find_flag(a);
    if (spec == nullptr) return rt::fail("unknown option --" + std::string(a) + " (see --help)");
    if (!inline_value) {
      if (i + 1 >= args.size()) return rt::fail("--" + std::string(a) + " needs a value (" + std::string(spec->metavar) + ")");
      value = args[++i];
    }
    given.emplace_back(spec, value);
  }
  if (out.help) return out;

  for (const option_spec& spec : specs) {
    bool flagged = false;
    for (const auto& [s, value] : given) {
      if (s != &spec) continue;
      flagged = true;
      if (auto ok = spec.apply(out.options, value); !ok) return rt::fail("--" + std::string(spec.flag) + ": " + ok.error());
    }
    if (flagged) continue;
    if (const std::string* value = find_env(env, spec.env)) {
      if (auto ok = spec.apply(out.options, *value); !ok) return rt::fail(std::string(spec.env) + ": " + ok.error());
    }
  }
  if (auto ok = validate(out.options); !ok) return rt::fail(ok.error());
  return out;
}

std::string help_text() {
  std::string out =
      "skirmish-relay: the skirmish game relay. One port serves the game's static files,\n"
      "/healthz, /metrics (Prometheus) and the WebSocket at /ws, where rooms of players\n"
      "run in lockstep: the relay bundles their inputs per tick and broadcasts them.\n"
      "\n"
      "usage: skirmish-relay [--flag VALUE | --flag=VALUE]...\n"
      "\n"
      "Every flag can also be given as the environment variable named after it;\n"
      "a flag wins over its variable, which wins over the default.\n"
      "\n";
  for (const option_spec& s : specs) {
    std::string left = "  --" + std::string(s.flag) + " " + std::string(s.metavar);
    if (left.size() < 40) left.resize(40, ' ');
    out += left;
    out += " ";
    out += s.env;
    out += " (default ";
    out += s.fallback;
    out += ")\n      ";
    out += s.help;
    out += '\n';
  }
  out +=
      "  -h, --help\n"
      "      Print this text and exit.\n"
      "\n"
      "Logs are one line each on stderr: ts=... level=... msg=\"...\" key=value.\n";
  return out;
}

shard_config relay_options::shard_config_for(std::size_t index) const {
  shard_config c;
  c.room = room;
  c.worker_index = index;
  c.worker_count = threads;
  c.max_rooms = (max_rooms + threads - 1) / threads;
  c.max_connections = (max_connections + threads - 1) / threads;
  c.hello_timeout = hello_timeout;
  c.idle_timeout = idle_timeout;
  c.outbound_watermark = outbound_watermark;
  c.rate_factor = rate_factor;
  return c;
}

std::string relay_options::url() const {
  // note: a wildcard address is not something a browser can open.
  std::string shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host;
  if (shown.find(':') != std::string::npos) shown = "[" + shown + "]";
  return "http://" + shown + ":" + std::to_string(port) + "/";
}

bool relay_options::origin_allowed(std::optional<std::string_view> origin) const noexcept {
  if (origins.empty() || !origin) return true;
  for (const std::string& o : origins) {
    if (o == *origin) return true;
  }
  return false;
}

}  // namespace skirmish::relay
