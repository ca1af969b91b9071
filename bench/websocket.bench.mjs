// WebSocket echo throughput and latency: the native load generator
// (bench/ws_load.cpp) against skirmish-echo-server, a uWebSockets.js echo
// server and a Node `ws` echo server, one after the other in the same run.
// Each figure is normalised by the server's own CPU time (utime + stime from
// /proc/<pid>/stat over the measured window), so the load generator sharing
// the machine's cores does not skew the comparison.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const servers = [
  { target: 'skirmish', cmd: (root) => [join(root, 'build/native-release/server-bridge/ws-connection/skirmish-echo-server'), ['--port', '0']] },
  { target: 'uws.js', cmd: (root) => [process.execPath, [join(root, 'bench/baselines/uws_echo_server.mjs')]] },
  { target: 'ws', cmd: (root) => [process.execPath, [join(root, 'bench/baselines/ws_echo_server.mjs')]] },
];

// note: depth 1 is uWebSockets' load_test shape (one message in flight per
// connection: the kernel's send and recv dominate); depth 16 writes 16
// frames at once, which shows what each server spends per message itself.
const workloads = [
  { connections: 100, size: 32, pipeline: 1 },
  { connections: 100, size: 32, pipeline: 16 },
  { connections: 10, size: 1024, pipeline: 1 },
];

const goals = {
  'uws.js': { text: '>= 1x uWebSockets.js per server CPU-second', min: 1 },
  ws: { text: '>= 5x ws per server CPU-second', min: 5 },
};

async function start(root, server) {
  const [cmd, args] = server.cmd(root);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on [^:\s]+:(\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`${server.target} server exited (${code})`)));
  });
  return { child, port };
}

export async function run({ root, log }) {
  const load = join(root, 'build/native-release/bench/ws_load');
  const records = [];
  for (const w of workloads) {
    const name = `echo ${w.connections} conns, ${w.size} B, ${w.pipeline} in flight`;
    const rows = {};
    for (const server of servers) {
      const { child, port } = await start(root, server);
      const r = spawnSync(load, ['--port', String(port), '--server-pid', String(child.pid), '--connections', String(w.connections), '--size', String(w.size), '--pipeline', String(w.pipeline), '--seconds', '3', '--warmup', '1'], { encoding: 'utf8' });
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
      if (r.status !== 0) throw new Error(`ws_load against ${server.target} failed: ${r.stderr}`);
      rows[server.target] = JSON.parse(r.stdout.trim().split('\n').pop());
      const x = rows[server.target];
      log(`${name}: ${server.target.padEnd(8)} ${Math.round(x.echoes_per_server_cpu_second)} echoes per server CPU-second, ${Math.round(x.echoes_per_second)}/s, p50 ${x.p50_us} us, p99 ${x.p99_us} us`);
    }
    for (const server of servers) {
      const x = rows[server.target];
      const rec = {
        file: 'websocket.json',
        benchmark: name,
        target: server.target,
        echoes_per_server_cpu_second: Math.round(x.echoes_per_server_cpu_second),
        echoes_per_second: Math.round(x.echoes_per_second),
        server_cpu_seconds: x.server_cpu_seconds,
        p50_us: x.p50_us,
        p99_us: x.p99_us,
      };
      if (server.target === 'skirmish') {
        for (const base of ['uws.js', 'ws']) {
          const ratio = x.echoes_per_server_cpu_second / rows[base].echoes_per_server_cpu_second;
          rec[`ratio_vs_${base.replace('.', '')}`] = Number(ratio.toFixed(2));
          rec[`meets_${base.replace('.', '')}_goal`] = ratio >= goals[base].min;
        }
        rec.goal = `${goals['uws.js'].text}; ${goals.ws.text}`;
      }
      records.push(rec);
    }
  }
  return records;
}
