// A raw-socket WebSocket client for the conformance suite: it writes frames
// byte for byte as a case says (any bits, any split, masked or not) and
// parses what the server sends back strictly, recording every frame, so a
// case can check the server's replies and its close code.
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';

export const op = { cont: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

// One frame, as RFC 6455 5.2 lays it out. `rsv` is RSV1..3 as bits 2..0;
// `lenForm` forces the 7, 16 or 64-bit length form.
export function encodeFrame({ fin = true, rsv = 0, opcode, payload = Buffer.alloc(0), mask = true, key, lenForm }) {
  payload = Buffer.from(payload);
  const n = payload.length;
  const form = lenForm ?? (n < 126 ? 7 : n <= 0xffff ? 16 : 64);
  const head = [((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)) >>> 0];
  const m = mask ? 0x80 : 0;
  if (form === 7) head.push(m | n);
  else if (form === 16) head.push(m | 126, n >> 8, n & 0xff);
  else {
    head.push(m | 127);
    const big = BigInt(n);
    for (let i = 7; i >= 0; i--) head.push(Number((big >> BigInt(8 * i)) & 0xffn));
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  key = key ?? randomBytes(4);
  const masked = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) masked[i] = payload[i] ^ key[i & 3];
  return Buffer.concat([Buffer.from(head), key, masked]);
}

export function closePayload(code, reason = '') {
  if (code === undefined) return Buffer.alloc(0);
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return Buffer.concat([b, Buffer.isBuffer(reason) ? reason : Buffer.from(reason)]);
}

const acceptOf = (key) => createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');

// Sends a raw HTTP request; gives the response's status, its head, and
// whether the server then closed the connection (it must, unless it is a 101).
export async function rawHttp(port, request) {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise((ok, fail) => socket.once('connect', ok).once('error', fail));
  socket.on('error', () => {});
  socket.write(request);
  let data = Buffer.alloc(0);
  const closed = new Promise((ok) => socket.once('close', ok));
  const head = await new Promise((ok) => {
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const end = data.indexOf('\r\n\r\n');
      if (end >= 0) ok(data.subarray(0, end).toString('latin1'));
    });
    closed.then(() => ok(data.toString('latin1')));
  });
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  if (status === 101) {
    socket.destroy();
    return { status, head, closedByServer: false };
  }
  await closed;
  return { status, head, closedByServer: true };
}

