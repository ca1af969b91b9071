#!/usr/bin/env node
// `npm run bot -- [flags]`: runs skirmish-bot, the native headless bot client
// (client/bot-client), from an existing build (native-release, else
// native-debug) without running setup; every argument goes to the bot (see
// `npm run bot -- --help`). SIGTERM and SIGINT are passed on, so the bots
// leave their room before the process exits.
import { runBuilt } from './lib/run_built.mjs';

runBuilt('client/bot-client/skirmish-bot', { name: 'skirmish-bot', buildHint: '`npm run build` (or `npm test`)' });
