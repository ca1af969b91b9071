// The runtime benchmarks written as plain JS async functions: the baseline
// the wasm executor is compared with, in Node and in a browser page alike.
// Each returns the median ns per operation of five runs.

async function trivial(v) {
  return v;
}

// A minimal promise-based channel: the JS equivalent of rt::channel.
class Channel {
  #values = [];
  #waiters = [];
  send(v) {
    const w = this.#waiters.shift();
    if (w) w(v);
    else this.#values.push(v);
  }
  recv() {
    if (this.#values.length) return Promise.resolve(this.#values.shift());
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

const workloads = {
  async spawn_join(n) {
    let sink = 0;
    for (let i = 0; i < n; i++) sink += await trivial(1);
    return sink;
  },
  async batch_spawn_1m(n) {
    const all = new Array(n);
    for (let i = 0; i < n; i++) all[i] = trivial(1);
    const values = await Promise.all(all);
    return values.length;
  },
  async yield(n) {
    for (let i = 0; i < n; i++) await null;
    return n;
  },
  async channel_ping_pong(n) {
    const ping = new Channel();
    const pong = new Channel();
    const other = (async () => {
      for (;;) {
        const v = await ping.recv();
        if (v < 0) return;
        pong.send(v + 1);
      }
    })();
    let ball = 0;
    for (let i = 0; i < n; i++) {
      ping.send(ball);
      ball = await pong.recv();
    }
    ping.send(-1);
    await other;
    return ball;
  },
  async zip_two(n) {
    let sink = 0;
    for (let i = 0; i < n; i++) {
      const [a, b] = await Promise.all([trivial(1), trivial(2)]);
      sink += a + b;
    }
    return sink;
  },
};

// Operation counts match bench/runtime_bench.cpp.
export const operations = {
  spawn_join: 1_000_000,
  batch_spawn_1m: 1_000_000,
  yield: 5_000_000,
  channel_ping_pong: 1_000_000,
  zip_two: 1_000_000,
};

export async function measure(name, now = () => performance.now()) {
  const n = operations[name];
  const runs = [];
  for (let rep = 0; rep < 5; rep++) {
    const start = now();
    await workloads[name](n);
    runs.push(((now() - start) * 1e6) / n);
  }
  runs.sort((a, b) => a - b);
  return runs[2];
}

export const names = Object.keys(workloads);
