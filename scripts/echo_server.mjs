#!/usr/bin/env node
// `npm run echo-server -- --port N [options]`: starts skirmish-echo-server
// from an existing build (native-release, else native-debug) without running
// setup; every argument goes to the server (see its --help text in
// server-bridge/ws-connection/tools/echo_server.cpp). SIGTERM and SIGINT are
// passed on, so the server closes its connections with 1001 and exits 0.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builds = ['native-release', 'native-debug'].map((p) => join(root, 'build', p, 'server-bridge/ws-connection/skirmish-echo-server'));
const program = builds.find((p) => existsSync(p));
if (!program) {
  console.error('skirmish-echo-server is not built: run `npm run build` (or `npm test`) first');
  process.exit(1);
}
const child = spawn(program, process.argv.slice(2), { stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
