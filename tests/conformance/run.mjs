#!/usr/bin/env node
// The conformance suite: starts skirmish-echo-server twice (plain, and with
// 1300-byte auto-fragmentation), runs every case against it over raw
// sockets, prints a table (case, description, expected, got, pass) and
// writes tests/conformance/out/report.json and report.md.
// Usage: node tests/conformance/run.mjs [--preset native-release] [--only 6.] [--quiet]
// Exits 1 if any case failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEchoServer, root } from '../ws-server/echo_process.mjs';
import { autoFragment, buildCases, handshakeCases, maxMessage } from './cases.mjs';
import { RawClient, closePayload, encodeFrame, op, rawHttp } from './raw_client.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const preset = opt('--preset', 'native-release');
const only = opt('--only', '');
const quiet = args.includes('--quiet');
const concurrency = 8;
// A guard against a hang, never a measure: every case ends long before.
const caseLimitMs = 20000;

const opName = (o) => ({ 1: 'text', 2: 'binary' })[o] ?? `op${o}`;
const describe = ({ messages, pongs, close }) =>
  `${messages} msg, ${pongs} pong, close ${Array.isArray(close) ? close.join('|') : close ?? 'none'}`;

function withLimit(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: nothing after ${ms / 1000} s`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

async function runCase(k, port) {
  let c;
  const problems = [];
  try {
    c = await RawClient.open(port, k.open ?? {});
    await k.steps(c);
    if (!k.fail && !c.sentClose) await c.send({ opcode: op.close, payload: closePayload(1000) });
    await withLimit(c.ended(), caseLimitMs, 'waiting for the server to close');
  } catch (e) {
    problems.push(e.message);
  } finally {
    c?.destroy();
  }
  const messages = c ? c.messages() : [];
  const pongs = c ? c.events.filter((e) => e.type === 'pong') : [];
  const got = { messages: messages.length, pongs: pongs.length, close: c?.closeCode };
  const want = k.expect;
  if (messages.length !== want.messages.length) problems.push(`${messages.length} messages, expected ${want.messages.length}`);
  else {
    const bad = want.messages.findIndex(([o, data], i) => messages[i].op !== o || !messages[i].data.equals(data));
    if (bad >= 0) problems.push(`message ${bad} differs (${opName(messages[bad].op)}, ${messages[bad].data.length} B)`);
  }
  if (pongs.length !== want.pongs.length || want.pongs.some((p, i) => !pongs[i].data.equals(p))) problems.push('pongs differ');
  if (!want.close.includes(c?.closeCode)) problems.push(`close ${c?.closeCode ?? 'none'}, expected ${want.close.join('|')}`);
  if (c && !c.eof) problems.push('the server did not close the TCP connection');
  if (c?.violations.length) problems.push(...new Set(c.violations));
  if (k.check && c) {
    const why = k.check(c);
    if (why) problems.push(why);
  }
  return {
    id: k.id,
    group: k.group,
    description: k.desc,
    expected: describe({ messages: want.messages.length, pongs: want.pongs.length, close: want.close }),
    got: describe(got),
    pass: problems.length === 0,
    problems,
  };
}

async function runHandshake([id, desc, request, status], port) {
  const problems = [];
  let got = 'nothing';
  try {
    const r = await withLimit(rawHttp(port, request), caseLimitMs, 'waiting for the response');
    got = `HTTP ${r.status}`;
    if (r.status !== status) problems.push(`status ${r.status}, expected ${status}`);
    if (status !== 101 && !r.closedByServer) problems.push('the server did not close the connection');
    if (status === 101 && /sec-websocket-extensions/i.test(r.head)) problems.push('an extension was accepted');
  } catch (e) {
    problems.push(e.message);
  }
  return { id, group: 'H Opening Handshake', description: desc, expected: `HTTP ${status}`, got, pass: problems.length === 0, problems };
}

// Frames sent in the same write as the request head must be read as frames.
async function pipelinedCase(port) {
  const frames = Buffer.concat([
    encodeFrame({ opcode: op.text, payload: Buffer.from('early') }),
    encodeFrame({ opcode: op.close, payload: closePayload(1000) }),
  ]);
  const k = {
    id: 'H.8',
    group: 'H Opening Handshake',
    desc: 'frames in the same TCP write as the upgrade request',
    open: { pipelined: frames },
    steps: async (c) => {
      c.sentClose = true;
    },
    expect: { messages: [[op.text, Buffer.from('early')]], pongs: [], close: [1000] },
  };
  return runCase(k, port);
}

async function pool(items, worker) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await worker(items[i]);
      }
    }),
  );
  return results;
}

const started = Date.now();
const serverArgs = ['--max-message', String(maxMessage), '--close-timeout-ms', '2000'];
const plain = await startEchoServer(serverArgs, { preset });
const fragmenting = await startEchoServer([...serverArgs, '--max-frame', String(autoFragment)], { preset });
let results;
try {
  const cases = buildCases().filter((k) => k.id.startsWith(only));
  results = await pool(cases, (k) => runCase(k, k.server === 'fragmenting' ? fragmenting.port : plain.port));
  if ('H.'.startsWith(only) || only.startsWith('H')) {
    for (const h of handshakeCases(plain.port)) results.push(await runHandshake(h, plain.port));
    results.push(await pipelinedCase(plain.port));
  }
} finally {
  const codes = [await plain.stop(), await fragmenting.stop()];
  if (codes.some((c) => c !== 0)) {
    console.error(`echo server exit codes on SIGTERM: ${codes.join(', ')}\n${plain.stderr()}${fragmenting.stderr()}`);
    process.exitCode = 1;
  }
}

const width = (key, max) => Math.min(max, Math.max(key.length, ...results.map((r) => String(r[key]).length)));
const cols = [
  ['id', 12],
  ['description', 70],
  ['expected', 28],
  ['got', 28],
];
const cell = (v, w) => (String(v).length > w ? String(v).slice(0, w - 1) + '…' : String(v).padEnd(w));
const lines = [cols.map(([k, m]) => cell(k, width(k, m))).join('  ') + '  pass'];
for (const r of results) {
  if (quiet && r.pass) continue;
  lines.push(cols.map(([k, m]) => cell(r[k], width(k, m))).join('  ') + `  ${r.pass ? 'yes' : 'NO: ' + r.problems.join('; ')}`);
}
const byGroup = new Map();
for (const r of results) {
  const g = byGroup.get(r.group) ?? { passed: 0, run: 0 };
  g.run++;
  if (r.pass) g.passed++;
  byGroup.set(r.group, g);
}
const passed = results.filter((r) => r.pass).length;
console.log(lines.join('\n'));
console.log('\ngroup                         passed / run');
for (const [g, { passed: p, run }] of byGroup) console.log(`${g.padEnd(30)}${String(p).padStart(6)} / ${run}`);
console.log(`${'all'.padEnd(30)}${String(passed).padStart(6)} / ${results.length}   (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const out = join(root, 'tests', 'conformance', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'report.json'), JSON.stringify({ passed, run: results.length, groups: Object.fromEntries(byGroup), results }, null, 2) + '\n');
const md = [
  '# WebSocket conformance report',
  '',
  `${passed} of ${results.length} cases passed against skirmish-echo-server (${preset}).`,
  '',
  '| group | passed | run |',
  '|---|---|---|',
  ...[...byGroup].map(([g, { passed: p, run }]) => `| ${g} | ${p} | ${run} |`),
  '',
  '| case | description | expected | got | pass |',
  '|---|---|---|---|---|',
  ...results.map((r) => `| ${r.id} | ${r.description.replace(/\|/g, '\\|')} | ${r.expected} | ${r.got} | ${r.pass ? 'yes' : 'no: ' + r.problems.join('; ')} |`),
  '',
];
writeFileSync(join(out, 'report.md'), md.join('\n'));
console.log(`wrote tests/conformance/out/report.json and report.md`);
if (passed !== results.length) process.exitCode = 1;
