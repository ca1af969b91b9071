// The process's face: --help explains every flag of the issue, a bad flag is
// one clear sentence and exit 2, and the logs are logfmt lines with levels.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { relayBin, startRelay } from './harness.mjs';

test('--help explains every flag, with its variable and default', () => {
  const r = spawnSync(relayBin, ['--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  for (const [flag, env] of [['--port', 'SKIRMISH_PORT'], ['--host', 'SKIRMISH_HOST'], ['--threads', 'SKIRMISH_THREADS'],
    ['--web-root', 'SKIRMISH_WEB_ROOT'], ['--tick-hz', 'SKIRMISH_TICK_HZ'], ['--max-rooms', 'SKIRMISH_MAX_ROOMS'],
    ['--max-players-per-room', 'SKIRMISH_MAX_PLAYERS_PER_ROOM'], ['--origin', 'SKIRMISH_ORIGINS'], ['--history', 'SKIRMISH_HISTORY']]) {
    assert.match(r.stdout, new RegExp(`${flag}\\b`), flag);
    assert.match(r.stdout, new RegExp(env), env);
  }
});

test('a bad flag or value is one sentence and exit 2; a taken port is exit 1', async () => {
  const bad = spawnSync(relayBin, ['--tick-hz', 'fast'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /tick-hz/);
  const unknown = spawnSync(relayBin, ['--no-such-flag'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  const relay = await startRelay(['--threads', '1']);
  try {
    // A second relay on the same port is refused, not let in to share it
    // (SO_REUSEPORT would allow that to any process of the same user).
    const taken = spawnSync(relayBin, ['--threads', '1', '--port', String(relay.port)], { encoding: 'utf8', timeout: 5000, killSignal: 'SIGTERM' });
    assert.equal(taken.status, 1, `exit ${taken.status} ${taken.signal}: ${taken.stderr}`);
    assert.match(taken.stderr, /level=error msg="cannot listen"/);
  } finally {
    assert.equal((await relay.stop()).code, 0);
  }
});

test('logs are logfmt lines with a time, a level and a message', async () => {
  const relay = await startRelay(['--threads', '2', '--log-level', 'debug']);
  assert.equal((await relay.stop()).code, 0);
  const lines = relay.stderr().trim().split('\n');
  assert.ok(lines.length >= 4);
  for (const line of lines) assert.match(line, /^ts=\S+ level=(debug|info|warn|error) msg="[^"]+"/);
  assert.match(relay.stdout(), /^skirmish relay: open http:\/\/127\.0\.0\.1:\d+\/\n$/);
});
