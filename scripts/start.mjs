#!/usr/bin/env node
// What `npm start` runs after setup. Until the game and its relay exist, it
// runs the executor demo natively and compiled to wasm under Node.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function demo(title, cmd, args) {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

demo('native (g++ -O2)', join(root, 'build/native-release/runtime/executor_demo'), []);
demo('wasm under Node (Emscripten -O2)', process.execPath, [join(root, 'build/wasm-release/runtime/executor_demo.js')]);
