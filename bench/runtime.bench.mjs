// Runtime micro-benchmarks natively and in wasm under Node, each against the
// same workload written as JS async functions, measured in the same run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The targets the runtime issue sets, as speedups over the JS baseline
// (baseline ns / our ns) or as absolute ceilings.
const goals = {
  'native:yield': { text: '<= 10 ns', ok: (r) => r.ns_per_op <= 10 },
  'native:spawn_join': { text: '<= 30 ns', ok: (r) => r.ns_per_op <= 30 },
  'wasm-node:yield': { text: '>= 3x faster than JS', ok: (r) => r.speedup >= 3 },
  'wasm-node:batch_spawn_1m': { text: '>= 20x faster than JS', ok: (r) => r.speedup >= 20 },
};

function jsonLines(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

export async function run({ root, log }) {
  log('JS async baseline (node)');
  const js = new Map(jsonLines(process.execPath, [join(root, 'bench/lib/js_baselines_main.mjs')], root).map((r) => [r.benchmark, r.ns_per_op]));
  log('native (g++ -O2)');
  const native = jsonLines(join(root, 'build/native-release/bench/runtime_bench'), [], root);
  log('wasm (Emscripten -O2) under node');
  const wasm = jsonLines(process.execPath, [join(root, 'build/wasm-release/bench/runtime_bench.js')], root);

  const records = [];
  for (const [target, rows] of [['native', native], ['wasm-node', wasm]]) {
    for (const row of rows) {
      const base = js.get(row.benchmark);
      const rec = {
        file: 'runtime.json',
        benchmark: row.benchmark,
        target,
        ns_per_op: row.ns_per_op,
        baseline: 'js-async-node',
        baseline_ns_per_op: base,
        speedup: base / row.ns_per_op,
      };
      const goal = goals[`${target}:${row.benchmark}`];
      if (goal) {
        rec.goal = goal.text;
        rec.meets_goal = goal.ok(rec);
      }
      records.push(rec);
    }
  }
  return records;
}
