// Shared by the browser driver's Node and Chromium tests: where the builds
// of the runtime module are, deferred promises, a seeded shuffle, and a ws
// echo server.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

export const root = fileURLToPath(new URL('../..', import.meta.url));

// The runtime module of a wasm preset's build (or another module of it, such
// as skirmish-runtime-asan): its URL, and its path from the repo root.
export function runtimeBuild(preset, name = 'skirmish-runtime') {
  const path = `build/${preset}/web/${name}.mjs`;
  const url = new URL(`../../${path}`, import.meta.url);
  if (!existsSync(url)) throw new Error(`${path} is missing: build the ${preset} preset first (npm test does)`);
  return { preset, url, path };
}

export function deferred() {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// A deterministic permutation of 0..n-1 (mulberry32 + Fisher-Yates).
export function shuffled(n, seed = 1) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

// Lets pending promise reactions and one round of macrotasks run.
export const settle = () => new Promise((r) => setImmediate(r));

// Resolves with 'settled' or 'pending' after `ms`: a promise must not stay pending.
export function settledWithin(promise, ms) {
  const outcome = promise.then(
    () => 'settled',
    () => 'settled',
  );
  return Promise.race([outcome, new Promise((r) => setTimeout(() => r('pending'), ms))]);
}

// A WebSocket echo server on a free port of 127.0.0.1: every message goes
// back as it came (binary stays binary, text stays text).
export async function startEchoServer() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((ok) => wss.once('listening', ok));
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  return {
    url: `ws://127.0.0.1:${wss.address().port}`,
    close: () =>
      new Promise((ok) => {
        for (const c of wss.clients) c.terminate();
        wss.close(ok);
      }),
  };
}

// A port on 127.0.0.1 that nothing listens on (it was free a moment ago).
export async function closedPort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

// `npm pack`s web/ (the release build must be in web/dist) and installs the
// tarball as <dir>/node_modules/@skirmish/web, the way a consumer gets it.
// Resolves with the packed file list.
export async function installPackedWeb(dir) {
  const { execFileSync } = await import('node:child_process');
  const { mkdirSync, renameSync } = await import('node:fs');
  const { join } = await import('node:path');
  const out = execFileSync('npm', ['pack', join(root, 'web'), '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [info] = JSON.parse(out);
  const scope = join(dir, 'node_modules', '@skirmish');
  mkdirSync(scope, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, info.filename), '-C', scope]);
  renameSync(join(scope, 'package'), join(scope, 'web'));
  return info.files.map((f) => f.path).sort();
}
