#!/usr/bin/env node
// Runs each libFuzzer target from its seed corpus for a while and prints a
// summary: `node tests/fuzz/run.mjs [--seconds N] [target ...]` (20 s each by
// default; the `fuzz` preset must be built). New inputs go to a scratch
// folder, never into the corpus in the tree; a crashing input is saved under
// build/fuzz/artifacts/ and the run fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const targets = {
  fuzz_handshake: { maxLen: 12000 },  // past the 8 KiB head limit
  fuzz_frames: { maxLen: 4096 },
};

const args = process.argv.slice(2);
let seconds = 20;
const chosen = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else chosen.push(args[i]);
}
const names = chosen.length ? chosen : Object.keys(targets);

const artifacts = join(root, 'build', 'fuzz', 'artifacts');
mkdirSync(artifacts, { recursive: true });
let failed = 0;
for (const name of names) {
  const exe = join(root, 'build', 'fuzz', 'tests', 'fuzz', name);
  if (!targets[name] || !existsSync(exe)) {
    console.error(`fuzz: no target ${name} (build it with: cmake --preset fuzz && cmake --build --preset fuzz)`);
    failed++;
    continue;
  }
  const scratch = mkdtempSync(join(tmpdir(), `${name}-`));
  const r = spawnSync(exe, [
    `-max_total_time=${seconds}`, `-max_len=${targets[name].maxLen}`, '-timeout=10', '-rss_limit_mb=2048',
    `-dict=${join(root, 'tests', 'fuzz', `${name}.dict`)}`, `-artifact_prefix=${artifacts}/${name}-`,
    '-print_final_stats=1', scratch, join(root, 'tests', 'fuzz', 'corpus', name),
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  rmSync(scratch, { recursive: true, force: true });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const runs = log.match(/stat::number_of_executed_units:\s*(\d+)/)?.[1] ?? '?';
  const cov = [...log.matchAll(/cov: (\d+) ft: (\d+)/g)].pop();
  const ok = r.status === 0;
  if (!ok) {
    failed++;
    console.log(log.split('\n').slice(-60).join('\n'));
  }
  console.log(`${ok ? 'pass' : 'FAIL'}  ${name.padEnd(16)} ${String(runs).padStart(9)} runs in ${seconds} s` +
    (cov ? `, coverage ${cov[1]} edges / ${cov[2]} features` : ''));
}
process.exit(failed ? 1 : 0);
