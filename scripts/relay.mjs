#!/usr/bin/env node
// `npm run relay -- [flags]`: starts skirmish-relay from an existing build
// (native-release, else native-debug) without running setup, for scripts and
// other tools; every argument goes to the relay (`npm run relay -- --help`).
// SIGTERM and SIGINT are passed on, so the relay drains (close 1001) and exits 0.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builds = ['native-release', 'native-debug'].map((p) => join(root, 'build', p, 'server-bridge/relay/skirmish-relay'));
const program = builds.find((p) => existsSync(p));
if (!program) {
  console.error('skirmish-relay is not built: run `npm run build` (or `npm start`) first');
  process.exit(1);
}
const child = spawn(program, process.argv.slice(2), { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
