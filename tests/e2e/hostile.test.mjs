// A hostile relay (a Node ws server speaking broken protocol) against the
// page in Chromium: each case ends with a clear on-screen error, no page
// error, and a page that still answers (the menu button works).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import * as wire from '../../server-bridge/protocol/wire.mjs';
import { startStaticServer } from '../../scripts/static_server.mjs';
import { gamePage, launch, requireGameBuild, root } from './helpers.mjs';

const welcome = (room) =>
  wire.encode({ type: 'welcome', slot: 0, maxSlots: 2, tickHz: 30, inputDelay: 2, hashInterval: 30, startTick: 0, currentTick: 0,
    seed: 7n, room, token: new Uint8Array(16).fill(1), reconnectWindowS: 30, roster: [{ slot: 0, name: 'victim' }] });

// What the hostile relay sends after the client's hello, per room.
const scripts = {
  garbage: () => [Uint8Array.of(0xee, 1, 2, 3)],
  truncated: (room) => [welcome(room).subarray(0, 10)],
  early: () => [wire.encode({ type: 'bundle', tick: 5, presence: 1, inputs: [new Uint8Array(4)] })],
  skip: (room) => [welcome(room), wire.encode({ type: 'bundle', tick: 0, presence: 1, inputs: [new Uint8Array(4)] }),
    wire.encode({ type: 'bundle', tick: 9, presence: 1, inputs: [new Uint8Array(4)] })],
  text: () => ['{"hello":"json"}'],
  // Not hostile: a well-formed room whose relay reports a desync at tick 30.
  desync: (room) => {
    const w = wire.encode({ type: 'welcome', slot: 0, maxSlots: 2, tickHz: 30, inputDelay: 2, hashInterval: 30, startTick: 0, currentTick: 0,
      seed: 7n, room, token: new Uint8Array(16).fill(1), reconnectWindowS: 30, roster: [{ slot: 0, name: 'victim' }, { slot: 1, name: 'other' }] });
    const out = [w];
    for (let t = 0; t <= 40; t++) out.push(wire.encode({ type: 'bundle', tick: t, inputs: [new Uint8Array(4), new Uint8Array(4)] }));
    out.push(wire.encode({ type: 'desync', tick: 30, disagreeing: [0], reports: [{ slot: 0, hash: 1n }, { slot: 1, hash: 2n }] }));
    return out;
  },
};

describe('a hostile relay', () => {
  let server, wss, browser, endpoint;
  const seenHello = [];
  before(async () => {
    requireGameBuild();
    server = await startStaticServer({ root: `${root}/web` });
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((ok) => wss.once('listening', ok));
    endpoint = `ws://127.0.0.1:${wss.address().port}/ws`;
    wss.on('connection', (ws, req) => {
      const room = new URL(req.url, 'http://x').searchParams.get('room');
      ws.on('message', (data) => {
        let m;
        try {
          m = wire.decode(data);
        } catch {
          return;
        }
        if (m.type !== 'hello') return;
        seenHello.push(m);
        for (const out of scripts[room](room)) ws.send(out);
      });
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const c of wss?.clients ?? []) c.terminate();
    await new Promise((ok) => (wss ? wss.close(ok) : ok()));
    await server?.close();
  });

  const expectations = {
    garbage: /unknown|type|malformed|decode/i,
    truncated: /truncat|short|malformed|end/i,
    early: /before the welcome|welcome/i,
    skip: /skip|tick/i,
    text: /text/i,
  };
  for (const [room, pattern] of Object.entries(expectations)) {
    it(`${room}: a clear error on screen, the page keeps working`, async (t) => {
      const page = await gamePage(browser);
      await page.goto(`${server.url}/?name=victim&room=${room}&autojoin&relay=${encodeURIComponent(endpoint)}`);
      await page.waitForSelector('#problem:not([hidden])', { timeout: 15000 });
      const title = await page.textContent('#problem-title');
      const text = await page.textContent('#problem-text');
      t.diagnostic(`${title}: ${text}`);
      assert.equal(title, 'The relay broke the protocol');
      assert.match(text, pattern, `${title}: ${text}`);
      assert.ok(text.length > 12, 'a sentence, not a code');
      // Focus is on "Try again", and the page still runs: frames keep coming
      // and the menu button brings the lobby back.
      assert.equal(await page.evaluate(() => document.activeElement.id), 'retry');
      const t0 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      assert.ok(t0 > 0);
      await page.click('#problem-menu');
      await page.waitForSelector('#lobby:not([hidden])');
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  }

  it('a desync notice from the relay is shown, and the game goes on', async () => {
    const page = await gamePage(browser);
    await page.goto(`${server.url}/?name=victim&room=desync&autojoin&relay=${encodeURIComponent(endpoint)}`);
    await page.waitForSelector('#notice:not([hidden])', { timeout: 15000 });
    assert.match(await page.textContent('#notice'), /Out of sync: from tick 30 your game disagrees/);
    const h = await page.evaluate(() => globalThis.__skirmish.battle.hud);
    assert.deepEqual(h.desync, { tick: 30, mine: true, mask: 1 });
    assert.equal(h.phase, 'live');
    assert.ok(await page.isHidden('#problem'));
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  it('the client spoke the protocol first (a real hello, name and room)', () => {
    assert.ok(seenHello.length >= 6);
    assert.ok(seenHello.every((h) => h.version === 1 && typeof h.name === 'string'));
  });
});

describe('an unreachable relay', () => {
  let server, browser;
  before(async () => {
    requireGameBuild();
    server = await startStaticServer({ root: `${root}/web` });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says so in words while it retries, and the menu still works', async () => {
    const { closedPort } = await import('../browser/helpers.mjs');
    const port = await closedPort();
    const page = await gamePage(browser);
    await page.goto(`${server.url}/?room=nowhere&autojoin&relay=${encodeURIComponent(`ws://127.0.0.1:${port}/ws`)}`);
    await page.waitForSelector('#conn:not([hidden])', { timeout: 10000 });
    assert.match(await page.textContent('#conn'), /The relay is unreachable: could not reach the relay \(.*\); retrying, attempt \d/);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#lobby:not([hidden])');
    assert.ok(await page.isHidden('#conn'));
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
