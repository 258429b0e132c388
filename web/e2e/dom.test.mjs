// Unit checks of safeHref: only http(s) URLs and this site's paths become
// links. node web/e2e/dom.test.mjs
import assert from 'node:assert/strict';
import { safeHref } from '../src/dom.js';

const cases = [
  ['https://alwasat.ly/news/libya/123', 'https://alwasat.ly/news/libya/123'],
  ['http://example.com/عربي', 'http://example.com/%D8%B9%D8%B1%D8%A8%D9%8A'],
  ['/documents/fe36712aa27ad5e1#V1', '/documents/fe36712aa27ad5e1#V1'],
  ['javascript:alert(1)', null],
  [' JavaScript:alert(1)', null],
  ['java\tscript:alert(1)', null],
  ['data:text/html,<script>alert(1)</script>', null],
  ['vbscript:msgbox(1)', null],
  ['//evil.example/x', null],
  ['news/relative', null],
  ['', null],
  [null, null],
  [{ toString: () => 'https://x' }, null],
];
for (const [href, want] of cases) assert.equal(safeHref(href), want, JSON.stringify(href));
console.log('safeHref: ok');
