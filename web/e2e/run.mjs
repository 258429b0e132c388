// Browser checks of the dashboard, driven by playwright-core against
// Debian's Chromium (no browser download). The Go test web/e2e_test.go
// starts a server and runs this; by hand:
//   RASAD_BASE_URL=http://127.0.0.1:8080 RASAD_HOSTILE_ID=hostile-markup node e2e/run.mjs
// Environment: RASAD_BASE_URL (required), RASAD_HOSTILE_ID (the id of the
// hostile article), RASAD_SEARCH (an Arabic word some article holds),
// RASAD_ARTIFACTS (folder for screenshots; default a new temporary one),
// CHROMIUM (default /usr/bin/chromium), RASAD_TOKEN (the server's write token:
// when set, an article is POSTed to check that it shows up live).
// Prints one line per check and exits 1 when any failed.
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const base = process.env.RASAD_BASE_URL;
if (!base) {
  console.error('RASAD_BASE_URL is not set');
  process.exit(2);
}
const hostileID = process.env.RASAD_HOSTILE_ID || 'hostile-markup';
const word = process.env.RASAD_SEARCH || 'غارات';
const artifacts = process.env.RASAD_ARTIFACTS || (await mkdtemp(path.join(tmpdir(), 'rasad-e2e-')));
await mkdir(artifacts, { recursive: true });
console.log(`screenshots: ${artifacts}`);

