// The browser driver's benchmark cases, each against a JS baseline doing the
// same with async functions, in the same page or process. Runs in Node and in
// a page (plain ES module, no Node APIs). Used by browser.bench.mjs.

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A run gives the operations it did, or { fulfilled, ms } when it timed itself.
async function nsPerOp(run, n) {
  const t0 = performance.now();
  const done = await run(n);
  let ms = performance.now() - t0;
  let ops = done;
  if (typeof done === 'object') {
    ms = done.ms;
    ops = done.fulfilled;
  }
  if (ops !== n) throw new Error(`a benchmark did ${ops} of ${n} operations`);
  return (ms * 1e6) / n;
}

// JS baselines.
async function jsAwaitSame(p, n) {
  let fulfilled = 0;
  for (let i = 0; i < n; i++) {
    await p;
    fulfilled++;
  }
  return fulfilled;
}
async function jsAwaitEach(promises) {
  let fulfilled = 0;
  for (let i = 0; i < promises.length; i++) {
    await promises[i];
    fulfilled++;
  }
  return fulfilled;
}
async function jsYields(n) {
  for (let i = 0; i < n; i++) await null;
  return n;
}
const identity = async (i) => i;
async function jsSpawnJoin(n) {
  for (let i = 0; i < n; i++) await identity(i);
  return n;
}

const resolvedPromises = (n) => Array.from({ length: n }, (_, i) => Promise.resolve(i));

// Each case: the C++ side, its JS baseline, and operations per round.
function cases(rt, scale) {
  const resolved = Promise.resolve(1);
  return [
    {
      benchmark: 'await_resolved_promise',
      baseline: 'js_await_same_promise',
      n: Math.round(1_000_000 * scale),
      cpp: (n) => rt.awaitSame(resolved, n),
      js: (n) => jsAwaitSame(resolved, n),
    },
    {
      benchmark: 'await_fresh_resolved_promise',
      baseline: 'js_await_fresh_promise',
      n: Math.round(200_000 * scale),
      // note: the promises are made before the clock starts, on both sides;
      // the C++ side also takes them out of the array before its clock starts
      prepare: (n) => resolvedPromises(n),
      cpp: (n, promises) => rt.awaitFresh(promises),
      js: (n, promises) => jsAwaitEach(promises),
    },
    {
      benchmark: 'yield',
      baseline: 'js_await_null',
      n: Math.round(2_000_000 * scale),
      cpp: (n) => rt.yields(n),
      js: (n) => jsYields(n),
    },
    {
      benchmark: 'spawn_join',
      baseline: 'js_await_async_call',
      n: Math.round(1_000_000 * scale),
      cpp: (n) => rt.spawnJoin(n).then(() => n),
      js: (n) => jsSpawnJoin(n),
    },
  ];
}

// Runs every case `rounds` times, alternating C++ and JS, after a warm-up;
// gives one record per case with the medians.
export async function measure(rt, { target, scale = 1, rounds = 5 } = {}) {
  const records = [];
  for (const c of cases(rt, scale)) {
    const once = async (side, n) => {
      const input = c.prepare ? c.prepare(n) : undefined;
      return nsPerOp((m) => c[side](m, input), n);
    };
    await once('cpp', Math.ceil(c.n / 10));
    await once('js', Math.ceil(c.n / 10));
    const cpp = [];
    const js = [];
    for (let r = 0; r < rounds; r++) {
      cpp.push(await once('cpp', c.n));
      js.push(await once('js', c.n));
    }
    const ns = median(cpp);
    const base = median(js);
    records.push({
      file: 'runtime.json',
      benchmark: c.benchmark,
      target,
      ns_per_op: Number(ns.toFixed(2)),
      ops: c.n,
      rounds,
      baseline: c.baseline,
      baseline_ns_per_op: Number(base.toFixed(2)),
      speedup: Number((base / ns).toFixed(3)),
    });
  }
  return records;
}

// The page stays responsive while the executor is busy: 10 million yields
// with a requestAnimationFrame loop counting frames meanwhile.
export async function busyPage(rt, { target, yields = 10_000_000 } = {}) {
  const frames = [];
  let counting = true;
  const onFrame = () => {
    if (!counting) return;
    frames.push(performance.now());
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  await new Promise((ok) => setTimeout(ok, 200));
  const before = rt.stats();
  const t0 = performance.now();
  await rt.yields(yields);
  const t1 = performance.now();
  counting = false;
  const after = rt.stats();
  const seconds = (t1 - t0) / 1000;
  const during = frames.filter((t) => t >= t0 && t <= t1);
  let longest = 0;
  for (let i = 1; i < during.length; i++) longest = Math.max(longest, during[i] - during[i - 1]);
  return {
    file: 'runtime.json',
    benchmark: 'busy_page_10m_yields',
    target,
    ns_per_op: Number((((t1 - t0) * 1e6) / yields).toFixed(2)),
    ops: yields,
    frames_per_second: Number((during.length / seconds).toFixed(1)),
    longest_frame_gap_ms: Number(longest.toFixed(1)),
    macrotask_yields_per_second: Number(((after.macrotaskYields - before.macrotaskYields) / seconds).toFixed(0)),
    budget_ms: 4,
  };
}
