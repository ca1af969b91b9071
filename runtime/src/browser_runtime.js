// The JavaScript half of the browser driver (an Emscripten --js-library):
// event-loop hooks and promise callbacks, each calling back into wasm with
// plain numbers, and the state the WebSocket half (browser_websocket.js) shares. Every function catches what JS may throw, so
// no exception ever unwinds through wasm frames. note: plain ES2017 syntax
// only; 3.1.6's JS minifier mangles destructuring in for-of loops.

mergeInto(LibraryManager.library, {
  $SkirmishRt__deps: ['$Emval', '_emval_incref', '_emval_decref'],
  $SkirmishRt__postset: 'SkirmishRt.init();',
  $SkirmishRt: {
    init: function () {
      SkirmishRt.drivers = new Map(); // driver pointer -> its callbacks
      // note: the last promise seen to settle, how (1 fulfilled, 2 rejected),
      // and a handle to its outcome that the cache holds one reference of.
      // Awaiting it again (a promise awaited in a loop, or by several tasks)
      // costs no microtask and no new handle. One entry, not a WeakMap: a
      // WeakMap insert per settlement made every fresh await several times
      // slower (ephemeron GC).
      SkirmishRt.lastPromise = null;
      SkirmishRt.lastState = 0;
      SkirmishRt.lastHandle = 0;
      SkirmishRt.exports = new Map(); // id -> resolvers of a promise handed to JS
      SkirmishRt.nextExport = 1;
      SkirmishRt.sockets = new Map(); // slot index -> socket record
      SkirmishRt.encoder = new TextEncoder();
      SkirmishRt.decoder = new TextDecoder();
    },
    // A readable one-line description of any value; never throws.
    describe: function (v) {
      try {
        if (typeof v === 'string') return v;
        if (v !== null && typeof v === 'object' && typeof v.message === 'string') {
          const name = typeof v.name === 'string' && v.name ? v.name : 'Error';
          return v.message ? name + ': ' + v.message : name;
        }
        if (v !== null && typeof v === 'object') {
          const json = JSON.stringify(v);
          if (json !== undefined) return json;
          return Object.prototype.toString.call(v);
        }
        return String(v);
      } catch (e) {
        return '(a value that cannot be described)';
      }
    },
    // Writes a new handle for `v` to the EM_VAL* at `ptr`.
    put: function (ptr, v) {
      HEAP32[ptr >> 2] = Emval.toHandle(v);
    },
    // Caches the outcome of `p`; gives a new handle to it for the wasm side.
    remember: function (p, state, value) {
      const old = SkirmishRt.lastHandle;
      const h = Emval.toHandle(value);
      SkirmishRt.lastPromise = p;
      SkirmishRt.lastState = state;
      SkirmishRt.lastHandle = h;
      if (old) __emval_decref(old);
      __emval_incref(h);
      return h;
    },
  },

  // ---- the driver: one reused callback of each kind per driver ----

  // note: not emscripten_get_now, which in Node reads process.hrtime (an
  // array per call, and another origin than performance.now and frames).
  skirmish_js_now: function () {
    return performance.now();
  },

  skirmish_js_driver_attach__deps: ['$SkirmishRt'],
  skirmish_js_driver_attach: function (ptr) {
    const d = { ptr: ptr, timer: null, frame: null, frameIsTimeout: false, frameSlot: 0, port: null };
    d.onMicrotask = () => {
      if (d.ptr) _skirmish_driver_enter(d.ptr, 0);
    };
    d.onMacrotask = () => {
      if (d.ptr) _skirmish_driver_enter(d.ptr, 1);
    };
    d.onTimer = () => {
      d.timer = null;
      if (d.ptr) _skirmish_driver_enter(d.ptr, 2);
    };
    d.onFrame = (timestamp) => {
      d.frame = null;
      if (d.ptr) _skirmish_driver_frame(d.ptr, timestamp);
    };
    // note: a macrotask that is not clamped: setImmediate in Node; in a page a
    // MessageChannel (setTimeout(0) is clamped to 4 ms once nested).
    if (typeof setImmediate === 'function') {
      d.post = () => setImmediate(d.onMacrotask);
    } else if (typeof MessageChannel === 'function') {
      const channel = new MessageChannel();
      channel.port1.onmessage = d.onMacrotask;
      d.port = channel.port1;
      d.post = () => channel.port2.postMessage(null);
    } else {
      d.post = () => setTimeout(d.onMacrotask, 0);
    }
    SkirmishRt.drivers.set(ptr, d);
  },

  skirmish_js_driver_detach__deps: ['$SkirmishRt'],
  skirmish_js_driver_detach: function (ptr) {
    const d = SkirmishRt.drivers.get(ptr);
    if (!d) return;
    d.ptr = 0; // callbacks already queued become no-ops
    if (d.timer !== null) clearTimeout(d.timer);
    if (d.frame !== null) {
      if (d.frameIsTimeout) clearTimeout(d.frame);
      else cancelAnimationFrame(d.frame);
    }
    if (d.port) d.port.close();
    SkirmishRt.drivers.delete(ptr);
  },

  skirmish_js_queue_microtask__deps: ['$SkirmishRt'],
  skirmish_js_queue_microtask: function (ptr) {
    queueMicrotask(SkirmishRt.drivers.get(ptr).onMicrotask);
  },

  skirmish_js_post_macrotask__deps: ['$SkirmishRt'],
  skirmish_js_post_macrotask: function (ptr) {
    SkirmishRt.drivers.get(ptr).post();
  },

  skirmish_js_set_timer__deps: ['$SkirmishRt'],
  skirmish_js_set_timer: function (ptr, delay) {
    const d = SkirmishRt.drivers.get(ptr);
    if (d.timer !== null) clearTimeout(d.timer);
    d.timer = setTimeout(d.onTimer, delay);
  },

  skirmish_js_clear_timer__deps: ['$SkirmishRt'],
  skirmish_js_clear_timer: function (ptr) {
    const d = SkirmishRt.drivers.get(ptr);
    if (d.timer !== null) clearTimeout(d.timer);
    d.timer = null;
  },

  skirmish_js_request_frame__deps: ['$SkirmishRt'],
  skirmish_js_request_frame: function (ptr) {
    const d = SkirmishRt.drivers.get(ptr);
    if (typeof requestAnimationFrame === 'function') {
      d.frameIsTimeout = false;
      d.frame = requestAnimationFrame(d.onFrame);
      return;
    }
    // note: without requestAnimationFrame (Node, workers) frames come from a
    // timer on a 60 Hz grid of performance.now(), one frame per grid slot
    // even when the timer fires a little early.
    const period = 1000 / 60;
    const slot = Math.max(Math.floor(performance.now() / period) + 1, d.frameSlot + 1);
    d.frameIsTimeout = true;
    d.frame = setTimeout(() => {
      d.frameSlot = slot;
      d.onFrame(Math.min(performance.now(), slot * period)); // like rAF: the frame began at or before now
    }, Math.max(0, slot * period - performance.now()));
  },

  // ---- promises ----

  skirmish_js_promise_peek__deps: ['$SkirmishRt', '$emval_handle_array'],
  // Gives 0 while `h` may still be pending, else (handle << 2) | state with a
  // new reference to the outcome. note: one return value and no new handle
  // on the hot paths: the cached outcome, or the awaited value itself.
  skirmish_js_promise_peek: function (h) {
    // note: Emval's handle table is read directly on this path (toValue and
    // incref without their checks); the handle comes from a live val.
    const slot = emval_handle_array[h];
    const v = slot.value;
    const rt = SkirmishRt;
    if (v === rt.lastPromise) {
      const cached = rt.lastHandle;
      if (cached > 4) emval_handle_array[cached].refcount += 1;
      return (cached << 2) | rt.lastState;
    }
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') {
      if (h > 4) slot.refcount += 1; // a plain value: awaiting it gives it back
      return (h << 2) | 1;
    }
    try {
      if (typeof v.then === 'function') return 0;
    } catch (e) {
      return (Emval.toHandle(e) << 2) | 2; // a throwing `then` getter rejects, as `await` would
    }
    slot.refcount += 1;
    return (h << 2) | 1;
  },

  skirmish_js_promise_attach__deps: ['$SkirmishRt'],
  skirmish_js_promise_attach: function (h, index, generation) {
    const p = Emval.toValue(h);
    const rt = SkirmishRt;
    // note: the callbacks hold two numbers, nothing of the awaiting task; if
    // the task is gone by the time they run, the wasm side drops the value.
    const onValue = (value) => _skirmish_promise_settled(index, generation, 1, rt.remember(p, 1, value));
    const onReason = (reason) => _skirmish_promise_settled(index, generation, 0, rt.remember(p, 2, reason));
    try {
      // Promise.resolve adopts thenables (a throwing then rejects) and returns native promises as they are.
      Promise.resolve(p).then(onValue, onReason);
    } catch (e) {
      queueMicrotask(() => onReason(e));
    }
  },

  skirmish_js_describe__deps: ['$SkirmishRt'],
  skirmish_js_describe: function (h) {
    return Emval.toHandle(SkirmishRt.describe(Emval.toValue(h)));
  },

  skirmish_js_make_error__deps: ['$SkirmishRt'],
  skirmish_js_make_error: function (name, message) {
    const e = new Error(UTF8ToString(message));
    const n = UTF8ToString(name);
    if (n) e.name = n;
    return Emval.toHandle(e);
  },

  skirmish_js_export_create__deps: ['$SkirmishRt'],
  skirmish_js_export_create: function (signalHandle, idPtr, abortPtr) {
    const signal = Emval.toValue(signalHandle);
    let resolve, reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const reasonOf = (s) => (s.reason !== undefined ? s.reason : new DOMException('aborted', 'AbortError'));
    let abortPromise;
    let cleanup = null;
    if (signal !== undefined && signal !== null) {
      if (signal.aborted) {
        reject(reasonOf(signal));
        HEAPU32[idPtr >> 2] = 0;
        SkirmishRt.put(abortPtr, undefined);
        return Emval.toHandle(promise);
      }
      let onAbort;
      abortPromise = new Promise((res, rej) => {
        onAbort = () => rej(reasonOf(signal));
      });
      // note: internal; its rejection is only ever observed by the wasm side.
      abortPromise.catch(() => {});
      signal.addEventListener('abort', onAbort, { once: true });
      cleanup = () => signal.removeEventListener('abort', onAbort);
    }
    const id = SkirmishRt.nextExport++;
    SkirmishRt.exports.set(id, { resolve: resolve, reject: reject, cleanup: cleanup });
    HEAPU32[idPtr >> 2] = id;
    SkirmishRt.put(abortPtr, abortPromise);
    return Emval.toHandle(promise);
  },

  skirmish_js_export_settle__deps: ['$SkirmishRt'],
  skirmish_js_export_settle: function (id, ok, h) {
    const e = SkirmishRt.exports.get(id);
    if (!e) return;
    SkirmishRt.exports.delete(id);
    if (e.cleanup) e.cleanup();
    const v = Emval.toValue(h);
    if (ok) e.resolve(v);
    else e.reject(v);
  },
});
