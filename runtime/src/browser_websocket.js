// The JavaScript half of browser_websocket (an Emscripten --js-library, with
// browser_runtime.js): the page's WebSocket, its incoming messages queued
// here until a task takes them, and its events passed to wasm as numbers.
// note: plain ES2017 syntax only; 3.1.6's JS minifier mangles destructuring
// in for-of loops.

mergeInto(LibraryManager.library, {
  skirmish_js_ws_open__deps: ['$SkirmishRt'],
  skirmish_js_ws_open: function (index, generation, urlPtr, errorPtr) {
    const url = UTF8ToString(urlPtr);
    const WS = globalThis.WebSocket;
    if (typeof WS !== 'function') {
      SkirmishRt.put(errorPtr, 'cannot connect to ' + url + ': there is no WebSocket in this JavaScript environment');
      return 1;
    }
    let ws;
    try {
      ws = new WS(url);
      ws.binaryType = 'arraybuffer';
    } catch (e) {
      SkirmishRt.put(errorPtr, "invalid WebSocket URL '" + url + "': " + SkirmishRt.describe(e));
      return 2;
    }
    const s = { ws: ws, inbox: [], head: 0 };
    const fire = (kind, code, clean, reason) => {
      if (SkirmishRt.sockets.get(index) !== s) return;
      _skirmish_ws_event(index, generation, kind, code, clean ? 1 : 0, Emval.toHandle(reason));
    };
    s.listeners = {
      open: () => fire(0, 0, false, ''),
      message: (ev) => {
        const d = ev.data;
        if (typeof d === 'string') s.inbox.push({ binary: false, bytes: SkirmishRt.encoder.encode(d) });
        else s.inbox.push({ binary: true, bytes: new Uint8Array(d) });
        fire(1, 0, false, '');
      },
      error: () => fire(2, 0, false, ''),
      close: (ev) => fire(3, ev.code, ev.wasClean, ev.reason || ''),
    };
    for (const type in s.listeners) ws.addEventListener(type, s.listeners[type]);
    SkirmishRt.sockets.set(index, s);
    return 0;
  },

  skirmish_js_ws_send__deps: ['$SkirmishRt'],
  skirmish_js_ws_send: function (index, ptr, size, binary, errorPtr) {
    const s = SkirmishRt.sockets.get(index);
    try {
      // note: a copy, since wasm memory may change (or grow) before the bytes go out.
      const bytes = HEAPU8.slice(ptr, ptr + size);
      s.ws.send(binary ? bytes : SkirmishRt.decoder.decode(bytes));
      return 0;
    } catch (e) {
      SkirmishRt.put(errorPtr, 'WebSocket send failed: ' + SkirmishRt.describe(e));
      return 1;
    }
  },

  skirmish_js_ws_close__deps: ['$SkirmishRt'],
  skirmish_js_ws_close: function (index, code, reasonPtr, errorPtr) {
    const s = SkirmishRt.sockets.get(index);
    try {
      s.ws.close(code, UTF8ToString(reasonPtr));
      return 0;
    } catch (e) {
      SkirmishRt.put(errorPtr, 'cannot close with code ' + code + ': ' + SkirmishRt.describe(e));
      return 1;
    }
  },

  skirmish_js_ws_next_size__deps: ['$SkirmishRt'],
  skirmish_js_ws_next_size: function (index) {
    const s = SkirmishRt.sockets.get(index);
    if (!s || s.head >= s.inbox.length) return -1;
    return s.inbox[s.head].bytes.length;
  },

  skirmish_js_ws_take__deps: ['$SkirmishRt'],
  skirmish_js_ws_take: function (index, dst) {
    const s = SkirmishRt.sockets.get(index);
    const m = s.inbox[s.head];
    s.inbox[s.head++] = undefined;
    if (s.head === s.inbox.length) {
      s.inbox.length = 0;
      s.head = 0;
    }
    HEAPU8.set(m.bytes, dst);
    return m.binary ? 1 : 0;
  },

  skirmish_js_ws_buffered__deps: ['$SkirmishRt'],
  skirmish_js_ws_buffered: function (index) {
    const s = SkirmishRt.sockets.get(index);
    return s ? s.ws.bufferedAmount : 0;
  },

  skirmish_js_ws_release__deps: ['$SkirmishRt'],
  skirmish_js_ws_release: function (index) {
    const s = SkirmishRt.sockets.get(index);
    if (!s) return;
    SkirmishRt.sockets.delete(index);
    for (const type in s.listeners) s.ws.removeEventListener(type, s.listeners[type]);
    // note: some implementations (Node's ws) throw on an 'error' event nobody listens to.
    s.ws.addEventListener('error', () => {});
    try {
      if (s.ws.readyState === 0 || s.ws.readyState === 1) s.ws.close(1000, 'going away');
    } catch (e) {
      // already closing
    }
  },
});
