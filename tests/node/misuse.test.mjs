// The wasm debug build reports runtime API misuse clearly, like the native
// one: the probe must die with the message, not run on into undefined behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const probe = fileURLToPath(new URL('../../build/wasm-debug/tests/runtime/misuse_probe.js', import.meta.url));

const cases = {
  'await-moved-from': 'awaiting a moved-from or empty task',
  'await-twice': 'awaiting a task that has already completed',
  'join-twice': 'joining an empty join_handle',
  'join-cancelled': 'joining an empty join_handle',
  'spawn-empty': 'spawning a moved-from or empty task',
};

for (const [which, message] of Object.entries(cases)) {
  test(`wasm-debug: ${which} is reported`, () => {
    const r = spawnSync(process.execPath, [probe, which], { encoding: 'utf8' });
    assert.match(r.stderr, new RegExp(`skirmish runtime misuse: ${message}`));
    assert.notEqual(r.status, 0);
    assert.doesNotMatch(r.stdout, /no misuse was reported/);
  });
}
