#!/usr/bin/env node
// `npm run relay -- [flags]`: starts skirmish-relay from an existing build
// (native-release, else native-debug) without running setup, for scripts and
// other tools; every argument goes to the relay (`npm run relay -- --help`).
// SIGTERM and SIGINT are passed on, so the relay drains (close 1001) and exits 0.
import { runBuilt } from './lib/run_built.mjs';

runBuilt('server-bridge/relay/skirmish-relay', { name: 'skirmish-relay', buildHint: '`npm run build` (or `npm start`)' });
