#!/usr/bin/env node
// One side of browser.bench.mjs, in a process of its own so nothing else
// in the bench process (playwright's async hooks slow every JS await in the
// process that drives a browser) skews the JS baselines:
// `node bench/browser_child.mjs node|chromium` prints the records as JSON.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startStaticServer } from '../scripts/static_server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const modulePath = 'build/wasm-release/web/skirmish-runtime.mjs';

async function inNode() {
  const { loadRuntime } = await import('../web/runtime.mjs');
  const { measure } = await import('./browser_cases.mjs');
  const rt = await loadRuntime({ moduleUrl: pathToFileURL(join(root, modulePath)) });
  return measure(rt, { target: 'wasm-node' });
}

async function inChromium() {
  const { chromium } = await import('playwright-core');
  const server = await startStaticServer({ root });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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

const where = process.argv[2];
const records = where === 'chromium' ? await inChromium() : where === 'node' ? await inNode() : null;
if (!records) {
  console.error('usage: node bench/browser_child.mjs node|chromium');
  process.exit(2);
}
process.stdout.write(JSON.stringify(records));
