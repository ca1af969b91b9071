// The UTF-8 vectors of Autobahn's cases 6.5 to 6.23, which follow the
// sections of Markus Kuhn's UTF-8 decoder stress test: groups of byte
// strings, each valid or not.
const h = (hex) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const s = (text) => Buffer.from(text, 'latin1');

function isValidUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const kosme = h('ceba e1bdb9 cf83 cebc ceb5');

export function utf8Groups() {
  const groups = [];
  const group = (title, entries) => groups.push({ title, entries });

  group('Some valid UTF-8 sequences', [
    [true, s('hello$world')],
    [true, Buffer.concat([s('hello'), h('c2a2'), s('world')])],
    [true, Buffer.concat([s('hello'), h('e282ac'), s('world')])],
    [true, Buffer.concat([s('hello'), h('f0a4ada2'), s('world')])],
    [true, kosme],
  ]);
  // note: a prefix ending inside a code point is invalid as a whole message.
  group(
    'All prefixes of a valid UTF-8 string that contains multi-byte code points',
    Array.from({ length: kosme.length }, (_, i) => [isValidUtf8(kosme.subarray(0, i + 1)), kosme.subarray(0, i + 1)]),
  );
  group('First possible sequence of a certain length', [
    [true, h('00')],
    [true, h('c280')],
    [true, h('e0a080')],
    [true, h('f0908080')],
  ]);
  group('First possible sequence length 5/6 (invalid codepoints)', [
    [false, h('f888808080')],
    [false, h('fc8480808080')],
  ]);
  group('Last possible sequence of a certain length', [
    [true, h('7f')],
    [true, h('dfbf')],
    [true, h('efbfbf')],
    [true, h('f48fbfbf')],
  ]);
  group('Last possible sequence length 4/5/6 (invalid codepoints)', [
    [false, h('f7bfbfbf')],
    [false, h('fbbfbfbfbf')],
    [false, h('fdbfbfbfbfbf')],
  ]);
  group('Other boundary conditions', [
    [true, h('ed9fbf')],
    [true, h('ee8080')],
    [true, h('efbfbd')],
    [true, h('f48fbfbf')],
    [false, h('f4908080')],
  ]);
  const continuation = [];
  for (let b = 0x80; b < 0xbf; b++) continuation.push(b);
  group('Unexpected continuation bytes', [
    [false, h('80')],
    [false, h('bf')],
    [false, h('80bf')],
    [false, h('80bf80')],
    [false, h('80bf80bf')],
    [false, h('80bf80bf80')],
    [false, h('80bf80bf80bf')],
    [false, Buffer.from(continuation)],
  ]);
  group(
    'Lonely start characters',
    [
      [0xc0, 0xdf],
      [0xe0, 0xef],
      [0xf0, 0xf7],
      [0xf8, 0xfb],
      [0xfc, 0xfd],
    ].map(([from, to]) => {
      const bytes = [];
      for (let b = from; b < to; b++) bytes.push(b, 0x20);
      return [false, Buffer.from(bytes)];
    }),
  );
  const truncated = ['c0', 'e080', 'f08080', 'f8808080', 'fc80808080', 'df', 'efbf', 'f7bfbf', 'fbbfbfbf', 'fdbfbfbfbf'].map(h);
  group('Sequences with last continuation byte missing', truncated.map((b) => [false, b]));
  group('Concatenation of incomplete sequences', [[false, Buffer.concat(truncated)]]);
  group('Impossible bytes', [
    [false, h('fe')],
    [false, h('ff')],
    [false, h('fefeffff')],
  ]);
  group('Examples of an overlong ASCII character', [
    [false, h('c0af')],
    [false, h('e080af')],
    [false, h('f08080af')],
    [false, h('f8808080af')],
    [false, h('fc80808080af')],
  ]);
  group('Maximum overlong sequences', [
    [false, h('c1bf')],
    [false, h('e09fbf')],
    [false, h('f08fbfbf')],
    [false, h('f887bfbfbf')],
    [false, h('fc83bfbfbfbf')],
  ]);
  group('Overlong representation of the NUL character', [
    [false, h('c080')],
    [false, h('e08080')],
    [false, h('f0808080')],
    [false, h('f880808080')],
    [false, h('fc8080808080')],
  ]);
  group(
    'Single UTF-16 surrogates',
    ['eda080', 'edadbf', 'edae80', 'edafbf', 'edb080', 'edbe80', 'edbfbf'].map((x) => [false, h(x)]),
  );
  group(
    'Paired UTF-16 surrogates',
    ['eda080edb080', 'eda080edbfbf', 'edadbfedb080', 'edadbfedbfbf', 'edae80edb080', 'edae80edbfbf', 'edafbfedb080', 'edafbfedbfbf'].map(
      (x) => [false, h(x)],
    ),
  );
  const nonchars = [[true, h('efbfbe')], [true, h('efbfbf')]];
  for (const z1 of [0xf0, 0xf1, 0xf2, 0xf3, 0xf4]) {
    for (const z2 of [0x8f, 0x9f, 0xaf, 0xbf]) {
      if (z1 === 0xf4 && z2 !== 0x8f) continue; // above U+10FFFF
      for (const z3 of [0xbe, 0xbf]) {
        if (z1 === 0xf0 && z2 === 0x8f) continue; // overlong
        nonchars.push([true, Buffer.from([z1, z2, 0xbf, z3])]);
      }
    }
  }
  group('Non-character code points (valid UTF-8)', nonchars);
  group(
    'Unicode specials (i.e. replacement char)',
    ['efbfb9', 'efbfba', 'efbfbb', 'efbfbc', 'efbfbd', 'efbfbe', 'efbfbf'].map((x) => [true, h(x)]),
  );
  // Cross-check the expectations against an independent validator.
  for (const g of groups) {
    for (const [valid, bytes] of g.entries) {
      if (valid !== isValidUtf8(bytes)) throw new Error(`utf8 vector ${bytes.toString('hex')} in "${g.title}" is mislabelled`);
    }
  }
  return groups;
}
