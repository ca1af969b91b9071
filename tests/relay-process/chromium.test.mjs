// A browser against the relay: headless Chromium (playwright-core, the
// system's /usr/bin/chromium) loads a page and its ES modules from the
// relay's static files, opens the game's WebSocket on the same port, joins
// a room with the protocol's own codec and plays a few ticks beside a Node
// player; a second relay with an Origin allow-list turns the page away.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { join, play, root, startRelay, within } from './harness.mjs';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir;
let browser;
before(async () => {
  dir = mkdtempSync(joinPath(tmpdir(), 'skirmish-page-'));
  copyFileSync(joinPath(root, 'server-bridge', 'protocol', 'wire.mjs'), joinPath(dir, 'wire.mjs'));
  writeFileSync(joinPath(dir, 'index.html'), '<!doctype html><title>relay test</title><script type="module" src="app.mjs"></script>');
  // The page: hello, welcome, then an input for every bundle until tick `upTo`.
  writeFileSync(joinPath(dir, 'app.mjs'), `
import * as wire from './wire.mjs';
window.play = (room, ticks) => new Promise((resolve, reject) => {
  const ws = new WebSocket(\`ws://\${location.host}/ws?room=\${room}\`);
  ws.binaryType = 'arraybuffer';
  const seen = [];
  let welcome;
  ws.onerror = () => reject(new Error('WebSocket error'));
  ws.onclose = (e) => reject(new Error('closed ' + e.code));
  ws.onopen = () => ws.send(wire.encode({ type: 'hello', room, name: 'browser' }));
  ws.onmessage = (e) => {
    const m = wire.decode(new Uint8Array(e.data));
    if (m.type === 'welcome') welcome = m;
    if (m.type !== 'bundle') return;
    seen.push({ tick: m.tick, inputs: m.inputs.map((p) => (p ? [...p] : null)) });
    ws.send(wire.encode({ type: 'input', tick: m.tick + welcome.inputDelay + 1, payload: Uint8Array.of(welcome.slot, 7) }));
    if (seen.length === ticks) {
      ws.onclose = null;
      ws.close(1000);
      resolve({ slot: welcome.slot, room: welcome.room, seen });
    }
  };
});
window.ready = true;
`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('Chromium loads the page from the relay and plays in a room with a Node player', async () => {
  const relay = await startRelay(['--threads', '2', '--web-root', dir]);
  try {
    const node = await join(relay.port, 'mixed', { name: 'node' });
    play(node);
    const page = await browser.newPage();
    await page.goto(relay.url);
    await page.waitForFunction(() => window.ready === true);
    const got = await within(20000, page.evaluate(() => window.play('mixed', 40)), 'the page playing 40 ticks');
    assert.equal(got.room, 'mixed');
    assert.equal(got.slot, 1);
    // The browser saw exactly what the Node player saw, tick for tick.
    const last = got.seen.at(-1).tick;
    await node.bundleAtLeast(last);
    const nodeSeen = node.bundles.filter((b) => b.tick >= got.seen[0].tick && b.tick <= last).map((b) => ({ tick: b.tick, inputs: b.inputs.map((p) => (p ? [...p] : null)) }));
    assert.deepEqual(got.seen, nodeSeen);
    // And the browser's inputs reached the room.
    assert.ok(node.bundles.some((b) => b.inputs[1]?.length === 2 && b.inputs[1][1] === 7), 'an input from the browser');
    await page.close();
    node.close();
  } finally {
    assert.equal((await relay.stop()).code, 0);
  }
});

test('an Origin allow-list without the page turns its WebSocket away with 403', async () => {
  const relay = await startRelay(['--web-root', dir, '--origin', 'https://skirmish.example']);
  try {
    const page = await browser.newPage();
    await page.goto(relay.url);
    await page.waitForFunction(() => window.ready === true);
    const outcome = await within(20000, page.evaluate(() => window.play('guarded', 5).then(() => 'joined', (e) => e.message)), 'the refused page');
    assert.match(outcome, /WebSocket error|closed 1006/);
    await page.close();
  } finally {
    assert.equal((await relay.stop()).code, 0);
  }
});
