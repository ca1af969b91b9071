// The browser driver under Node (node:test), against the runtime module of
// both wasm builds and of the debug build under AddressSanitizer (so a late
// settlement that touched freed memory would abort): promises both ways,
// cancel-then-settle, the order of microtask ticks and macrotask yields,
// timers, frames, 10,000 concurrent awaits, and the WebSocket client (with
// the `ws` package as Node's WebSocket).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { loadRuntime } from '../../web/runtime.mjs';
import { deferred, runtimeBuild, settle, settledWithin, shuffled, startEchoServer } from './helpers.mjs';

const builds = [
  ['wasm-debug', 'skirmish-runtime'],
  ['wasm-release', 'skirmish-runtime'],
  ['wasm-debug', 'skirmish-runtime-asan'],
];

for (const [preset, name] of builds) {
  const slow = preset === 'wasm-debug'; // -O0, and ASan on top
  describe(`browser driver under Node (${preset}, ${name})`, () => {
    let rt;
    before(async () => {
      rt = await loadRuntime({ moduleUrl: runtimeBuild(preset, name).url });
    });

    test('await_promise gives fulfilled values, whatever was awaited', async () => {
      assert.deepEqual(await rt.awaitValue(Promise.resolve(42)), { ok: true, value: 42 });
      const obj = { name: 'the very object' };
      const later = new Promise((r) => setTimeout(() => r(obj), 5));
      const got = await rt.awaitValue(later);
      assert.equal(got.ok, true);
      assert.equal(got.value, obj); // the same JS object, not a copy
      assert.deepEqual(await rt.awaitValue('plain value'), { ok: true, value: 'plain value' });
      const thenable = { then: (res) => setTimeout(() => res(7), 1) };
      assert.deepEqual(await rt.awaitValue(thenable), { ok: true, value: 7 });
      assert.equal(rt.stats().pendingAwaits, 0);
    });

    test('await_promise gives rejections as values with a readable message', async () => {
      const err = new TypeError('nope');
      const rejected = Promise.reject(err);
      rejected.catch(() => {});
      const r = await rt.awaitValue(rejected);
      assert.equal(r.ok, false);
      assert.equal(r.reason, err);
      assert.equal(r.message, 'TypeError: nope');
      const cases = [
        [() => Promise.reject('just a string'), 'just a string'],
        [() => Promise.reject({ code: 5 }), '{"code":5}'],
        [() => Promise.reject(undefined), 'undefined'],
        [() => new Promise((_, rej) => setTimeout(() => rej(new RangeError('late')), 2)), 'RangeError: late'],
        [() => ({ then: () => { throw new Error('then exploded'); } }), 'Error: then exploded'],
        [() => Object.defineProperty({}, 'then', { get() { throw new SyntaxError('getter exploded'); } }), 'SyntaxError: getter exploded'],
      ];
      for (const [make, message] of cases) {
        // note: the task may first run after a macrotask yield; like JS code
        // that awaits a promise later, it would leave the rejection
        // "unhandled" until then, which node:test reports as a failure.
        const p = make();
        if (typeof p.catch === 'function') p.catch(() => {});
        const out = await rt.awaitValue(p);
        assert.equal(out.ok, false, message);
        assert.equal(out.message, message);
      }
      const circular = { toString() { throw new Error('no'); } };
      circular.self = circular;
      const oddPromise = Promise.reject(circular);
      oddPromise.catch(() => {});
      const odd = await rt.awaitValue(oddPromise);
      assert.equal(odd.ok, false);
      assert.equal(typeof odd.message, 'string');
      assert.ok(odd.message.length > 0);
      assert.equal(rt.stats().pendingAwaits, 0);
    });

    test('awaiting a promise that already settled again takes no microtask', async () => {
      const p = Promise.resolve('once');
      assert.deepEqual(await rt.awaitValue(p), { ok: true, value: 'once' });
      const microtasksBefore = rt.stats().microtasks;
      assert.equal(await rt.awaitSame(p, 1000), 1000);
      // the 1000 awaits ran inside the task's one slice: no queueMicrotask per await
      assert.ok(rt.stats().microtasks - microtasksBefore <= 2);
    });

    test('a settlement after the awaiting task was cancelled is harmless and leaks nothing', async () => {
      await settle();
      const handlesBefore = rt.handleCount();
      const resumedBefore = rt.stats().resumedAwaits;
      // control: awaits that are not cancelled do resume
      const control = Array.from({ length: 10 }, deferred);
      control.forEach((d) => rt.startAwait(d.promise));
      await settle();
      control.forEach((d, i) => d.resolve(i));
      await settle();
      assert.equal(rt.stats().resumedAwaits, resumedBefore + 10);

      const n = 1000;
      const ds = Array.from({ length: n }, deferred);
      const ids = ds.map((d) => rt.startAwait(d.promise));
      await settle();
      assert.equal(rt.stats().pendingAwaits, n);
      for (const i of shuffled(n, 7)) assert.equal(rt.cancelAwait(ids[i]), true);
      assert.equal(rt.stats().pendingAwaits, 0); // the slots are free before anything settles
      for (const i of shuffled(n, 8)) {
        if (i % 2) ds[i].resolve({ payload: new Array(64).fill(i) });
        else ds[i].reject(new Error(`late ${i}`));
      }
      await settle();
      await settle();
      assert.equal(rt.stats().resumedAwaits, resumedBefore + 10); // no cancelled task resumed
      assert.ok(rt.handleCount() <= handlesBefore, `${rt.handleCount()} handles, ${handlesBefore} before`); // every late value was released
      assert.equal(rt.cancelAwait(ids[0]), false);
      // the freed slots serve new awaits, and stale keys do not reach them
      const again = Array.from({ length: 50 }, (_, i) => rt.awaitValue(new Promise((r) => setTimeout(() => r(i), 1))));
      assert.deepEqual(
        (await Promise.all(again)).map((o) => o.value),
        Array.from({ length: 50 }, (_, i) => i),
      );
      assert.ok(rt.handleCount() <= handlesBefore);
    });

    test('ticks run in one microtask queued at the first wake, before later JS microtasks and macrotasks', async () => {
      rt.setBudgetMs(10_000); // no yield in the middle: this test is about the microtask
      try {
        await settle();
        const log = [];
        const done = rt.logSteps((t) => log.push(t));
        queueMicrotask(() => log.push('js: microtask queued after the spawn'));
        setTimeout(() => log.push('js: macrotask'), 0);
        log.push('js: synchronous');
        await done;
        await new Promise((r) => setTimeout(r, 5));
        assert.deepEqual(log, [
          'js: synchronous',
          'task: first step',
          'task: after yield_now',
          'js: microtask queued after the spawn',
          'js: macrotask',
        ]);
      } finally {
        rt.setBudgetMs(4);
      }
    });

    test('one reused queueMicrotask callback, at most one pending', async () => {
      await settle(); // no slice or yield of an earlier test still pending
      const original = globalThis.queueMicrotask;
      const seen = [];
      globalThis.queueMicrotask = (cb) => {
        seen.push(cb);
        original(cb);
      };
      try {
        const all = [];
        for (let i = 0; i < 100; i++) all.push(rt.yields(3)); // 100 tasks woken in one synchronous block
        assert.equal(seen.length, 1);
        await Promise.all(all);
        for (let i = 0; i < 20; i++) {
          const before = seen.length;
          const p = rt.yields(1);
          const p2 = rt.yields(1); // the run queue is not empty any more: no second microtask
          assert.ok(seen.length - before <= 1);
          await Promise.all([p, p2]);
        }
        assert.ok(seen.length >= 2, `expected a microtask for separate wakes, saw ${seen.length}`);
        assert.equal(new Set(seen).size, 1);
      } finally {
        globalThis.queueMicrotask = original;
      }
    });

    test('a busy executor yields to macrotasks once its budget is spent, and wakes wait for the yield', async () => {
      rt.setBudgetMs(2);
      try {
        await settle();
        const before = rt.stats();
        let running = true;
        const jsMacrotasks = [];
        const spawnedWhileBusy = [];
        const tick = () => {
          if (!running) return;
          jsMacrotasks.push(performance.now());
          spawnedWhileBusy.push(rt.yields(1)); // a wake while the executor waits for its macrotask
          setImmediate(tick);
        };
        setImmediate(tick);
        const t0 = performance.now();
        await rt.yields(slow ? 300_000 : 2_000_000);
        running = false;
        const elapsed = performance.now() - t0;
        const after = rt.stats();
        const yields = after.macrotaskYields - before.macrotaskYields;
        assert.ok(elapsed > 20, `the workload should keep the executor busy for a while (${elapsed} ms)`);
        assert.ok(yields >= 5, `only ${yields} macrotask yields in ${elapsed.toFixed(0)} ms`);
        // the page's own macrotasks ran in between, not after the task
        assert.ok(jsMacrotasks.length >= yields / 2, `${jsMacrotasks.length} JS macrotasks for ${yields} yields`);
        assert.ok(jsMacrotasks.filter((t) => t < t0 + elapsed - 5).length >= 3);
        // the tasks spawned in between did not get a microtask ahead of the
        // yield: the executor's own macrotask ran them (one microtask for the
        // busy task, at most two more around its end)
        assert.ok(spawnedWhileBusy.length >= 5);
        assert.ok(after.microtasks - before.microtasks <= 3, `${after.microtasks - before.microtasks} microtasks`);
        assert.equal((await Promise.all(spawnedWhileBusy)).length, spawnedWhileBusy.length);
      } finally {
        rt.setBudgetMs(4);
      }
    });

    test('sleep, timeout and interval behave as under the manual driver', async () => {
      const slept = await rt.sleep(30);
      assert.ok(slept >= 30 && slept < 2000, `slept ${slept} ms`);
      const expected = [
        'interval tick 0',
        'sleep_for(20ms)',
        'timeout(30ms) of a 100 ms sleep: timed out',
        'interval tick 1',
        'timeout(200ms) of a 50 ms sleep: in time',
        'sleep_until(60ms), armed first',
        'sleep_until(60ms), armed second',
        'interval tick 2',
        'sleep_for(150ms)',
      ];
      assert.deepEqual(rt.timerTraceManual(), expected);
      assert.deepEqual(await rt.timerTrace(), expected);
      assert.equal(rt.stats().pendingTimers, 0); // the timed-out sleep was disarmed
    });

    test('an interval keeps its grid and skips the ticks a busy stretch missed', async () => {
      const period = 25;
      const { periods, resumed_at: at } = await rt.intervalProbe({ periodMs: period, ticks: 6, blockAfter: 2, blockMs: 90 });
      assert.equal(periods[0], 1);
      assert.ok(periods[3] >= 3, `after a 90 ms block the tick reports ${periods[3]} periods`);
      let passed = 0;
      for (let k = 0; k < periods.length; k++) {
        passed += periods[k];
        // resumed within the grid slot the reported periods add up to: no drift, no burst
        assert.ok((passed - 1) * period <= at[k] + 1, `tick ${k} at ${at[k]} ms before slot ${passed - 1}`);
        assert.ok(at[k] < passed * period + 1, `tick ${k} at ${at[k]} ms after slot ${passed}`);
      }
    });

    test('next_frame falls back to a 60 Hz timer without requestAnimationFrame', async () => {
      assert.equal(typeof globalThis.requestAnimationFrame, 'undefined');
      const frames = await rt.nextFrames(4);
      assert.equal(frames.length, 4);
      for (let i = 1; i < frames.length; i++) {
        const gap = frames[i] - frames[i - 1];
        assert.ok(gap > 10 && gap < 500, `frame gap ${gap} ms`);
      }
      assert.ok(frames[3] <= performance.now());
    });

    test('a task handed to JS as a promise resolves, and its error rejects', async () => {
      assert.equal(await rt.doubleLater(21, { delayMs: 5 }), 42);
      await assert.rejects(rt.failLater('bad thing', { delayMs: 1 }), (e) => e instanceof Error && e.message === 'bad thing');
      await assert.rejects(rt.failLater('at once'), /at once/);
    });

    test('an aborted or cancelled exported task rejects; it is never left pending', async () => {
      const ac = new AbortController();
      const p = rt.doubleLater(1, { delayMs: 60_000, signal: ac.signal });
      await settle();
      assert.equal(rt.stats().pendingTimers, 1);
      ac.abort();
      await assert.rejects(p, (e) => e.name === 'AbortError');
      assert.equal(rt.stats().pendingTimers, 0); // the sleep went with its task

      const custom = new AbortController();
      const q = rt.doubleLater(2, { delayMs: 60_000, signal: custom.signal });
      const reason = new Error('stop now');
      custom.abort(reason);
      await assert.rejects(q, (e) => e === reason);

      const early = new AbortController();
      early.abort();
      assert.equal(await settledWithin(rt.doubleLater(3, { signal: early.signal }), 50), 'settled');

      const pending = Array.from({ length: 20 }, (_, i) => rt.doubleLater(i, { delayMs: 60_000 }));
      await settle();
      rt.reset(); // the executor and every task on it go away
      for (const r of await Promise.allSettled(pending)) {
        assert.equal(r.status, 'rejected');
        assert.equal(r.reason.name, 'AbortError');
        assert.match(r.reason.message, /cancelled before it finished/);
      }
      assert.equal(rt.stats().pendingTimers, 0);
      assert.equal(await rt.doubleLater(5), 10); // the fresh executor works
    });

    test('10,000 pending promises settled in random order each reach their own task', async () => {
      const n = 10_000;
      const ds = Array.from({ length: n }, deferred);
      const all = rt.awaitEach(ds.map((d) => d.promise));
      await settle();
      assert.equal(rt.stats().pendingAwaits, n);
      const order = shuffled(n, 42);
      for (let chunk = 0; chunk < n; chunk += 1000) {
        for (const i of order.slice(chunk, chunk + 1000)) {
          if (i % 97 === 0) ds[i].reject(new Error(`no ${i}`));
          else ds[i].resolve(i * 3 + 1);
        }
        await settle(); // interleave the settlements with the executor's slices
      }
      const got = await all;
      assert.equal(got.length, n);
      const wrong = got.filter((v, i) => v !== (i % 97 === 0 ? -1 : i * 3 + 1)).length;
      assert.equal(wrong, 0);
      assert.equal(rt.stats().pendingAwaits, 0);
    });

    describe('WebSocket client (ws as the WebSocket of Node)', () => {
      let echo;
      const hadWebSocket = 'WebSocket' in globalThis;
      const saved = globalThis.WebSocket;
      before(async () => {
        echo = await startEchoServer();
        globalThis.WebSocket = WebSocket;
      });
      after(async () => {
        if (hadWebSocket) globalThis.WebSocket = saved;
        else delete globalThis.WebSocket;
        await echo.close();
      });

      test('a round trip: binary and text out and back, then a close with code and reason', async () => {
        const payloads = [new Uint8Array([1, 2, 3]), new Uint8Array(70_000).map((_, i) => i & 0xff), new Uint8Array(0)];
        const r = await rt.wsEcho(echo.url, payloads, { code: 4321, reason: 'bye now' });
        assert.equal(r.echoes.length, payloads.length);
        r.echoes.forEach((e, i) => assert.deepEqual(e, payloads[i]));
        assert.equal(r.text, 'hello from wasm');
        assert.equal(r.close.code, 4321);
        assert.equal(r.close.clean, true);
        assert.match(r.recv_after_close, /is closed \(code 4321/);
        assert.match(r.send_after_close, /cannot send: the WebSocket is closed/);
      });

      test('failures come back as values with readable reasons', async () => {
        const refused = await rt.wsTry('ws://127.0.0.1:1', 5000);
        assert.equal(refused.ok, false);
        assert.equal(refused.error, 'connect_failed');
        assert.match(refused.reason, /could not connect to ws:\/\/127\.0\.0\.1:1/);

        const bad = await rt.wsTry('not a url at all');
        assert.equal(bad.error, 'invalid_url');
        assert.match(bad.reason, /invalid WebSocket URL 'not a url at all'/);

        // a server that accepts the TCP connection and never answers the handshake
        const sockets = [];
        const silent = createServer((s) => sockets.push(s));
        await new Promise((ok) => silent.listen(0, '127.0.0.1', ok));
        const closed = new Promise((ok) =>
          silent.once('connection', (s) => {
            s.resume(); // read, so the client's FIN is seen
            s.once('close', ok);
          }),
        );
        const slow = await rt.wsTry(`ws://127.0.0.1:${silent.address().port}`, 200);
        assert.equal(slow.error, 'timed_out');
        assert.match(slow.reason, /timed out after 200 ms/);
        assert.equal(await settledWithin(closed, 2000), 'settled'); // the attempt was dropped
        sockets.forEach((s) => s.destroy());
        await new Promise((ok) => silent.close(ok));

        const keep = globalThis.WebSocket;
        delete globalThis.WebSocket;
        try {
          const none = await rt.wsTry(echo.url);
          assert.equal(none.error, 'unsupported');
          assert.match(none.reason, /no WebSocket in this JavaScript environment/);
        } finally {
          globalThis.WebSocket = keep;
        }
        assert.equal((await rt.wsTry(echo.url)).ok, true);
      });
    });
  });
}