export class RawClient {
  // Connects and does the opening handshake (extra header lines may be given).
  // `pipelined` bytes (frames) go out in the same write as the request head.
  static async open(port, { path = '/', extraHeaders = '', pipelined = Buffer.alloc(0) } = {}) {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    await new Promise((ok, fail) => socket.once('connect', ok).once('error', fail));
    const key = randomBytes(16).toString('base64');
    const request =
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`;
    socket.write(Buffer.concat([Buffer.from(request, 'latin1'), pipelined]));
    const c = new RawClient(socket);
    const head = await c.#readHead();
    const lines = head.split('\r\n');
    if (!/^HTTP\/1\.1 101 /.test(lines[0])) throw new Error(`handshake refused: ${lines[0]}`);
    const headers = Object.fromEntries(
      lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    if (headers['sec-websocket-accept'] !== acceptOf(key)) throw new Error('wrong Sec-WebSocket-Accept');
    c.responseHeaders = headers;
    c.#parse();
    return c;
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.events = []; // { type: 'message'|'ping'|'pong'|'close', ... } in arrival order
    this.frames = []; // every frame header the server sent: { fin, rsv, opcode, length }
    this.violations = []; // what the server did wrong
    this.eof = false;
    this.sentClose = false;
    this.fragments = null;
    this.waiters = [];
    socket.on('data', (d) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
      if (this.headDone) this.#parse();
      this.#notify();
    });
    socket.on('end', () => {
      this.eof = true;
      // note: the server closed TCP; we close ours (a client ends second).
      socket.end();
      this.#notify();
    });
    socket.on('error', (e) => {
      this.error = e.code ?? e.message;
      this.eof = true;
      this.#notify();
    });
    socket.on('close', () => {
      this.eof = true;
      this.#notify();
    });
  }

  #notify() {
    for (const w of this.waiters.splice(0)) w();
  }
  // Resolves when `pred()` holds, or rejects once the server is gone and it does not.
  until(pred, what = 'condition') {
    return new Promise((ok, fail) => {
      const check = () => {
        if (pred()) return ok();
        if (this.eof) return fail(new Error(`connection ended before ${what}`));
        this.waiters.push(check);
      };
      check();
    });
  }

  async #readHead() {
    await this.until(() => this.buffer.indexOf('\r\n\r\n') >= 0, 'the handshake response');
    const end = this.buffer.indexOf('\r\n\r\n');
    const head = this.buffer.subarray(0, end).toString('latin1');
    this.buffer = this.buffer.subarray(end + 4);
    this.headDone = true;
    return head;
  }

  #parse() {
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return;
      const fin = (b[0] & 0x80) !== 0;
      const rsv = (b[0] >> 4) & 7;
      const opcode = b[0] & 0x0f;
      const masked = (b[1] & 0x80) !== 0;
      let len = b[1] & 0x7f;
      let at = 2;
      if (len === 126) {
        if (b.length < 4) return;
        len = b.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (b.length < 10) return;
        len = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      if (masked) at += 4;
      if (b.length < at + len) return;
      const payload = Buffer.from(b.subarray(at, at + len));
      this.buffer = b.subarray(at + len);
      this.frames.push({ fin, rsv, opcode, length: len });
      if (masked) this.violations.push('server frame is masked');
      if (rsv !== 0) this.violations.push('server frame has RSV bits set');
      this.#onFrame(fin, opcode, payload);
    }
  }

  #onFrame(fin, opcode, payload) {
    if (opcode >= 8) {
      if (!fin) this.violations.push('fragmented control frame from the server');
      if (payload.length > 125) this.violations.push('control frame over 125 bytes from the server');
      if (opcode === op.ping) {
        this.events.push({ type: 'ping', data: payload });
        if (!this.sentClose) this.socket.write(encodeFrame({ opcode: op.pong, payload }));
      } else if (opcode === op.pong) {
        this.events.push({ type: 'pong', data: payload });
      } else if (opcode === op.close) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : payload.length === 0 ? 1005 : -1;
        this.events.push({ type: 'close', code, reason: payload.subarray(2).toString() });
        if (this.closeCode !== undefined) this.violations.push('a second close frame from the server');
        this.closeCode = code;
        // Echo the server's close (RFC 6455 5.5.1) unless ours already went out.
        if (!this.sentClose) {
          this.sentClose = true;
          this.socket.write(encodeFrame({ opcode: op.close, payload: payload.subarray(0, 2) }));
        }
      } else {
        this.violations.push(`reserved opcode ${opcode} from the server`);
      }
      return;
    }
    if (this.closeCode !== undefined) this.violations.push('data after the server\'s close frame');
    if (opcode === op.cont) {
      if (!this.fragments) return this.violations.push('continuation without a message from the server');
      this.fragments.parts.push(payload);
    } else {
      if (this.fragments) this.violations.push('new message inside a fragmented one from the server');
      this.fragments = { opcode, parts: [payload], frames: 0 };
    }
    this.fragments.frames++;
    if (fin) {
      const data = Buffer.concat(this.fragments.parts);
      this.events.push({ type: 'message', op: this.fragments.opcode, data, frames: this.fragments.frames });
      this.fragments = null;
    }
  }

  messages() {
    return this.events.filter((e) => e.type === 'message');
  }

  send(frame) {
    if (frame.opcode === op.close) this.sentClose = true;
    return this.write(encodeFrame(frame));
  }

  // Writes `bytes`, in pieces of `chunk` bytes each given their own write
  // (and a turn of the event loop, so they tend to leave as separate segments).
  async write(bytes, chunk = 0) {
    if (this.eof) return;
    if (!chunk || chunk >= bytes.length) {
      if (!this.socket.write(bytes)) await new Promise((ok) => this.socket.once('drain', ok));
      return;
    }
    for (let i = 0; i < bytes.length && !this.eof; i += chunk) {
      if (!this.socket.write(bytes.subarray(i, i + chunk))) await new Promise((ok) => this.socket.once('drain', ok));
      await new Promise((ok) => setImmediate(ok));
    }
  }

  // Waits until the server closed the TCP connection.
  async ended() {
    await new Promise((ok) => {
      const check = () => (this.eof ? ok() : this.waiters.push(check));
      check();
    });
  }

  destroy() {
    this.socket.destroy();
  }
}
