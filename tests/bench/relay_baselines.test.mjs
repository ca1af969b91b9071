// The relay benchmark's parts, checked for correctness (not speed): the
// baseline relays on Node `ws` and uWebSockets.js speak the same lockstep
// protocol as skirmish-relay (skirmish-bot processes agree on every hash
// through them; a malformed message gets bad_message and close 4001 while the
// room goes on), and the load generator's exact counts hold against each of
// the three relays (every tick delivered once, every input back as sent).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { decode, encode } from '../../server-bridge/protocol/wire.mjs';
import { root, runBot, startRelay } from '../bot-client/relay_process.mjs';

const relayLoad = join(root, 'build/native-release/bench/relay_load');

function runLoad(args) {
  return new Promise((ok, fail) => {
    if (!existsSync(relayLoad)) return fail(new Error(`${relayLoad} is not built`));
    const child = spawn(relayLoad, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('close', (code) => (code === 0 ? ok(JSON.parse(out.trim().split('\n').pop())) : fail(new Error(`relay_load failed (${code}): ${err}`))));
  });
}

const messages = (ws) => {
  const got = [];
  ws.on('message', (data) => got.push(decode(new Uint8Array(data))));
  return got;
};
const opened = (ws) => new Promise((ok, fail) => (ws.once('open', ok), ws.once('error', fail)));
const closed = (ws) => new Promise((ok) => ws.once('close', (code) => ok(code)));
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

for (const kind of ['ws', 'uws']) {
  test(`the ${kind} baseline relay: two skirmish-bot processes agree on every hash`, async () => {
    const relay = await startRelay(kind);
    try {
      const common = ['--url', relay.url, '--room', `base${kind}`, '--ticks', '100'];
      const [a, b] = await Promise.all([runBot([...common, '--name', 'ann']), runBot([...common, '--name', 'bob'])]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const hb = new Map(b.events.filter((e) => e.event === 'hash').map((e) => [e.tick, e.hash]));
      const shared = a.events.filter((e) => e.event === 'hash' && hb.has(e.tick));
      assert.ok(shared.length >= 3, `${shared.length} shared hash ticks`);
      for (const e of shared) assert.equal(e.hash, hb.get(e.tick), `tick ${e.tick}`);
    } finally {
      await relay.stop();
    }
  });

  test(`the ${kind} baseline relay: a malformed message gets bad_message and 4001; the room goes on`, async () => {
    const relay = await startRelay(kind);
    try {
      const good = new WebSocket(`${relay.url}?room=mixed`);
      const bad = new WebSocket(`${relay.url}?room=mixed`);
      const goodGot = messages(good);
      const badGot = messages(bad);
      await Promise.all([opened(good), opened(bad)]);
      good.send(encode({ type: 'hello', room: 'mixed', name: 'good' }));
      bad.send(encode({ type: 'hello', room: 'mixed', name: 'bad' }));
      await sleep(200);
      const badClosed = closed(bad);
      bad.send(Buffer.from([0x02, 0x01]));  // an input cut short
      assert.equal(await badClosed, 4001);
      const error = badGot.find((m) => m.type === 'error');
      assert.equal(error?.code, 1);
      const before = goodGot.filter((m) => m.type === 'bundle').length;
      await sleep(300);
      assert.ok(goodGot.filter((m) => m.type === 'bundle').length >= before + 5, 'bundles keep coming to the other player');
      assert.ok(goodGot.some((m) => m.type === 'player_left' && m.name === 'bad'));
      good.close(1000);
      await closed(good);
    } finally {
      await relay.stop();
    }
  });
}

for (const kind of ['skirmish', 'ws', 'uws']) {
  test(`relay_load against the ${kind} relay: every tick once, every input back as sent`, async () => {
    const relay = await startRelay(kind);
    try {
      const pid = relay.pid;
      const r = await runLoad(['--port', String(relay.port), '--server-pid', String(pid), '--rooms', '3', '--players', '8', '--warmup', '1', '--seconds', '1']);
      assert.equal(r.clients, 24);
      assert.ok(r.bundles > 24 * 20, `bundles: ${r.bundles}`);
      assert.equal(r.missing_ticks, 0);
      assert.equal(r.repeated_ticks, 0);
      assert.equal(r.inputs_wrong, 0);
      assert.equal(r.total_missing_ticks, 0);
      // Every input sent comes back once per player of its room, or empty
      // when it missed its tick (on a loaded machine a few may).
      assert.ok(r.inputs_delivered + r.inputs_late > 0);
      assert.ok(r.inputs_delivered >= 0.5 * (r.inputs_delivered + r.inputs_late), JSON.stringify(r));
      assert.ok(r.server_cpu_seconds >= 0);
    } finally {
      await relay.stop();
    }
  });
}
