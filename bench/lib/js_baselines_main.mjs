// Runs the JS async baselines in a fresh Node process and prints JSON lines,
// so they are measured the way the wasm module is: alone in its process.
import { measure, names } from './js_async_baselines.mjs';

for (const name of process.argv.slice(2).length ? process.argv.slice(2) : names) {
  const ns = await measure(name);
  process.stdout.write(JSON.stringify({ benchmark: name, ns_per_op: ns }) + '\n');
}
