// The game in the browser: the wasm game module's size (raw and gzipped,
// against the 200 KiB gzipped target), the time from navigation to the
// first frame of a practice battle in Chromium on localhost, and frames per
// second with 8 players of which 7 are bots. The Chromium figures come with a
// baseline from the same browser in the same run: navigation to the first
// animation frame of a blank page, and the frame rate of an empty
// requestAnimationFrame loop (the display's pace, which the game should keep).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/static_server.mjs';

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run({ root, log }) {
  const dist = join(root, 'web', 'dist');
  const wasmPath = join(dist, 'skirmish-game.wasm');
  if (!existsSync(wasmPath)) throw new Error(`${wasmPath} is missing: build the wasm-release preset first`);
  const records = [];

  for (const [file, what] of [['skirmish-game.wasm', 'wasm'], ['skirmish-game.mjs', 'js loader']]) {
    const bytes = readFileSync(join(dist, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    const rec = { file: 'game.json', benchmark: `module_size_${what === 'wasm' ? 'wasm' : 'js'}`, target: 'wasm-release', raw_kib: bytes.length / 1024, gzip_kib: gz / 1024 };
    if (what === 'wasm') {
      rec.goal = '< 200 KiB gzipped';
      rec.meets_goal = gz < 200 * 1024;
    }
    log(`${file}: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzipped`);
    records.push(rec);
  }

  const server = await startStaticServer({ root: join(root, 'web') });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  try {
    // Navigation to first frame: a fresh page each time (the module cache of
    // the HTTP server says no-store, so every load fetches and compiles).
    const game = [];
    const blank = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${server.url}/?practice&bots=3`);
      await page.waitForFunction(() => globalThis.__skirmish?.firstFrameAt != null, null, { timeout: 20000 });
      game.push(await page.evaluate(() => globalThis.__skirmish.firstFrameAt));
      await page.goto(`${server.url}/game/style.css`);
      blank.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))));
      await page.close();
    }
    const first = median(game);
    const base = median(blank);
    log(`navigation to first frame: ${first.toFixed(0)} ms (blank page's first animation frame: ${base.toFixed(0)} ms)`);
    records.push({ file: 'game.json', benchmark: 'nav_to_first_frame', target: 'chromium', ms: first, baseline: 'blank page, first animation frame', baseline_ms: base, ratio: first / base, runs: game.length });

    // Frames per second, 8 players (me and 7 bots), 6 s once the match runs.
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/?practice&bots=7&skill=4`);
    await page.waitForFunction(() => (globalThis.__skirmish?.battle?.frames ?? 0) > 30, null, { timeout: 20000 });
    const seconds = 6;
    const fps = await page.evaluate(async (seconds) => {
      const b = globalThis.__skirmish.battle;
      const f0 = b.frames, t0 = performance.now(), tick0 = b.tick();
      let worst = 0, last = t0;
      await new Promise((done) => {
        const step = (t) => {
          worst = Math.max(worst, t - last);
          last = t;
          if (t - t0 < seconds * 1000) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      const dt = (performance.now() - t0) / 1000;
      const players = b.snapshot().players.filter((p) => p.active).length;
      return { fps: (b.frames - f0) / dt, ticksPerSecond: (b.tick() - tick0) / dt, worstFrameMs: worst, players };
    }, seconds);
    const empty = await page.evaluate(async (seconds) => {
      await globalThis.__skirmish.battle.leave();
      let n = 0;
      const t0 = performance.now();
      await new Promise((done) => {
        const step = (t) => {
          n++;
          if (t - t0 < seconds * 1000) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      return n / ((performance.now() - t0) / 1000);
    }, 3);
    await page.close();
    log(`8 players (7 bots): ${fps.fps.toFixed(1)} fps, ${fps.ticksPerSecond.toFixed(1)} ticks/s, worst frame ${fps.worstFrameMs.toFixed(1)} ms (empty rAF loop: ${empty.toFixed(1)} fps)`);
    records.push({
      file: 'game.json', benchmark: 'fps_8p_7bots', target: 'chromium', fps: fps.fps, players: fps.players,
      ticks_per_s: fps.ticksPerSecond, worst_frame_ms: fps.worstFrameMs, baseline: 'empty rAF loop', baseline_fps: empty,
      ratio: fps.fps / empty, goal: '>= 90% of the empty loop', meets_goal: fps.fps >= 0.9 * empty,
    });
  } finally {
    await browser.close();
    await server.close();
  }
  return records;
}
