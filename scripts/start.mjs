#!/usr/bin/env node
// What `npm start` runs after setup: the relay from the native-release
// build, serving the game's page (web/) and its WebSocket on
// http://127.0.0.1:8080/ (flags after `npm start --` go to the relay, e.g.
// `npm start -- --port 9000`). SIGINT (Ctrl-C) and SIGTERM are passed on, so
// the relay closes every connection with 1001 and exits 0.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const program = join(root, 'build/native-release/server-bridge/relay/skirmish-relay');
if (!existsSync(program)) {
  console.error(`${program} is missing: setup should have built it (node scripts/setup.mjs start)`);
  process.exit(1);
}
const args = ['--web-root', join(root, 'web'), '--host', '127.0.0.1', '--port', '8080', ...process.argv.slice(2)];
const child = spawn(program, args, { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
