#!/usr/bin/env node
// `npm run bot -- [flags]`: runs skirmish-bot, the native headless bot client
// (client/bot-client), from an existing build (native-release, else
// native-debug) without running setup; every argument goes to the bot (see
// `npm run bot -- --help`). SIGTERM and SIGINT are passed on, so the bots
// leave their room before the process exits.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builds = ['native-release', 'native-debug'].map((p) => join(root, 'build', p, 'client/bot-client/skirmish-bot'));
const program = builds.find((p) => existsSync(p));
if (!program) {
  console.error('skirmish-bot is not built: run `npm run build` (or `npm test`) first');
  process.exit(1);
}
const child = spawn(program, process.argv.slice(2), { stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