const profile = await mkdtemp(path.join(tmpdir(), 'rasad-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 950 },
  locale: 'ar',
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(15000);

const problems = []; // console errors, page errors, dialogs: each fails the run
page.on('dialog', async (d) => {
  problems.push(`dialog opened (${d.type()}): ${d.message()}`);
  await d.dismiss();
});
page.on('console', (m) => {
  if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('response', (r) => {
  if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
});
page.on('requestfailed', (r) => {
  // The event stream is cut when the page navigates or closes.
  if (!r.url().includes('/events/stream')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
});
const offsite = [];
page.on('request', (r) => {
  if (!r.url().startsWith(base) && !r.url().startsWith('data:')) offsite.push(r.url());
});

let failed = 0;
async function check(name, fn) {
  try {
    const note = await fn();
    console.log(`ok   ${name}${note ? ': ' + note : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}
function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}
async function shot(name) {
  await page.screenshot({ path: path.join(artifacts, name + '.png'), fullPage: false });
}
const api = (p) => page.evaluate(async (u) => (await fetch(u)).json(), p);
const dashboardReady = async () => {
  await page.waitForSelector('#map[data-events]', { timeout: 20000 });
  await page.waitForSelector('.timeline[data-ready]', { timeout: 20000 });
};

await check('dashboard loads: Arabic, right to left, map drawn, points present', async () => {
  await page.goto(base + '/', { waitUntil: 'load' });
  await dashboardReady();
  const dir = await page.getAttribute('html', 'dir');
  const lang = await page.getAttribute('html', 'lang');
  expect(dir === 'rtl' && lang === 'ar', `html lang=${lang} dir=${dir}`);
  const countries = await page.locator('path.map-country').count();
  const districts = await page.locator('path.map-district').count();
  expect(countries > 100, `${countries} country outlines drawn`);
  expect(districts === 22, `${districts} Libyan districts drawn, want 22`);
  const points = await page.locator('.rasad-event, .rasad-cluster').count();
  expect(points > 0, 'no event points on the map');
  const bars = await page.locator('.timeline-chart rect.bar').count();
  expect(bars > 0, 'no bars on the timeline');
  const tiles = await page.locator('img.leaflet-tile').count();
  expect(tiles === 0, `${tiles} map tiles: the map must use no tile server`);
  await shot('dashboard-ar');
  const cold = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    ready: performance.getEntriesByName('rasad:map-ready')[0]?.startTime,
  }));
  console.log(`cold cache: first-contentful-paint: ${cold.fcp?.toFixed(0)} ms; map with its points: ${cold.ready?.toFixed(0)} ms`);
  return `${countries} countries, ${districts} districts, ${points} points or clusters, ${bars} bars`;
});

await check('first contentful paint measured', async () => {
  // A fresh load with a warm cache, as an analyst reopening the page.
  await page.goto(base + '/', { waitUntil: 'load' });
  await dashboardReady();
  const t = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return { fcp: at('first-contentful-paint'), ready: at('rasad:map-ready') };
  });
  expect(t.fcp != null, 'no first-contentful-paint entry');
  expect(t.ready != null, 'no rasad:map-ready mark');
  console.log(`warm cache: first-contentful-paint: ${t.fcp.toFixed(0)} ms; map with its points: ${t.ready.toFixed(0)} ms`);
  return `${t.fcp.toFixed(0)} ms, map ready at ${t.ready.toFixed(0)} ms`;
});

await check('a popup shows an event with a link to its article', async () => {
  // Zoom in until a single point shows, then open it. Clicking a cluster
  // starts an animated zoom that re-creates the markers, so a click can
  // land on a marker that is being replaced: try again until a popup opens.
  const popup = page.locator('.leaflet-popup-content .popup');
  for (let attempt = 1; ; attempt++) {
    if ((await page.locator('.rasad-event:visible').count()) === 0) {
      await page.locator('.rasad-cluster:visible').first().click();
      await page.waitForSelector('.rasad-event', { state: 'visible' });
    }
    await page.waitForTimeout(500); // let the zoom animation settle
    await page.locator('.rasad-event:visible').first().click({ force: true });
    try {
      await popup.waitFor({ timeout: 5000 });
      break;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
  const href = await popup.locator('a[data-nav]').getAttribute('href');
  expect(/^\/documents\/[^/]+#V\d+$/.test(href), `popup link ${href}`);
  await page.waitForTimeout(400); // the popup fades in
  await shot('map-popup');
  return href;
});

await check(`search an Arabic word (${word})`, async () => {
  await page.fill('input[name=q]', word);
  await page.press('input[name=q]', 'Enter');
  await page.waitForSelector('ol.docs li');
  expect(new URL(page.url()).searchParams.get('q') === word, `address ${page.url()}`);
  const marks = await page.locator('ol.docs mark').allTextContents();
  expect(marks.length > 0, 'no marked word in the snippets');
  expect(marks.some((m) => m.includes(word) || word.includes(m)), `marks ${JSON.stringify(marks)} do not show ${word}`);
  const n = await page.locator('ol.docs li').count();
  await shot('search');
  return `${n} articles, marks ${JSON.stringify([...new Set(marks)])}`;
});

await check('filter by type ASSAULT', async () => {
  await page.goto(base + '/', { waitUntil: 'load' });
  await dashboardReady();
  const all = await page.locator('ol.events li.event').count();
  await page.selectOption('select[name=type]', 'ASSAULT');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'ASSAULT');
  await dashboardReady();
  const types = await page.locator('ol.events li.event').evaluateAll((ns) => ns.map((n) => n.dataset.type));
  expect(types.length > 0, 'no ASSAULT events listed');
  expect(types.every((t) => t === 'ASSAULT'), `types listed: ${[...new Set(types)]}`);
  const bars = await page.locator('.timeline-chart rect.bar').evaluateAll((ns) => [...new Set(ns.map((n) => n.dataset.type))]);
  expect(bars.every((t) => t === 'ASSAULT'), `timeline types: ${bars}`);
  await shot('filter-assault');
  return `${types.length} of ${all} events`;
});

await check('brushing the timeline sets the date filters', async () => {
  await page.goto(base + '/', { waitUntil: 'load' });
  await dashboardReady();
  const box = await page.locator('.timeline-chart .brush-overlay').boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('from'));
  await dashboardReady();
  const u = new URL(page.url());
  const from = u.searchParams.get('from'), to = u.searchParams.get('to');
  expect(/^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to, `from=${from} to=${to}`);
  expect((await page.inputValue('input[name=from]')) === from, 'the from field does not show the brushed day');
  await shot('brushed');
  return `${from} … ${to}`;
});

await check('article view: entities, triggers and quotes highlighted at the right text', async () => {
  await page.goto(base + '/', { waitUntil: 'load' });
  await dashboardReady();
  await page.locator('ol.events li.event a.title').first().click();
  await page.waitForSelector('.article-text');
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const doc = (await api('/api/v1/documents/' + encodeURIComponent(id))).document;
  const textOf = (attr, v) => page.locator(`.article-text [data-${attr}~="${v}"]`).evaluateAll((ns) => ns.map((n) => n.textContent).join(''));
  // The browser's own slice of the UTF-8 bytes, to compare with the
  // highlighted text independently of the page's conversion.
  const slice = (s, e) => page.evaluate(([t, s, e]) => new TextDecoder().decode(new TextEncoder().encode(t).slice(s, e)), [doc.text, s, e]);
  let n = 0;
  for (const e of doc.entities || []) {
    const got = await textOf('entity', e.id);
    expect(got === e.text && got === (await slice(e.start, e.end)), `entity ${e.id}: highlighted ${JSON.stringify(got)}, want ${JSON.stringify(e.text)}`);
    n++;
  }
  for (const v of doc.events || []) {
    const got = await textOf('trigger', v.id);
    expect(got === v.trigger.text, `trigger ${v.id}: highlighted ${JSON.stringify(got)}, want ${JSON.stringify(v.trigger.text)}`);
    n++;
  }
  for (const q of doc.quotes || []) {
    const got = await textOf('quote', q.id);
    expect(got === q.content.text, `quote ${q.id}: highlighted ${JSON.stringify(got)}, want ${JSON.stringify(q.content.text)}`);
    n++;
  }
  expect((doc.events || []).length > 0, `article ${id} has no events`);
  // Each event card marks its evidence sentence.
  const v = doc.events[doc.events.length - 1];
  await page.locator(`.event-card[data-event="${v.id}"] .evidence-btn`).click();
  const evidence = await page.locator('.article-text .evidence-active').evaluateAll((ns) => ns.map((x) => x.textContent).join(''));
  expect(evidence === v.evidence.text, `evidence of ${v.id}: ${JSON.stringify(evidence.slice(0, 60))}…`);
  expect(await page.locator(`.event-card[data-event="${v.id}"]`).evaluate((c) => c.classList.contains('active')), 'card not marked active');
  // The removed boilerplate, on request.
  if ((doc.removed || []).length) {
    expect(!(await page.isVisible('ul.removed')), 'removed text shown before it was asked for');
    await page.click('.removed-toggle');
    const shown = await page.locator('ul.removed .removed-text').allTextContents();
    expect(JSON.stringify(shown) === JSON.stringify(doc.removed.map((r) => r.text)), 'removed text differs');
  }
  await shot('article-ar');
  return `${id}: ${n} spans match, evidence of ${v.id} marked`;
});

await check('English toggle: left to right, English strings', async () => {
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  await page.waitForSelector('.article-text');
  const nav = await page.locator('header nav a').first().textContent();
  expect(nav === 'Map', `nav says ${nav}`);
  await shot('article-en');
  await page.goto(base + '/', { waitUntil: 'load' });
  await dashboardReady();
  expect((await page.getAttribute('html', 'lang')) === 'en', 'the choice of English was not kept');
  await shot('dashboard-en');
  await page.goto(base + '/actors', { waitUntil: 'load' });
  await page.waitForSelector('table.actors tbody tr');
  await shot('actors-en');
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
});

await check('actors view: who acts on whom', async () => {
  await page.goto(base + '/actors', { waitUntil: 'load' });
  await page.waitForSelector('table.actors tbody tr');
  const actors = await page.locator('table.actors tbody tr').count();
  const links = await page.locator('table.links tbody tr').count();
  expect(actors > 0 && links > 0, `${actors} actors, ${links} links`);
  await shot('actors-ar');
  return `${actors} actors, ${links} actor→target pairs`;
});

await check('hostile article: markup shown as text, nothing runs', async () => {
  await page.goto(base + '/documents/' + encodeURIComponent(hostileID), { waitUntil: 'load' });
  await page.waitForSelector('.article-text');
  const title = await page.textContent('h1.article-title');
  expect(title.includes('<script>alert(1)</script>'), `title shows ${JSON.stringify(title)}`);
  const text = await page.textContent('.article-text');
  for (const s of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">']) {
    expect(text.includes(s), `the text does not show ${s}`);
  }
  const injected = await page.evaluate(() => ({
    scripts: document.querySelectorAll('#app script').length,
    imgs: document.querySelectorAll('#app img').length,
    jsLinks: [...document.querySelectorAll('a')].filter((a) => a.getAttribute('href') && !/^(https?:|\/)/.test(a.getAttribute('href'))).length,
  }));
  expect(injected.scripts === 0 && injected.imgs === 0 && injected.jsLinks === 0, `injected nodes: ${JSON.stringify(injected)}`);
  await shot('hostile');
  // The same article in the lists and the search.
  await page.goto(base + '/?q=' + encodeURIComponent('مصراتة'), { waitUntil: 'load' });
  await page.waitForSelector('ol.docs li');
  const titles = await page.locator('ol.docs li a.title').allTextContents();
  expect(titles.some((t) => t.includes('<script>')), `search titles ${JSON.stringify(titles)}`);
  await page.waitForTimeout(300);
  return 'shown as text; no dialog';
});

if (process.env.RASAD_TOKEN) {
  await check('live: a POSTed article reaches the open dashboard without a reload', async () => {
    await page.goto(base + '/', { waitUntil: 'load' });
    await dashboardReady();
    await page.waitForTimeout(500); // the event stream connects
    const before = Number(await page.getAttribute('#map', 'data-events'));
    const article = {
      id: 'live-benghazi-' + Date.now(),
      title: 'قصف مدفعي على أحياء في بنغازي',
      published: '2025-06-25',
      text: 'بنغازي – قصفت مجموعة مسلحة بالمدفعية الثقيلة أحياء سكنية في مدينة بنغازي يوم الأربعاء، ما أسفر عن مقتل مدنيين اثنين وإصابة خمسة آخرين، وفق مصادر طبية.',
    };
    const status = await page.evaluate(async ([a, token]) => {
      const r = await fetch('/api/v1/documents', { method: 'POST', headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' }, body: JSON.stringify(a) });
      return r.status;
    }, [article, process.env.RASAD_TOKEN]);
    expect(status === 200 || status === 201, `POST answered ${status}`);
    await page.waitForSelector('ol.events li.event.fresh', { timeout: 15000 });
    const doc = await page.locator('ol.events li.event.fresh').first().getAttribute('data-doc');
    expect(doc === article.id, `the fresh event is from ${doc}`);
    const after = Number(await page.getAttribute('#map', 'data-events'));
    expect(after > before, `map points ${before} → ${after}`);
    expect(await page.isVisible('#live'), 'the live counter is hidden');
    await shot('live');
    return `map points ${before} → ${after}`;
  });
}

await check('no dialog, console error or offsite request', async () => {
  expect(problems.length === 0, problems.join(' | '));
  expect(offsite.length === 0, `offsite requests: ${offsite.join(', ')}`);
});

await context.close();
await rm(profile, { recursive: true, force: true });
console.log(failed ? `${failed} checks failed` : 'all checks passed');
process.exit(failed ? 1 : 0);
