// The game module (skirmish-game, wasm release and debug builds) under Node,
// without a page: a practice battle runs on the browser executor (animation
// frames fall back to a 60 Hz timer), its frames follow the layout the
// renderer reads, the input cells reach the simulation, leave() and delete()
// stop everything; and the page's pure helpers (names, relay URLs, angles).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadWasmModule } from '../../web/loader.mjs';
import { cleanName, relayEndpoint } from '../../web/game/battle.mjs';
import { toAngle16 } from '../../web/game/input.mjs';
import { F, decodeFrame } from '../../web/game/layout.mjs';

const builds = [
  ['wasm-release', new URL('../../build/wasm-release/web/skirmish-game.mjs', import.meta.url)],
  ['wasm-debug', new URL('../../build/wasm-debug/web/skirmish-game.mjs', import.meta.url)],
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [preset, url] of builds) {
  describe(`the game module (${preset}) under Node`, () => {
    it('plays practice against bots, frame by frame, and stops on leave', async () => {
      assert.ok(existsSync(url), `${url.pathname} is missing: build the ${preset} preset (npm test does)`);
      const mod = await loadWasmModule(url);
      const map = mod.arenaMap();
      assert.equal(map.tiles.length, map.columns * map.rows);
      assert.equal(map.tiles[0], '#'); // the border is wall
      const app = mod.BattleApp.practice({ name: 'node', bots: 3, maxSlots: 4, seed: 5, skill: 2 });
      const frames = [];
      const events = [];
      app.onFrame((f, ev) => {
        if (f.length) frames.push(decodeFrame(Float32Array.from(f)));
        events.push(...ev);
      });
      app.setAim(toAngle16(Math.PI / 2));
      app.setHeld(16); // fire
      await sleep(2500);
      const hud = app.hud();
      assert.equal(hud.phase, 'live');
      assert.equal(hud.practice, true);
      assert.equal(hud.roster.length, 4);
      assert.equal(hud.names, undefined); // names are the page's addition
      assert.ok(frames.length > 60, `frames: ${frames.length}`);
      const last = frames.at(-1);
      assert.equal(last.me, hud.slot);
      assert.equal(last.players.filter((p) => p.active).length, 4);
      assert.ok(frames.some((f) => f.alpha > 0 && f.alpha < 1), 'frames between ticks');
      assert.ok(events.some((e) => e.kind === 'joined'));
      assert.ok(events.some((e) => e.kind === 'phase'));
      assert.ok(last.players[hud.slot].aim > 1.4 && last.players[hud.slot].aim < 1.75, 'aim reached the sim');
      assert.ok(app.hashes().length >= 1);
      assert.match(app.stateHash(), /^[0-9a-f]{16}$/);
      app.leave();
      await sleep(200);
      assert.equal(app.finished(), true);
      assert.equal(app.hud().phase, 'ended');
      const seen = frames.length;
      app.delete();
      await sleep(200);
      assert.equal(frames.length, seen, 'no frames after delete');
    });
  });
}

describe('page helpers', () => {
  it('names are cleaned to 1-32 bytes of UTF-8 without control characters', () => {
    assert.equal(cleanName('  ann  '), 'ann');
    assert.equal(cleanName(''), 'player');
    assert.equal(cleanName('a\u0001b\u007f'), 'ab');
    const long = cleanName('😀'.repeat(20));
    assert.equal(new TextEncoder().encode(long).length, 32);
    assert.equal(long, '😀'.repeat(8));
  });
  it('relay addresses become WebSocket URLs at /ws', () => {
    assert.equal(relayEndpoint('127.0.0.1:9000'), 'ws://127.0.0.1:9000/ws');
    assert.equal(relayEndpoint('http://h:8080'), 'ws://h:8080/ws');
    assert.equal(relayEndpoint('https://x.y/'), 'wss://x.y/ws');
    assert.equal(relayEndpoint('ws://h:1/custom?x=1#y'), 'ws://h:1/custom');
    assert.throws(() => relayEndpoint('ftp://h/'), /ws:, wss:/);
    assert.equal(relayEndpoint(), 'ws://127.0.0.1:8080/ws'); // no page: the npm start default
  });
  it('aim angles: 0 right, a quarter turn down, wrapped to 16 bits', () => {
    assert.equal(toAngle16(0), 0);
    assert.equal(toAngle16(Math.PI / 2), 16384);
    assert.equal(toAngle16(-Math.PI / 2), 49152);
    assert.equal(toAngle16(Math.PI), 32768);
  });
  it('the frame layout has room for every slot and the pickups', () => {
    assert.equal(F.playersAt, F.headerSize);
    assert.equal(F.playerSize, 16);
    assert.equal(F.maxSlots, 8);
  });
});
