#!/usr/bin/env node
// What `npm start` runs after setup: the relay from the native-release
// build, serving the game's page (web/) and its WebSocket on
// http://127.0.0.1:8080/ (flags after `npm start --` go to the relay, e.g.
// `npm start -- --port 9000`). SIGINT (Ctrl-C) and SIGTERM are passed on, so
// the relay closes every connection with 1001 and exits 0.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuilt } from './lib/run_built.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
runBuilt('server-bridge/relay/skirmish-relay', {
  name: 'skirmish-relay',
  buildHint: '`node scripts/setup.mjs start`',
  args: ['--web-root', join(root, 'web'), '--host', '127.0.0.1', '--port', '8080'],
});
