// What an idle connection costs the relay: open WebSockets (upgraded, no
// hello yet) and spectators sitting in rooms, measured as the relay's RSS
// growth per connection. The target is at most 4 KiB each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { Client, sleep, startRelay, within, wire } from './harness.mjs';

const count = Number(process.env.SKIRMISH_IDLE_CONNECTIONS ?? 2000);

async function openMany(port, n, query = '') {
  const out = [];
  // note: in batches, so the listen backlog never overflows.
  for (let i = 0; i < n; i += 100) {
    const batch = [];
    for (let k = i; k < Math.min(n, i + 100); k++) {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { perMessageDeflate: false });
      ws.on('error', () => {});
      batch.push(new Promise((resolve, reject) => { ws.once('open', () => resolve(ws)); ws.once('error', reject); }));
    }
    out.push(...(await within(20000, Promise.all(batch), 'a batch of connections')));
  }
  return out;
}

async function settledRss(relay) {
  await sleep(300);
  return relay.rssKiB();
}

test(`${count} idle connections cost at most 4 KiB of relay memory each`, async () => {
  const relay = await startRelay(['--threads', '2', '--hello-timeout', '300', '--idle-timeout', '0']);
  try {
    // Warm up: the first connections pay for the allocator's arenas and the
    // workers' first frames, which are no one connection's cost.
    const warm = await openMany(relay.port, 200);
    for (const ws of warm) ws.terminate();
    await sleep(300);
    const before = await settledRss(relay);
    const sockets = await openMany(relay.port, count);
    const after = await settledRss(relay);
    const perConnection = ((after - before) * 1024) / count;
    console.log(`# ${count} idle connections (upgraded, before hello): RSS ${before} -> ${after} KiB, ${perConnection.toFixed(0)} bytes each`);
    assert.ok(perConnection <= 4096, `${perConnection.toFixed(0)} bytes per idle connection`);

    // The same connections as spectators of rooms (room=auto spreads them):
    // a welcome and history went through each queue, which must be given back.
    for (const ws of sockets) ws.send(wire.encode({ type: 'hello', room: `idle${sockets.indexOf(ws) % 20}`, name: 's', spectator: true }));
    await sleep(1500);
    const joined = await settledRss(relay);
    console.log(`# as spectators of 20 rooms: RSS ${joined} KiB, ${(((joined - before) * 1024) / count).toFixed(0)} bytes each`);
    for (const ws of sockets) ws.terminate();
  } finally {
    const r = await relay.stop();
    assert.equal(r.code, 0, relay.stderr());
  }
});
