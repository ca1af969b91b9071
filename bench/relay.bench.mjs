// The relay's fan-out benchmark (issue 5): R rooms x 8 players x 30 Hz, each
// player sending its input every tick and receiving every bundle, driven by
// the native load generator (bench/relay_load.cpp), against skirmish-relay
// (--threads 1) and the same lockstep protocol on uWebSockets.js and on Node
// `ws` (bench/baselines/relay_uws.mjs, relay_ws.mjs), one after the other in
// the same run. Each server is pinned to cpu0 and the load generator to cpu1
// (taskset). Throughput is normalised by the server's own CPU time (utime +
// stime from /proc/<pid>/stat over the measured window), so whatever else
// runs on the machine skews it little; latencies are not normalised and show
// the machine's load too. Then 10,000 idle WebSocket connections (upgraded,
// no hello) per server: RSS growth per connection.
//
// Writes bench/results/relay.json (through bench/run.mjs) and
// bench/results/relay_latency.svg. SKIRMISH_BENCH_QUICK=1: two small loads,
// short windows and 1,000 idle connections, for a smoke run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { lineChart, svgDocument } from './lib/svg_chart.mjs';

const quick = process.env.SKIRMISH_BENCH_QUICK === '1';
const roomLoads = quick ? [6, 31] : [6, 31, 125, 250]; // x 8 players: 48, 248, 1000, 2000 clients
const warmup = quick ? 1 : 2;
const seconds = quick ? 2 : 5;
// note: the machine is shared, and its load changes from one minute to the
// next: every load is run `repeats` times, the servers interleaved, and each
// server's median run (by bundles per server CPU-second) is recorded with
// the range of all its runs.
const repeats = quick ? 1 : 3;
const idleConnections = quick ? 1000 : 10_000;
const tickMs = 1000 / 30;

const servers = [
  {
    target: 'skirmish',
    // note: --hello-timeout, because opening 10,000 idle connections (or
    // 2,000 on a busy machine) one after the other can take longer than 5 s;
    // --rate-factor 100, because a relay starved of CPU for two seconds reads
    // that long's inputs at once and its token buckets (a burst of one second
    // at twice the rate) would kick clients that behaved (the baselines have
    // no rate limit; ours still runs its buckets).
    cmd: (root) => [
      join(root, 'build/native-release/server-bridge/relay/skirmish-relay'),
      ['--port', '0', '--host', '127.0.0.1', '--threads', '1', '--max-connections', '20000', '--hello-timeout', '300', '--rate-factor', '100', '--log-level', 'warn'],
    ],
  },
  { target: 'uws.js', cmd: (root) => [process.execPath, [join(root, 'bench/baselines/relay_uws.mjs')]] },
  { target: 'ws', cmd: (root) => [process.execPath, [join(root, 'bench/baselines/relay_ws.mjs')]] },
];

const goals = {
  'uws.js': { text: '>= 1x uWebSockets.js per server CPU-second', min: 1 },
  ws: { text: '>= 5x ws per server CPU-second', min: 5 },
};

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

