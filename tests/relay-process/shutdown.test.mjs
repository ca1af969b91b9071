// SIGTERM with 100 clients connected: every one gets close 1001 (after the
// shutting_down error), and the process exits 0 within 2 s.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { Client, join, play, startRelay, within, wire } from './harness.mjs';

test('SIGTERM: 100 clients get close 1001 and the relay exits 0 within 2 s', async () => {
  const relay = await startRelay(['--threads', '2']);
  const clients = [];
  for (let r = 0; r < 12; r++) {
    for (let p = 0; p < 8; p++) {
      const c = await join(relay.port, `drain${r}`, { name: `p${p}` });
      play(c);
      clients.push(c);
    }
  }
  for (let s = 0; s < 4; s++) clients.push(await join(relay.port, `drain${s}`, { name: `s${s}`, spectator: true }));
  assert.equal(clients.length, 100);
  // And two connections that never finish their request head: they must not hold the drain up.
  const stalled = [net.connect(relay.port, '127.0.0.1'), net.connect(relay.port, '127.0.0.1')];
  for (const s of stalled) s.on('error', () => {});
  await Promise.all(clients.map((c) => c.bundleAtLeast(c.welcomeMsg.currentTick + 3)));

  const sent = performance.now();
  relay.proc.kill('SIGTERM');
  const { code, signal } = await within(5000, relay.exited, 'the relay exiting');
  const ms = performance.now() - sent;
  console.log(`# drain of 100 clients took ${ms.toFixed(0)} ms`);
  assert.equal(code, 0, relay.stderr());
  assert.equal(signal, null);
  assert.ok(ms < 2000, `exited after ${ms.toFixed(0)} ms`);
  for (const c of clients) {
    const closed = await within(2000, c.closed, 'a client closed');
    assert.equal(closed.code, 1001);
    assert.equal(c.errors.at(-1)?.code, wire.ErrorCode.shutting_down);
  }
  for (const s of stalled) s.destroy();
  assert.match(relay.stderr(), /msg="draining" signal=SIGTERM/);
  assert.match(relay.stderr(), /msg="stopped"/);
});

test('SIGINT drains the same way', async () => {
  const relay = await startRelay([]);
  const c = await join(relay.port, 'int', { name: 'a' });
  relay.proc.kill('SIGINT');
  const { code } = await within(5000, relay.exited, 'the relay exiting');
  assert.equal(code, 0);
  assert.equal((await c.closed).code, 1001);
});
