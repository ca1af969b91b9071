// The conformance cases, modelled on the Autobahn testsuite's groups 1-7, 9
// (sizes scaled down by 16) and 10, plus opening-handshake cases. A case
// sends frames (or raw bytes) and says what must come back: the echoed
// messages, the pongs, and the close code the server must send.
import { closePayload, encodeFrame, op } from './raw_client.mjs';
import { utf8Groups } from './utf8_vectors.mjs';

const t = (text) => Buffer.from(text, 'utf8');
const bytes = (n, seed = 0) => {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed + (i >> 8)) & 0xff;
  return b;
};
const textOf = (n) => Buffer.alloc(n, '*');
const frame = (opcode, payload = Buffer.alloc(0), more = {}) => ({ opcode, payload, ...more });
const KiB = 1024;
const MiB = 1024 * 1024;

// The limits the suite's echo servers run with (see run.mjs).
export const maxMessage = 1 * MiB;
export const autoFragment = 1300;

export function buildCases() {
  const cases = [];
  // expect: { messages: [[opcode, Buffer]], pongs: [Buffer], close: [codes] }.
  // fail: the server must close on its own (no close is sent by the client).
  const add = (id, group, desc, steps, expect, more = {}) =>
    cases.push({ id, group, desc, steps, expect: { messages: [], pongs: [], ...expect }, ...more });
  const echoOk = (messages, pongs = []) => ({ messages, pongs, close: [1000] });
  const failWith = (code, messages = [], pongs = []) => ({ messages, pongs, close: [code] });

  // 1 Framing: text and binary messages of the lengths around each length form.
  const g1 = '1 Framing';
  const lengths = [0, 125, 126, 127, 128, 65535, 65536];
  for (const [sub, opcode, make] of [
    [1, op.text, textOf],
    [2, op.binary, (n) => bytes(n)],
  ]) {
    lengths.forEach((n, i) => {
      const p = make(n);
      add(`1.${sub}.${i + 1}`, g1, `${opcode === op.text ? 'text' : 'binary'} message of ${n} bytes`, (c) => c.send(frame(opcode, p)), echoOk([[opcode, p]]));
    });
    const p = make(65536);
    add(`1.${sub}.8`, g1, `${opcode === op.text ? 'text' : 'binary'} message of 65536 bytes written in chops of 997`, (c) => c.write(encode(frame(opcode, p)), 997), echoOk([[opcode, p]]));
  }
  for (const [i, form] of [
    [1, 16],
    [2, 64],
  ]) {
    const p = t('short message, long length form');
    add(`1.3.${i}`, g1, `a 31-byte text message with its length in the ${form}-bit form (not the shortest)`, (c) => c.send(frame(op.text, p, { lenForm: form })), echoOk([[op.text, p]]));
  }
  {
    const frames = [frame(op.text, t('one')), frame(op.binary, bytes(300)), frame(op.text, t('three'))];
    add('1.3.3', g1, 'three messages in one TCP write', (c) => c.write(Buffer.concat(frames.map(encode))), echoOk(frames.map((f) => [f.opcode, f.payload])));
  }

  // 2 Pings and pongs.
  const g2 = '2 Pings/Pongs';
  const pingOf = (p) => frame(op.ping, p);
  add('2.1', g2, 'ping without payload', (c) => c.send(pingOf()), echoOk([], [Buffer.alloc(0)]));
  add('2.2', g2, 'ping with a small text payload', (c) => c.send(pingOf(t('Hello, world!'))), echoOk([], [t('Hello, world!')]));
  const bin = Buffer.from([0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff]);
  add('2.3', g2, 'ping with a small binary payload', (c) => c.send(pingOf(bin)), echoOk([], [bin]));
  add('2.4', g2, 'ping with a 125-byte payload', (c) => c.send(pingOf(bytes(125))), echoOk([], [bytes(125)]));
  add('2.5', g2, 'ping with a 126-byte payload', (c) => c.send(pingOf(bytes(126))), failWith(1002), { fail: true });
  add('2.6', g2, 'ping with a 125-byte payload written one byte at a time', (c) => c.write(encode(pingOf(bytes(125))), 1), echoOk([], [bytes(125)]));
  add('2.7', g2, 'unsolicited pong without payload', (c) => c.send(frame(op.pong)), echoOk([]));
  add('2.8', g2, 'unsolicited pong with payload', (c) => c.send(frame(op.pong, t('unsolicited pong payload'))), echoOk([]));
  add('2.9', g2, 'unsolicited pong, then a ping', async (c) => {
    await c.send(frame(op.pong, t('unsolicited pong payload')));
    await c.send(pingOf(t('ping payload')));
  }, echoOk([], [t('ping payload')]));
  const tenPings = Array.from({ length: 10 }, (_, i) => t(`payload-${i}`));
  add('2.10', g2, '10 pings in a row: one pong each', (c) => c.write(Buffer.concat(tenPings.map((p) => encode(pingOf(p))))), echoOk([], tenPings));
  add('2.11', g2, '10 pings written one byte at a time', (c) => c.write(Buffer.concat(tenPings.map((p) => encode(pingOf(p)))), 1), echoOk([], tenPings));

  // 3 Reserved bits.
  const g3 = '3 Reserved Bits';
  const hello = t('Hello, world!');
  add('3.1', g3, 'text with RSV1', (c) => c.send(frame(op.text, hello, { rsv: 4 })), failWith(1002), { fail: true });
  for (const [id, rsv, chunk] of [
    ['3.2', 2, 0],
    ['3.3', 1, 'frames'],
    ['3.4', 4, 1],
  ]) {
    const frames = [frame(op.text, hello), frame(op.text, hello, { rsv }), pingOf()];
    add(id, g3, `text, then text with RSV=${rsv}, then a ping${chunk === 1 ? ' (one byte at a time)' : chunk ? ' (frame by frame)' : ''}`, (c) => sendFrames(c, frames, chunk), failWith(1002, [[op.text, hello]]), { fail: true });
  }
  add('3.5', g3, 'binary with RSV=5', (c) => c.send(frame(op.binary, bytes(10), { rsv: 5 })), failWith(1002), { fail: true });
  add('3.6', g3, 'ping with RSV=6', (c) => c.send(frame(op.ping, hello, { rsv: 6 })), failWith(1002), { fail: true });
  add('3.7', g3, 'close with RSV=7', (c) => c.send(frame(op.close, closePayload(1000), { rsv: 7 })), failWith(1002), { fail: true });

  // 4 Opcodes.
  const g4 = '4 Opcodes';
  for (const [sub, codes] of [
    [1, [3, 4, 5, 6, 7]],
    [2, [11, 12, 13, 14, 15]],
  ]) {
    codes.forEach((code, i) => {
      const payload = i % 2 === 1 ? t('reserved opcode payload') : Buffer.alloc(0);
      if (i < 2) {
        add(`4.${sub}.${i + 1}`, g4, `reserved ${sub === 1 ? 'non-control' : 'control'} opcode ${code}${payload.length ? ' with payload' : ''}`, (c) => c.send(frame(code, payload)), failWith(1002), { fail: true });
      } else {
        const frames = [frame(op.text, hello), frame(code, payload), pingOf()];
        add(`4.${sub}.${i + 1}`, g4, `text, reserved opcode ${code}, ping`, (c) => sendFrames(c, frames, 'frames'), failWith(1002, [[op.text, hello]]), { fail: true });
      }
    });
  }

  // 5 Fragmentation.
  const g5 = '5 Fragmentation';
  add('5.1', g5, 'ping in two fragments', (c) => sendFrames(c, [frame(op.ping, t('fragment1'), { fin: false }), frame(op.cont, t('fragment2'))]), failWith(1002), { fail: true });
  add('5.2', g5, 'pong in two fragments', (c) => sendFrames(c, [frame(op.pong, t('fragment1'), { fin: false }), frame(op.cont, t('fragment2'))]), failWith(1002), { fail: true });
  const two = [frame(op.text, t('fragment1'), { fin: false }), frame(op.cont, t('fragment2'))];
  const joined = t('fragment1fragment2');
  const shapes = [
    [0, 'in one write'],
    ['frames', 'frame by frame'],
    [1, 'one byte at a time'],
  ];
  shapes.forEach(([chunk, how], i) => add(`5.${3 + i}`, g5, `text in two fragments, ${how}`, (c) => sendFrames(c, two, chunk), echoOk([[op.text, joined]])));
  const withPing = [two[0], pingOf(t('pongme!')), two[1]];
  shapes.forEach(([chunk, how], i) => add(`5.${6 + i}`, g5, `text in two fragments with a ping between, ${how}`, (c) => sendFrames(c, withPing, chunk), echoOk([[op.text, joined]], [t('pongme!')])));
  const orphanFin = [frame(op.cont, t('non-continuation payload')), frame(op.text, hello)];
  shapes.forEach(([chunk, how], i) => add(`5.${9 + i}`, g5, `continuation (FIN) without a message to continue, ${how}`, (c) => sendFrames(c, orphanFin, chunk), failWith(1002), { fail: true }));
  const orphan = [frame(op.cont, t('non-continuation payload'), { fin: false }), frame(op.text, hello)];
  shapes.forEach(([chunk, how], i) => add(`5.${12 + i}`, g5, `continuation (no FIN) without a message to continue, ${how}`, (c) => sendFrames(c, orphan, chunk), failWith(1002), { fail: true }));
  add('5.15', g5, 'text fragment, final continuation, then a continuation and a text out of place', (c) => sendFrames(c, [frame(op.text, t('fragment1'), { fin: false }), frame(op.cont, t('fragment2')), frame(op.cont, t('fragment3'), { fin: false }), frame(op.text, t('fragment4'))], 'frames'), failWith(1002, [[op.text, joined]]), { fail: true });
  for (const [id, fin1] of [
    ['5.16', false],
    ['5.17', true],
  ]) {
    const bad = [frame(op.cont, t('fragment1'), { fin: fin1 }), frame(op.text, t('fragment2'), { fin: false }), frame(op.cont, t('fragment3'))];
    add(id, g5, `continuation (${fin1 ? 'FIN' : 'no FIN'}) first, twice over`, (c) => sendFrames(c, [...bad, ...bad], 'frames'), failWith(1002), { fail: true });
  }
  add('5.18', g5, 'text without FIN, then a new text with FIN', (c) => sendFrames(c, [frame(op.text, t('fragment1'), { fin: false }), frame(op.text, t('fragment2'))], 'frames'), failWith(1002), { fail: true });
  const five = [
    frame(op.text, t('fragment1'), { fin: false }),
    frame(op.cont, t('fragment2'), { fin: false }),
    pingOf(t('pongme 1!')),
    frame(op.cont, t('fragment3'), { fin: false }),
    frame(op.cont, t('fragment4'), { fin: false }),
    pingOf(t('pongme 2!')),
    frame(op.cont, t('fragment5')),
  ];
  const joined5 = t('fragment1fragment2fragment3fragment4fragment5');
  add('5.19', g5, 'text in five fragments with two pings between, frame by frame', (c) => sendFrames(c, five, 'frames'), echoOk([[op.text, joined5]], [t('pongme 1!'), t('pongme 2!')]));
  add('5.20', g5, 'text in five fragments with two pings between, one byte at a time', (c) => sendFrames(c, five, 1), echoOk([[op.text, joined5]], [t('pongme 1!'), t('pongme 2!')]));

  // 6 UTF-8 handling.
  const g6 = '6 UTF-8 Handling';
  add('6.1.1', g6, 'empty text message', (c) => c.send(frame(op.text)), echoOk([[op.text, Buffer.alloc(0)]]));
  add('6.1.2', g6, 'text in three empty fragments', (c) => sendFrames(c, [frame(op.text, undefined, { fin: false }), frame(op.cont, undefined, { fin: false }), frame(op.cont)]), echoOk([[op.text, Buffer.alloc(0)]]));
  add('6.1.3', g6, 'text in three fragments, only the middle one non-empty', (c) => sendFrames(c, [frame(op.text, undefined, { fin: false }), frame(op.cont, t('middle frame payload'), { fin: false }), frame(op.cont)]), echoOk([[op.text, t('middle frame payload')]]));
  const valid = t('Hello-µ@ßöäüàá-UTF-8!!');
  const kosme = t('κόσμε');
  add('6.2.1', g6, 'valid UTF-8 text in one fragment', (c) => c.send(frame(op.text, valid)), echoOk([[op.text, valid]]));
  add('6.2.2', g6, 'valid UTF-8 text in two fragments split inside a code point', (c) => sendFrames(c, fragments(valid, [8])), echoOk([[op.text, valid]]));
  add('6.2.3', g6, 'valid UTF-8 text in one-byte fragments', (c) => sendFrames(c, byteFragments(valid)), echoOk([[op.text, valid]]));
  add('6.2.4', g6, 'κόσμε in one-byte fragments', (c) => sendFrames(c, byteFragments(kosme)), echoOk([[op.text, kosme]]));
  const invalid = Buffer.concat([kosme, Buffer.from([0xed, 0xa0, 0x80]), t('edited')]);
  add('6.3.1', g6, 'invalid UTF-8 (a surrogate) in one fragment', (c) => c.send(frame(op.text, invalid)), failWith(1007), { fail: true });
  add('6.3.2', g6, 'invalid UTF-8 (a surrogate) in one-byte fragments', (c) => sendFrames(c, byteFragments(invalid)), failWith(1007), { fail: true });
  // Fail fast: the rest of the message is never sent, so only a server that
  // checks UTF-8 as the bytes come can close.
  add('6.4.1', g6, 'fail fast: a fragment with invalid UTF-8, the message left open', (c) => sendFrames(c, [frame(op.text, kosme, { fin: false }), frame(op.cont, Buffer.from([0xf4, 0x90, 0x80, 0x80]), { fin: false })]), failWith(1007), { fail: true });
  add('6.4.2', g6, 'fail fast: an invalid sequence split over fragments, the message left open', (c) => sendFrames(c, [frame(op.text, Buffer.concat([kosme, Buffer.from([0xf4])]), { fin: false }), frame(op.cont, Buffer.from([0x90]), { fin: false })]), failWith(1007), { fail: true });
  {
    const whole = encode(frame(op.text, Buffer.concat([kosme, Buffer.from([0xf4, 0x90, 0x80, 0x80]), t('edited')])));
    const cut = whole.length - 6;
    add('6.4.3', g6, 'fail fast: invalid UTF-8 inside one frame whose last bytes never come', (c) => c.write(whole.subarray(0, cut)), failWith(1007), { fail: true });
    add('6.4.4', g6, 'fail fast: the same written one byte at a time', (c) => c.write(whole.subarray(0, cut), 1), failWith(1007), { fail: true });
  }
  utf8Groups().forEach((g, gi) => {
    g.entries.forEach(([ok, payload], ei) => {
      const id = `6.${gi + 5}.${ei + 1}`;
      const what = `${g.title}: 0x${payload.toString('hex').slice(0, 24)}${payload.length > 12 ? '…' : ''} (${ok ? 'valid' : 'invalid'})`;
      const expect = ok ? echoOk([[op.text, payload]]) : failWith(1007);
      const more = ok ? {} : { fail: true };
      add(id, g6, `${what}, one frame`, (c) => c.send(frame(op.text, payload)), expect, more);
      if (payload.length >= 2) {
        add(`${id}/2`, g6, `${what}, two fragments split at byte ${payload.length >> 1}`, (c) => sendFrames(c, fragments(payload, [payload.length >> 1])), expect, more);
        add(`${id}/b`, g6, `${what}, one-byte fragments`, (c) => sendFrames(c, byteFragments(payload)), expect, more);
      }
    });
  });

  // 7 Close handling.
  const g7 = '7 Close Handling';
  const close = (code, reason) => frame(op.close, closePayload(code, reason));
  add('7.1.1', g7, 'text, then close 1000', (c) => sendFrames(c, [frame(op.text, t('Hello World!')), close(1000)]), echoOk([[op.text, t('Hello World!')]]));
  add('7.1.2', g7, 'close twice', (c) => sendFrames(c, [close(1000), close(1000)]), echoOk([]));
  add('7.1.3', g7, 'close, then a ping (no pong may follow)', (c) => sendFrames(c, [close(1000), pingOf(t('Hello World!'))]), echoOk([]));
  add('7.1.4', g7, 'close, then text (no echo may follow)', (c) => sendFrames(c, [close(1000), frame(op.text, t('Hello World!'))]), echoOk([]));
  add('7.1.5', g7, 'text fragment, close, then the final fragment', (c) => sendFrames(c, [frame(op.text, t('fragment1'), { fin: false }), close(1000), frame(op.cont, t('fragment2'))], 'frames'), echoOk([]));
  add('7.1.6', g7, 'a 64 KiB text, close, then a ping', (c) => sendFrames(c, [frame(op.text, textOf(64 * KiB)), close(1000), pingOf()]), echoOk([[op.text, textOf(64 * KiB)]]));
  add('7.3.1', g7, 'close without payload', (c) => c.send(frame(op.close)), { messages: [], pongs: [], close: [1000, 1005] });
  add('7.3.2', g7, 'close with a one-byte payload', (c) => c.send(frame(op.close, Buffer.from([0x03]))), failWith(1002), { fail: true });
  add('7.3.3', g7, 'close 1000 without reason', (c) => c.send(close(1000)), echoOk([]));
  add('7.3.4', g7, 'close 1000 with a reason', (c) => c.send(close(1000, 'Hello World!')), echoOk([]));
  add('7.3.5', g7, 'close 1000 with a 123-byte reason', (c) => c.send(close(1000, '*'.repeat(123))), echoOk([]));
  add('7.3.6', g7, 'close 1000 with a 124-byte reason (payload over 125)', (c) => c.send(close(1000, '*'.repeat(124))), failWith(1002), { fail: true });
  add('7.5.1', g7, 'close 1000 with an invalid UTF-8 reason', (c) => c.send(frame(op.close, closePayload(1000, invalid))), failWith(1007), { fail: true });
  // note: 1012-1014 are IANA-registered since RFC 6455 (service restart, try
  // again later, bad gateway); later Autobahn versions accept them too.
  [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999].forEach((code, i) =>
    add(`7.7.${i + 1}`, g7, `close with valid code ${code}: echoed`, (c) => c.send(close(code)), { messages: [], pongs: [], close: [code] }),
  );
  [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535].forEach((code, i) =>
    add(`7.9.${i + 1}`, g7, `close with invalid code ${code}`, (c) => c.send(close(code)), failWith(1002), { fail: true }),
  );

  // 9 Limits and performance (Autobahn's sizes divided by 16).
  const g9 = '9 Limits (scaled)';
  const big = [4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, 512 * KiB, 1 * MiB];
  big.forEach((n, i) => add(`9.1.${i + 1}`, g9, `text message of ${size(n)}`, (c) => c.send(frame(op.text, textOf(n))), echoOk([[op.text, textOf(n)]])));
  big.forEach((n, i) => add(`9.2.${i + 1}`, g9, `binary message of ${size(n)}`, (c) => c.send(frame(op.binary, bytes(n, i))), echoOk([[op.binary, bytes(n, i)]])));
  const pieces = [64, 256, 1 * KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB];
  pieces.forEach((f, i) => add(`9.3.${i + 1}`, g9, `256 KiB text in fragments of ${size(f)}`, (c) => sendFrames(c, fragments(textOf(256 * KiB), every(256 * KiB, f)), 0), echoOk([[op.text, textOf(256 * KiB)]])));
  pieces.forEach((f, i) => add(`9.4.${i + 1}`, g9, `256 KiB binary in fragments of ${size(f)}`, (c) => sendFrames(c, fragments(bytes(256 * KiB, 7), every(256 * KiB, f), op.binary), 0), echoOk([[op.binary, bytes(256 * KiB, 7)]])));
  const chops = [64, 128, 256, 512, 1024, 2048];
  chops.forEach((n, i) => add(`9.5.${i + 1}`, g9, `64 KiB text written in chops of ${n} bytes`, (c) => c.write(encode(frame(op.text, textOf(64 * KiB))), n), echoOk([[op.text, textOf(64 * KiB)]])));
  chops.forEach((n, i) => add(`9.6.${i + 1}`, g9, `64 KiB binary written in chops of ${n} bytes`, (c) => c.write(encode(frame(op.binary, bytes(64 * KiB))), n), echoOk([[op.binary, bytes(64 * KiB)]])));
  const rounds = [0, 16, 64, 256, 1024, 4096];
  for (const [sub, opcode, make] of [
    [7, op.text, textOf],
    [8, op.binary, (n) => bytes(n)],
  ]) {
    rounds.forEach((n, i) => {
      const p = make(n);
      add(`9.${sub}.${i + 1}`, g9, `1000 ${opcode === op.text ? 'text' : 'binary'} messages of ${n} bytes, each after the previous echo`, async (c) => {
        for (let k = 0; k < 1000; k++) {
          await c.send(frame(opcode, p));
          await c.until(() => c.messages().length > k, `echo ${k}`);
        }
      }, echoOk(Array.from({ length: 1000 }, () => [opcode, p])));
    });
  }
  const limit = maxMessage;
  add('9.9.1', g9, `text message of exactly the limit (${size(limit)})`, (c) => c.send(frame(op.text, textOf(limit))), echoOk([[op.text, textOf(limit)]]));
  add('9.9.2', g9, 'a frame header announcing the limit + 1 (payload never sent): 1009 at once', (c) => c.write(encode(frame(op.binary, bytes(limit + 1))).subarray(0, 14)), failWith(1009), { fail: true });
  add('9.9.3', g9, 'fragments adding up to the limit + 1', (c) => sendFrames(c, fragments(bytes(limit + 1), [limit / 2, limit], op.binary), 'frames'), failWith(1009), { fail: true });
  add('9.9.4', g9, 'a 64-bit length with the top bit set', (c) => c.write(Buffer.from([0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4])), failWith(1002), { fail: true });
  add('9.9.5', g9, 'a 2^53-byte frame announced', (c) => c.write(Buffer.from([0x82, 0xff, 0, 0x20, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4])), failWith(1009), { fail: true });
  add('9.9.6', g9, 'an unmasked client frame', (c) => c.send(frame(op.text, hello, { mask: false })), failWith(1002), { fail: true });

  // 10 Auto-fragmentation: the client fragments; and a server told to cut
  // its frames at 1300 bytes (the second echo server) fragments its echoes.
  const g10 = '10 Auto-Fragmentation';
  const msg64k = bytes(64 * KiB, 3);
  add('10.1.1', g10, '64 KiB text auto-fragmented by the client into 1300-byte frames', (c) => sendFrames(c, fragments(textOf(64 * KiB), every(64 * KiB, 1300))), echoOk([[op.text, textOf(64 * KiB)]]));
  for (const [i, n] of [0, 1, 1300, 1301, 2600, 64 * KiB].entries()) {
    const p = n === 64 * KiB ? msg64k : bytes(n, 5);
    const frames = Math.max(1, Math.ceil(n / autoFragment));
    add(`10.2.${i + 1}`, g10, `server fragmenting at ${autoFragment}: ${n}-byte binary comes back in ${frames} frame(s)`, (c) => c.send(frame(op.binary, p)), echoOk([[op.binary, p]]), {
      server: 'fragmenting',
      check: (c) => {
        const m = c.messages()[0];
        if (!m || m.frames !== frames) return `echo came in ${m?.frames} frame(s), not ${frames}`;
        const data = c.frames.filter((f) => f.opcode < 8);
        if (data.some((f) => f.length > autoFragment)) return 'a frame over the fragment size';
        return null;
      },
    });
  }
  return cases;
}

