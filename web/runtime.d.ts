// Types for web/runtime.mjs: the runtime module (the browser driver and the
// entry points its tests, benchmarks and demo use).
import type { LoadOptions } from './loader.js';

export { loadWasmModule, wasmUrlFor } from './loader.js';
export type { LoadOptions, ModuleSettings } from './loader.js';

export const defaultModuleUrl: URL;

export interface RuntimeOptions extends LoadOptions {
  /** Another build of the module (default: the release build in dist/). */
  moduleUrl?: string | URL;
  /** How long (ms) the executor may run before the page gets a turn; default 4. */
  budgetMs?: number;
}

export function loadRuntime(options?: RuntimeOptions): Promise<SkirmishRuntime>;

/** What the browser driver did so far. */
export interface DriverStats {
  slices: number;
  ticks: number;
  /** queueMicrotask calls; at most one is ever pending. */
  microtasks: number;
  /** Slices run at the end of a JS callback (promise reaction, socket event). */
  inlineSlices: number;
  /** Macrotasks posted: one per turn of the event loop the executor ran in. */
  macrotasks: number;
  /** Times the budget ran out and the executor waited for the page. */
  macrotaskYields: number;
  timersSet: number;
  frames: number;
  liveTasks: number;
  pendingTimers: number;
  /** Awaits whose JS callbacks still point at a live task. */
  pendingAwaits: number;
  resumedAwaits: number;
}

export type AwaitOutcome = { ok: true; value: unknown } | { ok: false; reason: unknown; message: string };

export interface WsEchoResult {
  echoes: Uint8Array[];
  text: string;
  close: { code: number; reason: string; clean: boolean };
  recv_after_close: string;
  send_after_close: string;
}

export type WsTryResult =
  | { ok: true; closed: boolean }
  | {
      ok: false;
      error: 'unsupported' | 'invalid_url' | 'connect_failed' | 'timed_out' | 'not_open' | 'invalid_close' | 'send_failed' | 'closed';
      reason: string;
    };

export class SkirmishRuntime {
  constructor(module: unknown);
  readonly module: unknown;
  stats(): DriverStats;
  setBudgetMs(ms: number): void;
  /** Destroys every task (their promises reject with an AbortError) and starts a fresh executor. */
  reset(): void;
  /** Live JS values held by wasm (Embind handles). */
  handleCount(): number;
  awaitValue(promise: unknown): Promise<AwaitOutcome>;
  awaitEach(promises: ArrayLike<unknown>): Promise<number[]>;
  startAwait(promise: unknown): number;
  cancelAwait(id: number): boolean;
  logSteps(log: (text: string) => void): Promise<void>;
  yields(n: number): Promise<number>;
  spawnJoin(n: number): Promise<number>;
  awaitSame(promise: unknown, n: number): Promise<number>;
  awaitFresh(promises: ArrayLike<unknown>): Promise<{ fulfilled: number; ms: number }>;
  sleep(ms: number): Promise<number>;
  timerTrace(): Promise<string[]>;
  timerTraceManual(): string[] | null;
  intervalProbe(options: { periodMs: number; ticks: number; blockAfter: number; blockMs: number }): Promise<{
    periods: number[];
    resumed_at: number[];
  }>;
  nextFrames(n: number): Promise<number[]>;
  wsEcho(url: string, payloads: Uint8Array[], options?: { code?: number; reason?: string }): Promise<WsEchoResult>;
  wsTry(url: string, timeoutMs?: number): Promise<WsTryResult>;
  doubleLater(x: number, options?: { delayMs?: number; signal?: AbortSignal }): Promise<number>;
  failLater(message: string, options?: { delayMs?: number; signal?: AbortSignal }): Promise<never>;
}