// Starts a server pinned to cpu0; resolves once it printed its port.
async function start(root, server) {
  const [cmd, args] = server.cmd(root);
  const child = spawn('taskset', ['-c', '0', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  // note: both pipes are drained for the whole run (a full pipe would stall
  // the server); only the tail is kept, for an error message.
  let tail = '';
  const keep = (d) => (tail = (tail + d).slice(-4000));
  child.stderr.on('data', keep);
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok(code ?? signal)));
  const port = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      keep(d);
      if (out === null) return;
      out += d;
      const m = /(?:listening on [^\s]*:|open http:\/\/[^\s]*:)(\d+)/.exec(out);
      if (m) {
        out = null;
        ok(Number(m[1]));
      }
    });
    exited.then((code) => fail(new Error(`${server.target} relay exited (${code}) before listening: ${tail}`)));
  });
  return {
    child,
    port,
    tail: () => tail,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

// Runs relay_load pinned to cpu1; resolves with its last stdout line, parsed.
function load(root, args, { stdin = 'ignore', onLine } = {}) {
  const bin = join(root, 'build/native-release/bench/relay_load');
  const child = spawn('taskset', ['-c', '1', bin, ...args], { stdio: [stdin, 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let lastLine = '';
  child.stdout.on('data', (d) => {
    out += d;
    let nl;
    while ((nl = out.indexOf('\n')) >= 0) {
      lastLine = out.slice(0, nl);
      out = out.slice(nl + 1);
      onLine?.(JSON.parse(lastLine));
    }
  });
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise((ok, fail) =>
    child.once('close', (code) => (code === 0 ? ok(JSON.parse(lastLine)) : fail(new Error(`relay_load ${args.join(' ')} failed (${code}): ${err}`)))),
  );
  return { child, done };
}

async function fanOut(root, server, rooms) {
  const s = await start(root, server);
  try {
    const { done } = load(root, ['--port', String(s.port), '--server-pid', String(s.child.pid), '--rooms', String(rooms), '--players', '8',
      '--warmup', String(warmup), '--seconds', String(seconds), '--room-prefix', `r${rooms}x`]);
    return await done;
  } catch (e) {
    throw new Error(`${e.message}\nserver: ${s.tail()}`);
  } finally {
    await s.stop();
  }
}

async function idleMemory(root, server) {
  const s = await start(root, server);
  try {
    await sleep(500);
    const before = rssKiB(s.child.pid);
    let opened;
    const got = new Promise((ok) => (opened = ok));
    const g = load(root, ['--port', String(s.port), '--idle', String(idleConnections)], { stdin: 'pipe', onLine: (l) => l.idle && opened(l) });
    await Promise.race([got, g.done]);
    await sleep(1000);
    const after = rssKiB(s.child.pid);
    g.child.stdin.end();
    await g.done;
    return { before, after, perConnection: ((after - before) * 1024) / idleConnections };
  } finally {
    await s.stop();
  }
}

const ms = (us) => Number((us / 1000).toFixed(2));

export async function run({ root, log }) {
  for (const s of servers) {
    const [cmd] = s.cmd(root);
    if (cmd !== process.execPath && !existsSync(cmd)) throw new Error(`${cmd} is not built (npm run bench builds native-release)`);
  }
  if (!existsSync(join(root, 'build/native-release/bench/relay_load'))) throw new Error('relay_load is not built');
  const records = [];
  const byLoad = new Map();
  for (const rooms of roomLoads) {
    const clients = rooms * 8;
    const runs = Object.fromEntries(servers.map((s) => [s.target, []]));
    for (let rep = 0; rep < repeats; rep++) {
      for (const server of servers) {
        const x = await fanOut(root, server, rooms);
        runs[server.target].push(x);
        log(`${clients} clients: ${server.target.padEnd(8)} ${Math.round(x.bundles_per_server_cpu_second)} bundles per server CPU-second ` +
          `(${Math.round(x.bundles_per_second)}/s, server CPU ${(100 * x.server_cpu_seconds / x.seconds).toFixed(0)} %), ` +
          `delivery p50/p99/p99.9 ${ms(x.delivery_p50_us)}/${ms(x.delivery_p99_us)}/${ms(x.delivery_p999_us)} ms, ` +
          `late inputs ${x.inputs_late}, missing ticks ${x.missing_ticks}; ` +
          `waiting for a CPU: server ${(100 * x.server_wait_share).toFixed(0)} %, load generator ${(100 * x.load_wait_share).toFixed(0)} %`);
      }
    }
    const rows = {};
    for (const server of servers) {
      const sorted = [...runs[server.target]].sort((a, b) => a.bundles_per_server_cpu_second - b.bundles_per_server_cpu_second);
      rows[server.target] = { ...sorted[Math.floor(sorted.length / 2)], min: sorted[0].bundles_per_server_cpu_second, max: sorted.at(-1).bundles_per_server_cpu_second, runs: sorted.length };
    }
    byLoad.set(clients, rows);
    for (const server of servers) {
      const x = rows[server.target];
      const rec = {
        file: 'relay.json',
        benchmark: `fan-out ${clients} clients (${rooms} rooms x 8, 30 Hz)`,
        target: server.target,
        clients,
        bundles_per_server_cpu_second: Math.round(x.bundles_per_server_cpu_second),
        runs: x.runs,
        bundles_per_server_cpu_second_range: `${Math.round(x.min)}-${Math.round(x.max)}`,
        bundles_per_second: Math.round(x.bundles_per_second),
        server_cpu_share: Number((x.server_cpu_seconds / x.seconds).toFixed(3)),
        // Time spent runnable but waiting for a CPU, per second of the
        // window (from schedstat): how much the shared machine starved the
        // server and the load generator; it inflates every latency here.
        server_wait_share: x.server_wait_share,
        load_cpu_share: x.load_cpu_share,
        load_wait_share: x.load_wait_share,
        delivery_p50_ms: ms(x.delivery_p50_us),
        delivery_p99_ms: ms(x.delivery_p99_us),
        delivery_p999_ms: ms(x.delivery_p999_us),
        input_to_bundle_p50_ms: ms(x.input_to_bundle_p50_us),
        input_to_bundle_p99_ms: ms(x.input_to_bundle_p99_us),
        input_to_bundle_p999_ms: ms(x.input_to_bundle_p999_us),
        bundles: x.bundles,
        inputs_sent: x.inputs_sent,
        inputs_delivered: x.inputs_delivered,
        inputs_late: x.inputs_late,
        inputs_wrong: x.inputs_wrong,
        missing_ticks: x.missing_ticks,
      };
      if (server.target === 'skirmish') {
        for (const base of ['uws.js', 'ws']) {
          const ratio = x.bundles_per_server_cpu_second / rows[base].bundles_per_server_cpu_second;
          rec[`ratio_vs_${base.replace('.', '')}`] = Number(ratio.toFixed(2));
          // The worst and best case over the runs: our slowest against their fastest, and back.
          rec[`ratio_vs_${base.replace('.', '')}_range`] = `${(x.min / rows[base].max).toFixed(2)}-${(x.max / rows[base].min).toFixed(2)}`;
          rec[`meets_${base.replace('.', '')}_goal`] = ratio >= goals[base].min;
        }
        rec.goal = '>= 1x uws.js, >= 5x ws per CPU-s';
        if (clients === 2000) {
          rec.meets_p99_goal = x.delivery_p99_us < tickMs * 1000;
          rec.goal += '; p99 < 33 ms';
        }
      }
      records.push(rec);
    }
  }

  for (const server of servers) {
    const m = await idleMemory(root, server);
    log(`${idleConnections} idle connections: ${server.target.padEnd(8)} RSS ${m.before} -> ${m.after} KiB, ${Math.round(m.perConnection)} B per connection`);
    const rec = {
      file: 'relay.json',
      benchmark: `${idleConnections} idle WebSocket connections`,
      target: server.target,
      rss_before_kib: m.before,
      rss_after_kib: m.after,
      bytes_per_connection: Math.round(m.perConnection),
    };
    if (server.target === 'skirmish') {
      rec.goal = '<= 4 KiB per idle connection';
      rec.meets_memory_goal = m.perConnection <= 4096;
    }
    records.push(rec);
  }
  records.push({ file: 'relay.json', benchmark: 'machine', target: 'loadavg after the run', loadavg_1m: Number(loadavg()[0].toFixed(2)), quick });

  writeChart(root, byLoad);
  log('wrote bench/results/relay_latency.svg');
  return records;
}

function writeChart(root, byLoad) {
  const clients = [...byLoad.keys()];
  const colors = ['#1b6ac9', '#d9480f', '#2b8a3e'];
  // note: a load where no input came back on time has no input-to-bundle
  // samples (its percentiles read 0); those points are left out.
  const points = (target, field, p) =>
    clients
      .map((c) => [c, byLoad.get(c)[target]])
      .filter(([, x]) => field !== 'input_to_bundle' || x.inputs_delivered > 0)
      .map(([c, x]) => [c, x[`${field}_${p}_us`] / 1000]);
  const series = (field) =>
    servers.flatMap((s, i) => [
      { name: `${s.target} p99`, points: points(s.target, field, 'p99'), color: colors[i] },
      { name: `${s.target} p50`, points: points(s.target, field, 'p50'), color: colors[i], dashed: true },
    ]);
  const charts = [
    lineChart({ title: 'Delivery: scheduled tick close to bundle', xLabel: 'clients (8 per room, 30 Hz)', yLabel: 'ms (log)',
      series: series('delivery'), refs: [{ y: tickMs, label: 'one tick (33 ms)' }], x: 0, y: 0, width: 520, height: 360, logY: true }),
    lineChart({ title: 'Input sent to bundle received (with the input delay)', xLabel: 'clients (8 per room, 30 Hz)', yLabel: 'ms (log)',
      series: series('input_to_bundle'), refs: [{ y: 2 * tickMs, label: 'input delay (2 ticks)' }], x: 520, y: 0, width: 520, height: 360, logY: true }),
  ];
  const note = `skirmish-relay --threads 1 vs uWebSockets.js and ws baselines; server on cpu0, load generator on cpu1; ${new Date().toISOString()}`;
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'relay_latency.svg'), svgDocument(1040, 380, charts, { note }));
}
