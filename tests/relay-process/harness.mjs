// The harness of the relay-process tests: starts a real skirmish-relay on a
// free port, speaks the wire protocol (server-bridge/protocol/wire.mjs) over
// real `ws` clients, and reads /metrics. SKIRMISH_RELAY_BIN picks the binary
// (the relay-tsan step points it at the ThreadSanitizer build).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as wire from '../../server-bridge/protocol/wire.mjs';

export { wire };
export const root = joinPath(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const relayBin =
  process.env.SKIRMISH_RELAY_BIN ?? joinPath(root, 'build', 'native-release', 'server-bridge', 'relay', 'skirmish-relay');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Resolves with `promise`, or rejects after `ms` saying what was awaited.
export function within(ms, promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

// FNV-1a of the room id modulo the workers: the relay's owner_of (room_owner.hpp).
export function ownerOf(room, workers) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(room, 'utf8')) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return workers <= 1 ? 0 : Number(h % BigInt(workers));
}

// Room ids, `perWorker` of them owned by each of `workers` workers.
export function roomsPerWorker(prefix, workers, perWorker) {
  const out = [];
  const count = new Array(workers).fill(0);
  for (let i = 0; out.length < workers * perWorker; i++) {
    const id = `${prefix}${i}`;
    const w = ownerOf(id, workers);
    if (count[w] < perWorker) {
      count[w]++;
      out.push(id);
    }
  }
  return out;
}

// Relays still running when this process ends (a test that failed or was
// cut short) are killed with it, so none is left behind.
const running = new Set();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const p of running) p.kill('SIGKILL');
    process.exit(1);
  });
}

// A running relay: { port, url, proc, stderr(), rssKiB(), stop(signal) }.
export async function startRelay(args = [], { env = {} } = {}) {
  if (!existsSync(relayBin)) throw new Error(`${relayBin} is not built`);
  const proc = spawn(relayBin, ['--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  proc.stderr.on('data', (d) => (stderr += d));
  running.add(proc);
  const exited = new Promise((resolve) =>
    proc.on('exit', (code, signal) => {
      running.delete(proc);
      resolve({ code, signal });
    }),
  );
  // A relay that dies on its own is the most important thing a failing test can say.
  exited.then(({ code, signal }) => {
    if (!relay?.stopping && (code !== 0 || signal)) console.error(`# relay ${relayBin} died: code ${code} signal ${signal}\n${stderr}`);
  });
  let relay;
  const port = await within(
    20000,
    new Promise((resolve, reject) => {
      proc.stdout.on('data', (d) => {
        stdout += d;
        const m = /open (http:\/\/[^\s]+:(\d+)\/)/.exec(stdout);
        if (m) resolve(Number(m[2]));
      });
      exited.then(({ code }) => reject(new Error(`relay exited (${code}) before listening:\n${stderr}`)));
    }),
    'the relay printing its URL',
  );
  relay = {
    stopping: false,
    port,
    url: `http://127.0.0.1:${port}/`,
    proc,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    rssKiB() {
      const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return exited;
      relay.stopping = true;
      proc.kill(signal);
      return within(10000, exited, 'the relay exiting');
    },
  };
  return relay;
}

// /metrics as { name: [value of worker 0, worker 1, ...] } (counters summed per name and worker).
export async function metrics(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^skirmish_relay_([a-z_]+)\{worker="(\d+)"[^}]*\} (\S+)$/.exec(line);
    if (!m) continue;
    (out[m[1]] ??= [])[Number(m[2])] = (out[m[1]]?.[Number(m[2])] ?? 0) + Number(m[3]);
  }
  return out;
}

export const sum = (xs) => xs.reduce((a, b) => a + b, 0);

// One protocol client over a real `ws` connection. Every message is decoded
// and kept; waiters pick what they need.
export class Client {
  static async open(port, { room, origin, query, readable = true } = {}) {
    const q = query ?? (room ? `?room=${encodeURIComponent(room)}` : '');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${q}`, { headers: origin ? { Origin: origin } : {}, perMessageDeflate: false });
    const c = new Client(ws);
    await within(10000, c.opened, 'the WebSocket opening');
    if (!readable) ws._socket.pause();
    return c;
  }

  constructor(ws) {
    this.ws = ws;
    this.messages = [];
    this.bundles = []; // { tick, inputs } from history and live bundles, in order
    this.errors = [];
    this.waiters = [];
    this.decodeErrors = [];
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return;
      let m;
      try {
        m = wire.decode(data);
      } catch (e) {
        this.decodeErrors.push(e);
        return;
      }
      m.at = performance.now();
      this.messages.push(m);
      if (m.type === 'bundle') this.bundles.push({ tick: m.tick, inputs: m.inputs });
      if (m.type === 'history') for (const b of m.bundles) this.bundles.push(b);
      if (m.type === 'error') this.errors.push(m);
      this.waiters = this.waiters.filter((w) => !w(m));
    });
  }

  send(msg) {
    const bytes = wire.encode(msg);
    this.sent = (this.sent ?? 0) + 1;
    this.sentBytes = (this.sentBytes ?? 0) + bytes.length;
    this.ws.send(bytes);
  }
  sendRaw(bytes) {
    this.ws.send(bytes, { binary: true });
  }

  // The first message (already received or still to come) that `pred` accepts.
  next(pred, what, ms = 5000) {
    const have = this.messages.find(pred);
    if (have) return Promise.resolve(have);
    return within(
      ms,
      new Promise((resolve) => this.waiters.push((m) => (pred(m) ? (resolve(m), true) : false))),
      what,
    );
  }
  welcome(ms) {
    return this.next((m) => m.type === 'welcome' || m.type === 'error', 'welcome', ms).then((m) => {
      if (m.type === 'error') throw new Error(`refused: ${wire.errorName(m.code)} ${m.reason}`);
      return m;
    });
  }
  bundleAtLeast(tick, ms = 5000) {
    return this.next((m) => (m.type === 'bundle' && m.tick >= tick) || (m.type === 'history' && m.firstTick + m.bundles.length - 1 >= tick), `bundle ${tick}`, ms);
  }

  async hello(fields) {
    this.send({ type: 'hello', name: 'p', room: 'auto', ...fields });
    return this.welcome();
  }

  close() {
    this.ws.terminate();
  }
}

// Makes `c` a well-behaved player: for every bundle of tick t it sends its
// input for t + delay + 1 (payload(slot, tick)), until c.stopPlaying().
// c.sent counts every protocol message it sent.
export function play(c, payload = (slot, tick) => [slot, tick & 0xff]) {
  const slot = c.welcomeMsg.slot;
  const delay = c.welcomeMsg.inputDelay;
  let last = -1;
  let on = true;
  c.stopPlaying = () => (on = false);
  c.ws.on('message', (data, isBinary) => {
    if (!on || !isBinary || data[0] !== wire.MessageType.bundle) return;
    const tick = data.readUInt32LE(1) + delay + 1;
    if (tick <= last || c.ws.readyState !== 1) return;
    last = tick;
    c.send({ type: 'input', tick, payload: Uint8Array.from(payload(slot, tick)) });
  });
}

// Opens a player in `room` and waits for its welcome.
export async function join(port, room, { name = 'p', query, spectator = false } = {}) {
  const c = await Client.open(port, { query: query ?? `?room=${encodeURIComponent(room)}` });
  c.welcomeMsg = await c.hello({ room, name, spectator });
  return c;
}
