// Unit checks of the timeline's columns: node web/e2e/timeline.test.mjs
import assert from 'node:assert/strict';
import { stack, dayRange } from '../src/timeline.js';

assert.deepEqual(dayRange('2024-02-28', '2024-03-01'), ['2024-02-28', '2024-02-29', '2024-03-01']);

const days = stack([
  { day: '2025-06-22', type: 'CONSULT', count: 1 },
  { day: '2025-06-22', type: 'ASSAULT', count: 3 },
  { day: '2025-06-24', type: 'ASSAULT', count: 2 },
  { day: '2018-07', type: 'PROTEST', count: 5 }, // a month, no day: left out
]);
assert.deepEqual(days.map((c) => [c.day, c.total]), [['2025-06-22', 4], ['2025-06-23', 0], ['2025-06-24', 2]]);
assert.deepEqual(days[0].parts.map((p) => [p.type, p.y0, p.y1]), [['ASSAULT', 0, 3], ['CONSULT', 3, 4]]);

// Over MAX_DAYS: a column a month, brushing to whole months.
const months = stack([{ day: '2015-04-02', type: 'ASSAULT', count: 1 }, { day: '2025-06-22', type: 'ASSAULT', count: 2 }]);
assert.equal(months[0].day, '2015-04');
assert.equal(months[0].first, '2015-04-02');
assert.equal(months[0].last, '2015-04-30');
assert.equal(months.at(-1).day, '2025-06');
assert.equal(months.at(-1).total, 2);
assert.equal(months.length, 12 * 10 + 3);
console.log('timeline: ok');
