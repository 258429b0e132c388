// Times the dashboard's first paint in Debian's Chromium against a running
// server, RUNS times with a fresh profile (cold cache) and once more after
// each (warm cache); prints each run and the medians.
//   RASAD_BASE_URL=http://127.0.0.1:8080 RUNS=5 node e2e/paint.mjs
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const base = process.env.RASAD_BASE_URL;
if (!base) {
  console.error('RASAD_BASE_URL is not set');
  process.exit(2);
}
const runs = Number(process.env.RUNS || 5);
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function load(page) {
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('#map[data-events]', { timeout: 60000 });
  await page.waitForSelector('.timeline[data-ready]', { timeout: 60000 });
  return page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
    return { fcp: at('first-contentful-paint'), map: at('rasad:map-ready'), all: performance.now() };
  });
}

const results = { cold: [], warm: [] };
for (let i = 0; i < runs; i++) {
  const profile = await mkdtemp(path.join(tmpdir(), 'rasad-paint-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args, viewport: { width: 1400, height: 950 },
  });
  const page = context.pages()[0] || (await context.newPage());
  for (const kind of ['cold', 'warm']) {
    const r = await load(page);
    results[kind].push(r);
    console.log(`${kind}: first-contentful-paint ${r.fcp.toFixed(0)} ms, map with points ${r.map.toFixed(0)} ms, timeline too ${r.all.toFixed(0)} ms`);
  }
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const kind of ['cold', 'warm']) {
  const rs = results[kind];
  console.log(`median ${kind} (${rs.length} runs): first-contentful-paint ${median(rs.map((r) => r.fcp)).toFixed(0)} ms, ` +
    `map with points ${median(rs.map((r) => r.map)).toFixed(0)} ms, timeline too ${median(rs.map((r) => r.all)).toFixed(0)} ms`);
}
