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
assert.equal(days.outside, 0);
assert.deepEqual(days.columns.map((c) => [c.day, c.total]), [['2025-06-22', 4], ['2025-06-23', 0], ['2025-06-24', 2]]);
assert.deepEqual(days.columns[0].parts.map((p) => [p.type, p.y0, p.y1]), [['ASSAULT', 0, 3], ['CONSULT', 3, 4]]);

// Over MAX_DAYS: a column a month, brushing to whole months.
const m = stack([{ day: '2015-04-02', type: 'ASSAULT', count: 1 }, { day: '2016-06-22', type: 'ASSAULT', count: 2 }]);
assert.equal(m.outside, 0);
assert.deepEqual([m.columns[0].day, m.columns[0].first, m.columns[0].last], ['2015-04', '2015-04-02', '2015-04-30']);
assert.deepEqual([m.columns[10].day, m.columns[10].first, m.columns[10].last], ['2016-02', '2016-02-01', '2016-02-29']);
assert.deepEqual([m.columns.at(-1).day, m.columns.at(-1).last, m.columns.at(-1).total], ['2016-06', '2016-06-22', 2]);
assert.equal(m.columns.length, 15);

// A stray date a century early is trimmed, not drawn: the rest keeps its days.
const rows = [{ day: '1914-07-28', type: 'ASSAULT', count: 1 }];
for (const d of dayRange('2015-01-01', '2015-03-31')) rows.push({ day: d, type: 'ASSAULT', count: 3 });
const trimmed = stack(rows);
assert.equal(trimmed.outside, 1);
assert.equal(trimmed.columns[0].day, '2015-01-01');
assert.equal(trimmed.columns.length, 90);
console.log('timeline: ok');
