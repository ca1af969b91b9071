// Benchmarks of the browser driver (the wasm-release runtime module), in
// Node (target wasm-node) and in headless Chromium (target chromium), each
// case against a JS baseline in the same process or page: awaiting a
// resolved promise, yield, spawn+join; and how the page fares while the
// executor is busy. Records go to bench/results/runtime.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/static_server.mjs';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const modulePath = 'build/wasm-release/web/skirmish-runtime.mjs';

async function inNode(root) {
  const { loadRuntime } = await import(pathToFileURL(join(root, 'web/runtime.mjs')).href);
  const { measure } = await import(pathToFileURL(join(root, 'bench/browser_cases.mjs')).href);
  const rt = await loadRuntime({ moduleUrl: pathToFileURL(join(root, modulePath)) });
  return measure(rt, { target: 'wasm-node' });
}

async function inChromium(root) {
  const server = await startStaticServer({ root });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/tests/browser/page.html`);
    return await page.evaluate(async (moduleUrl) => {
      const { loadRuntime } = await import('/web/runtime.mjs');
      const { measure, busyPage } = await import('/bench/browser_cases.mjs');
      const rt = await loadRuntime({ moduleUrl: new URL(moduleUrl, location.href) });
      const records = await measure(rt, { target: 'chromium' });
      records.push(await busyPage(rt, { target: 'chromium' }));
      return records;
    }, `/${modulePath}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function run(ctx) {
  const root = ctx.root;
  if (!existsSync(join(root, modulePath))) throw new Error(`${modulePath} is missing: build the wasm-release preset`);
  return [...(await inNode(root)), ...(await inChromium(root))];
}
