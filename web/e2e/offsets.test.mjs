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
