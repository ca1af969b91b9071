#!/usr/bin/env node
// Runs every test suite of the project in order and prints a summary:
// `npm test` (after setup). `npm test -- <word>` runs only the steps whose
// name contains the word.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jobs = '2';

const nodeTests = (dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => join(dir, f));

const ctest = (preset) => ['ctest', ['--preset', preset, '-j', jobs]];

// Each step: a name, what it proves, and the command.
const steps = [
  { name: 'native-debug', what: 'doctest suites, g++ -O0 with ASan + UBSan and misuse checks', cmd: ctest('native-debug') },
  { name: 'native-release', what: 'doctest suites, g++ -O2', cmd: ctest('native-release') },
  {
    name: 'native-tsan',
    what: 'the threaded native-driver suites (inbox, worker_pool) under ThreadSanitizer',
    cmd: [join(root, 'build', 'native-tsan', 'tests', 'runtime', 'epoll_tests'), ['--test-suite=inbox,worker_pool']],
  },
  { name: 'wasm-debug', what: 'doctest suites compiled to wasm -O0, under Node', cmd: ctest('wasm-debug') },
  { name: 'wasm-release', what: 'doctest suites compiled to wasm -O2, under Node', cmd: ctest('wasm-release') },
  { name: 'node-wasm', what: 'node:test against the wasm builds', cmd: ['node', ['--test', ...nodeTests('tests/node')]] },
  { name: 'fuzz', what: 'libFuzzer targets (clang, ASan + UBSan) from their seed corpora, 20 s each', cmd: ['node', ['tests/fuzz/run.mjs', '--seconds', '20']] },
  {
    name: 'node-browser-driver',
    what: 'the browser driver under Node (wasm debug, release, debug + ASan), web/ packed with npm pack',
    cmd: ['node', ['--test', 'tests/browser/driver.node.test.mjs', 'tests/browser/package.node.test.mjs']],
  },
  {
    name: 'ws-conformance',
    what: 'WebSocket conformance (Autobahn groups 1-7, 9 scaled, 10, handshake) against skirmish-echo-server, raw sockets',
    cmd: ['node', ['tests/conformance/run.mjs', '--quiet']],
  },
  {
    name: 'ws-interop',
    what: 'WebSocket interop: ws client and Chromium against our server, our client against a ws server; 1,000 stalled handshakes',
    cmd: ['node', ['--test', 'tests/ws-server/interop.test.mjs', 'tests/ws-server/robustness.test.mjs', 'tests/ws-server/chromium.test.mjs']],
  },
  {
    name: 'relay-process',
    what: 'skirmish-relay (native-release) as a process with ws clients and Chromium: lockstep rooms, workers and hand-offs, hostile input, limits, HTTP, drain, memory',
    cmd: ['node', ['--test', ...nodeTests('tests/relay-process')]],
  },
  {
    name: 'relay-tsan',
    what: 'skirmish-relay built with ThreadSanitizer: multi-room, hand-off and matchmaking on 4 workers; /metrics gathering; the drain',
    cmd: ['node', ['--test', 'tests/relay-process/workers.test.mjs', 'tests/relay-process/http.test.mjs', 'tests/relay-process/shutdown.test.mjs']],
    env: {
      SKIRMISH_RELAY_BIN: join(root, 'build', 'native-tsan', 'server-bridge', 'relay', 'skirmish-relay'),
      SKIRMISH_RELAY_TSAN: '1',
      TSAN_OPTIONS: 'halt_on_error=1 exitcode=66',
    },
  },
  {
    name: 'bot-client',
    what: 'skirmish-bot against a relay process: two bot processes agree on every hash; unreachable, refused, full, hostile',
    cmd: ['node', ['--test', 'tests/bot-client/bot_client.test.mjs']],
  },
  {
    name: 'relay-bench-parts',
    what: 'the relay benchmark\'s ws and uWS.js baselines speak the protocol (bot hashes agree, bad_message 4001); relay_load\'s exact counts on all three relays',
    cmd: ['node', ['--test', 'tests/bench/relay_baselines.test.mjs']],
  },
  {
    name: 'chromium-browser-driver',
    what: 'the browser driver in headless Chromium: frames while busy, WebSocket, rejections, demo, package',
    cmd: ['node', ['--test', 'tests/browser/driver.chromium.test.mjs']],
  },
  {
    name: 'chromium-game',
    what: 'the game in headless Chromium: practice offline (keyboard, touch, pixel-checked screenshots), hostile and unreachable relays, the end screen, the packed embedding API; through the real relay two pages, a spectator, a cut connection, a reload, page bots and a native bot agree on every hash',
    cmd: ['node', ['--test', '--test-concurrency=1', ...nodeTests('tests/e2e')]],
  },
];

const filter = process.argv[2];
const selected = filter ? steps.filter((s) => s.name.includes(filter)) : steps;
const results = [];
for (const s of selected) {
  process.stdout.write(`\n== ${s.name}: ${s.what}\n`);
  const started = Date.now();
  const r = spawnSync(s.cmd[0], s.cmd[1], { cwd: root, stdio: 'inherit', env: { ...process.env, ...s.env } });
  results.push({ ...s, ok: r.status === 0, seconds: (Date.now() - started) / 1000 });
}

process.stdout.write('\n== summary\n');
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  process.stdout.write(`${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(width)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.what}\n`);
}
const failed = results.filter((r) => !r.ok);
process.stdout.write(failed.length ? `\n${failed.length} step(s) failed\n` : '\nall tests passed\n');
process.exit(failed.length ? 1 : 0);
