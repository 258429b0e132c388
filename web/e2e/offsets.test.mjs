// Unit checks of the byte-offset conversion: node web/e2e/offsets.test.mjs
import assert from 'node:assert/strict';
import { byteIndex, sliceBytes, segments } from '../src/offsets.js';

const cases = [
  // text, byte start, byte end, the slice
  ['قصف سرت', 7, 13, 'سرت'], // Arabic letters: 2 bytes each, the space 1
  ['a€بـ😀سرت', 0, 1, 'a'],
  ['a€بـ😀سرت', 1, 4, '€'], // 3 bytes
  ['a€بـ😀سرت', 8, 12, '😀'], // 4 bytes, 2 UTF-16 units
  ['a€بـ😀سرت', 12, 18, 'سرت'],
  ['غارات جوية', 0, 10, 'غارات'],
];
for (const [text, s, e, want] of cases) {
  assert.equal(sliceBytes(text, s, e), want, `${text} [${s},${e})`);
  assert.equal(new TextEncoder().encode(text).subarray(s, e).length, new TextEncoder().encode(want).length);
}
assert.equal(byteIndex('سرت').length, 6);
assert.equal(byteIndex('سرت').at(3), 1, 'inside a letter rounds down');

const segs = segments('قصف سرت أمس', [{ start: 0, end: 13, kind: 'evidence' }, { start: 7, end: 13, kind: 'entity' }]);
assert.deepEqual(segs.map((s) => [s.text, s.spans.map((x) => x.kind).join('+')]), [
  ['قصف ', 'evidence'], ['سرت', 'evidence+entity'], [' أمس', ''],
]);
console.log('offsets: ok');

// Random text of one- to four-byte characters: every span between
// character boundaries slices to what the browser's own decoder gives.
const alphabet = ['a', ' ', '1', 'ب', 'ـ', 'ّ', 'ة', '€', '—', '«', '😀', '𝄞', '\n'];
let seed = 42;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
for (let round = 0; round < 500; round++) {
  let text = '';
  for (let i = rand(30); i > 0; i--) text += alphabet[rand(alphabet.length)];
  const bytes = new TextEncoder().encode(text);
  const bounds = [0];
  for (const ch of text) bounds.push(bounds[bounds.length - 1] + new TextEncoder().encode(ch).length);
  const s = bounds[rand(bounds.length)], e = bounds[rand(bounds.length)];
  const [lo, hi] = s <= e ? [s, e] : [e, s];
  assert.equal(sliceBytes(text, lo, hi), new TextDecoder().decode(bytes.subarray(lo, hi)), `${JSON.stringify(text)} [${lo},${hi})`);
}
console.log('offsets, random texts: ok');
