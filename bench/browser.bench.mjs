// Benchmarks of the browser driver (the wasm-release runtime module), in
// Node (target wasm-node) and in headless Chromium (target chromium), each
// case against a JS baseline in the same process or page: awaiting a
// resolved promise, yield, spawn+join; and how the page fares while the
// executor is busy. Records go to bench/results/runtime.json. Each side runs
// in a child process (bench/browser_child.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const modulePath = 'build/wasm-release/web/skirmish-runtime.mjs';

function side(root, where) {
  const out = execFileSync(process.execPath, [join(root, 'bench/browser_child.mjs'), where], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out);
}

// The browser driver issue's target: awaiting an already-resolved promise
// from C++ costs at most 1.5 times a JS await of it (a speedup of 1/1.5).
const promiseGoal = { text: '<= 1.5x the JS cost', ok: (r) => r.speedup >= 1 / 1.5 };

export async function run(ctx) {
  const root = ctx.root;
  if (!existsSync(join(root, modulePath))) throw new Error(`${modulePath} is missing: build the wasm-release preset`);
  const records = [...side(root, 'node'), ...side(root, 'chromium')];
  for (const r of records) {
    if (r.benchmark.startsWith('await_') && r.speedup !== undefined) {
      r.goal = promiseGoal.text;
      r.meets_goal = promiseGoal.ok(r);
    }
  }
  return records;
}
