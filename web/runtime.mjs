// The runtime module from JavaScript: loads skirmish-runtime (the browser
// driver with the entry points its tests, benchmarks and demo use) and wraps
// it in a small promise-based API. Works in a page and in Node.
import { loadWasmModule } from './loader.mjs';

export { loadWasmModule, wasmUrlFor } from './loader.mjs';

// The release build of the module, as the npm package ships it.
export const defaultModuleUrl = new URL('./dist/skirmish-runtime.mjs', import.meta.url);

// Loads the module. Options: moduleUrl (another build of it), wasmUrl,
// budgetMs (how long the executor may run before the page gets a turn), and
// Emscripten Module settings such as print.
export async function loadRuntime(options = {}) {
  const { moduleUrl = defaultModuleUrl, budgetMs, ...settings } = options;
  const runtime = new SkirmishRuntime(await loadWasmModule(moduleUrl, settings));
  if (budgetMs !== undefined) runtime.setBudgetMs(budgetMs);
  return runtime;
}

export class SkirmishRuntime {
  #m;

  constructor(module) {
    this.#m = module;
  }

  // The Emscripten module itself.
  get module() {
    return this.#m;
  }

  // What the driver did so far (slices, ticks, microtasks, macrotask yields, ...).
  stats() {
    return this.#m.stats();
  }

  setBudgetMs(ms) {
    this.#m.setBudgetMs(ms);
  }

  // Destroys the executor and every task on it (their promises reject with
  // an AbortError) and starts a fresh one.
  reset() {
    this.#m.reset();
  }

  // Live JS values held by wasm (Embind handles): leaks show up here.
  handleCount() {
    return this.#m.count_emval_handles();
  }

  // A task awaits `promise`; resolves with what C++ saw:
  // { ok: true, value } or { ok: false, reason, message }.
  awaitValue(promise) {
    return this.#m.awaitValue(promise);
  }

  // One task per promise; resolves with their values (numbers; -1 for a rejection), in order.
  awaitEach(promises) {
    return this.#m.awaitEach(promises);
  }

  // Starts a task that awaits `promise`; returns its id for cancelAwait.
  startAwait(promise) {
    return this.#m.startAwait(promise);
  }

  // Cancels a task from startAwait; false if there is no such task.
  cancelAwait(id) {
    return this.#m.cancelAwait(id);
  }

  // A task calls log(text) before and after a yield_now().
  logSteps(log) {
    return this.#m.logSteps(log);
  }

  // A task yields n times; resolves with n.
  yields(n) {
    return this.#m.yields(n);
  }

  // A task spawns and joins a trivial task n times.
  spawnJoin(n) {
    return this.#m.spawnJoin(n);
  }

  // A task awaits the same promise n times; resolves with how many fulfilled.
  awaitSame(promise, n) {
    return this.#m.awaitSame(promise, n);
  }

  // A task awaits each promise in turn: { fulfilled, ms } (ms: the awaits alone).
  awaitFresh(promises) {
    return this.#m.awaitFresh(promises);
  }

  // A task sleeps `ms`; resolves with how long it slept (ms).
  sleep(ms) {
    return this.#m.sleepMs(ms);
  }

  // The order of events of a fixed timer scenario on this driver.
  timerTrace() {
    return this.#m.timerTrace();
  }

  // The same scenario under a virtual clock (the manual driver), synchronously.
  timerTraceManual() {
    return this.#m.timerTraceManual();
  }

  // An interval with a busy stretch: { periods, resumed_at }.
  intervalProbe({ periodMs, ticks, blockAfter, blockMs }) {
    return this.#m.intervalProbe(periodMs, ticks, blockAfter, blockMs);
  }

  // The timestamps of the next n animation frames.
  nextFrames(n) {
    return this.#m.nextFrames(n);
  }

  // Connects, sends the payloads (Uint8Array) and a text message, receives
  // their echoes, closes with code and reason.
  wsEcho(url, payloads, { code = 1000, reason = '' } = {}) {
    return this.#m.wsEcho(url, payloads, code, reason);
  }

  // Tries to connect: { ok, error, reason }.
  wsTry(url, timeoutMs = 5000) {
    return this.#m.wsTry(url, timeoutMs);
  }

  // An exported task that resolves with 2 * x after delayMs.
  doubleLater(x, { delayMs = 0, signal } = {}) {
    return this.#m.doubleLater(x, delayMs, signal);
  }

  // An exported task whose error (a C++ result) rejects the promise.
  failLater(message, { delayMs = 0, signal } = {}) {
    return this.#m.failLater(message, delayMs, signal);
  }
}