// Opening-handshake cases: raw HTTP requests and the status that must come back.
export function handshakeCases(port) {
  const req = (lines) => lines.join('\r\n') + '\r\n\r\n';
  const base = [`Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13'];
  return [
    ['H.1', 'plain GET (not an upgrade): handed to the HTTP handler', req(['GET / HTTP/1.1', `Host: 127.0.0.1:${port}`]), 200],
    ['H.2', 'upgrade without Sec-WebSocket-Key', req(['GET / HTTP/1.1', ...base.filter((l) => !l.startsWith('Sec-WebSocket-Key'))]), 400],
    ['H.3', 'upgrade with Sec-WebSocket-Version 8', req(['GET / HTTP/1.1', ...base.filter((l) => !l.startsWith('Sec-WebSocket-Version')), 'Sec-WebSocket-Version: 8']), 426],
    ['H.4', 'a head over 8 KiB', req(['GET / HTTP/1.1', ...base, `X-Padding: ${'p'.repeat(9000)}`]), 431],
    ['H.5', 'POST', req(['POST / HTTP/1.1', ...base]), 405],
    ['H.6', 'a malformed request line', req(['GET /', ...base]), 400],
    ['H.7', 'permessage-deflate offered: 101 without extensions', req(['GET / HTTP/1.1', ...base, 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits']), 101],
  ];
}

const encode = (f) => encodeFrame(f);

// Sends frames in one write (chunk 0), one write per frame ('frames'), or
// the whole in writes of `chunk` bytes.
function sendFrames(c, frames, chunk = 0) {
  const encoded = frames.map(encode);
  if (chunk === 'frames') {
    return encoded.reduce((p, e) => p.then(() => c.write(e)), Promise.resolve());
  }
  return c.write(Buffer.concat(encoded), chunk);
}

// A message cut at the given offsets: the first piece carries the opcode,
// the rest are continuations, the last has FIN.
function fragments(payload, cuts, opcode = op.text) {
  const at = [0, ...cuts.filter((x) => x > 0 && x < payload.length), payload.length];
  const out = [];
  for (let i = 0; i + 1 < at.length; i++) {
    out.push(frame(i === 0 ? opcode : op.cont, payload.subarray(at[i], at[i + 1]), { fin: i + 2 === at.length }));
  }
  return out;
}
const byteFragments = (payload) => fragments(payload, Array.from({ length: payload.length }, (_, i) => i));
const every = (total, step) => Array.from({ length: Math.ceil(total / step) }, (_, i) => i * step);
const size = (n) => (n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`);
