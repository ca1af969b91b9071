// Shared by the game's Chromium end-to-end tests: the browser (Debian's
// /usr/bin/chromium through playwright-core), a page of the game, pixel
// checks on screenshots, a killable TCP proxy, and the real relay process.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { countColor, decodePng } from './png.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const shots = join(root, 'test-results', 'e2e');
export const playerColors = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#F5F5F5'];
export const wallColor = '#3b4a66';
export const floorColor = '#1a2130';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // note: two pages play at once in one browser; neither may be throttled as a background tab.
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'];

export function requireGameBuild() {
  const mod = join(root, 'web', 'dist', 'skirmish-game.wasm');
  if (!existsSync(mod)) throw new Error('web/dist/skirmish-game.wasm is missing: build the wasm-release preset (npm test does)');
}

export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });

// A page that records page errors and console errors (no test expects any).
export async function gamePage(browser, { width = 1280, height = 720, dpr = 1 } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: dpr });
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  return page;
}

// Waits until the battle drew `frames` frames (with a battle in them).
export function waitFrames(page, frames = 10, timeout = 20000) {
  return page.waitForFunction((n) => (globalThis.__skirmish?.battle?.frames ?? 0) >= n, frames, { timeout });
}

export const hud = (page) => page.evaluate(() => globalThis.__skirmish.battle?.hud ?? null);
export const hashes = (page) => page.evaluate(() => globalThis.__skirmish.battle?.hashes() ?? []);

// Takes a screenshot (kept in test-results/e2e/<name>.png) and checks its
// pixels: the arena's walls and floor fill the view, and each fighter in
// `slots` shows its colour where the battle says it stands. Retries a few
// frames, since a fighter may be dead or mid-dash at the moment of a shot.
export async function checkArenaShot(page, name, slots, { attempts = 20 } = {}) {
  mkdirSync(shots, { recursive: true });
  let last = '';
  for (let i = 0; i < attempts; i++) {
    const view = await page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => {
            const b = globalThis.__skirmish.battle;
            // The picture holds on this frame until the screenshot is taken, so
            // the positions read here are the ones on screen.
            b.holdPicture(true);
            resolve({ view: b.renderer.view, dpr: b.renderer.dpr, snap: b.snapshot(), canvas: b.canvas.getBoundingClientRect().toJSON() });
          }),
        ),
    );
    const png = await page.screenshot();
    await page.evaluate(() => globalThis.__skirmish.battle.holdPicture(false));
    const img = decodePng(png);
    const s = img.width / (await page.evaluate(() => innerWidth));
    const arena = {
      x: Math.round((view.canvas.x + view.view.x) * s),
      y: Math.round((view.canvas.y + view.view.y) * s),
      w: Math.round(1280 * view.view.scale * s),
      h: Math.round(800 * view.view.scale * s),
    };
    const walls = countColor(img, wallColor, { box: arena, tolerance: 6 });
    const floor = countColor(img, floorColor, { box: arena, tolerance: 6 });
    const area = arena.w * arena.h;
    const seen = [];
    const missing = [];
    for (const slot of slots) {
      const p = view.snap.players[slot];
      if (!p.active || !p.alive || p.dashing) {
        missing.push(`${slot} not drawable (active ${p.active}, alive ${p.alive}, dashing ${p.dashing}, tick ${view.snap.tick})`);
        continue;
      }
      const r = 14 * view.view.scale * s;
      const pad = 6 * s;
      const box = {
        x: Math.round((view.canvas.x + view.view.x + p.x * view.view.scale) * s - r - pad),
        y: Math.round((view.canvas.y + view.view.y + p.y * view.view.scale) * s - r - pad),
        w: Math.round(2 * (r + pad)),
        h: Math.round(2 * (r + pad)),
      };
      const n = countColor(img, playerColors[slot], { box, tolerance: 16 });
      if (n >= Math.PI * r * r * 0.3) seen.push(slot);
      else missing.push(`${slot} only ${n} px of ${playerColors[slot]}`);
    }
    last = `walls ${walls} px, floor ${floor} px of ${area}; missing: ${missing.join(', ')}`;
    if (walls > area * 0.12 && floor > area * 0.3 && seen.length === slots.length) {
      writeFileSync(join(shots, `${name}.png`), png);
      return { walls, floor, area, seen, file: join(shots, `${name}.png`) };
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`screenshot ${name}: the arena or a player is not visible (${last})`);
}

// A TCP proxy to 127.0.0.1:`target` on a free port; cut() kills every
// connection through it (the page sees its WebSocket drop) and keeps listening.
export async function startProxy(target) {
  const sockets = new Set();
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const upstream = connect(target, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: server.address().port,
    connections: () => connections,
    cut() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(ok);
      }),
  };
}

// Ticks where both hash logs have an entry, and those that disagree.
export function compareHashes(a, b) {
  const mb = new Map(b);
  const common = [];
  const differ = [];
  for (const [tick, hash] of a) {
    if (!mb.has(tick)) continue;
    common.push(tick);
    if (mb.get(tick) !== hash) differ.push({ tick, a: hash, b: mb.get(tick) });
  }
  return { common, differ };
}
