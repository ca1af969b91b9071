// Battle simulation benchmarks natively and in wasm under Node: one step with
// 8 players and 200 projectiles in flight (the figure), a step of
// real 8-bot play, the state hash, serialization and one bot's thinking.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The ceiling the simulation task sets for a step natively.
const goals = {
  'native:step_8p_200proj': { text: '<= 50000 ns', ok: (r) => r.ns_per_op <= 50000 },
};

function jsonLines(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

export async function run({ root, log }) {
  const targets = [
    ['native', 'native (g++ -O2)', join(root, 'build/native-release/bench/game_bench'), []],
    ['wasm-node', 'wasm (Emscripten -O2) under node', process.execPath, [join(root, 'build/wasm-release/bench/game_bench.js')]],
  ];
  const records = [];
  for (const [target, title, cmd, args] of targets) {
    const program = args.length ? args[0] : cmd;
    if (!existsSync(program)) throw new Error(`${program} is missing: build the ${target === 'native' ? 'native-release' : 'wasm-release'} preset first`);
    log(title);
    for (const { ops, ...row } of jsonLines(cmd, args, root)) {
      const rec = { file: 'game.json', ...row, target, ops };
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
