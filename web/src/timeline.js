// The timeline: events per day, stacked by PLOVER type, drawn as SVG; a
// drag across it selects a range of days (brushing), which the page turns
// into its from/to filters.
import { el, svg, clear } from './dom.js';
import { PLOVER, typeColor } from './i18n.js';

const HEIGHT = 150, PAD_TOP = 8, PAD_BOTTOM = 22, PAD_SIDE = 34;
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }); // 43,538 → 43.5K

// dayRange lists every day from first to last (YYYY-MM-DD, UTC).
export function dayRange(first, last) {
  const out = [];
  const end = Date.parse(last + 'T00:00:00Z');
  for (let d = Date.parse(first + 'T00:00:00Z'); d <= end && out.length < 20000; d += 86400000) {
    out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}

// MAX_DAYS is the longest span drawn a bar a day; longer spans get a bar
// a month. TRIM is the share of events left out at each end of a long
// span, so that a few stray dates (an event of 1914 in news of 2015) do not
// squeeze the rest into one bar.
const MAX_DAYS = 400;
const TRIM = 0.005;

const DAY_MS = 86400000;
const toMS = (d) => Date.parse(d + 'T00:00:00Z');
const fromMS = (ms) => new Date(ms).toISOString().slice(0, 10);

// months lists the months from the one holding first to the one holding
// last: [{day: 'YYYY-MM', first, last}], clipped to first and last.
function months(first, last) {
  const out = [];
  let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7));
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (key > last.slice(0, 7)) break;
    const end = fromMS(Date.UTC(y, m, 1) - DAY_MS); // the month's last day
    out.push({ day: key, first: key + '-01' < first ? first : key + '-01', last: end > last ? last : end });
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

// stack turns per_day rows into columns, one a day (or a month when the
// days span more than MAX_DAYS): {columns: [{day, first, last, total,
// parts: [{type, count, y0, y1}]}], outside}, types in PLOVER order.
// Rows dated only to a month ("2018-07") belong to no day and are left
// out; outside counts the events of a long span's trimmed ends.
export function stack(perDay) {
  const rows = (perDay || []).filter((r) => r.day && /^\d{4}-\d{2}-\d{2}$/.test(r.day) && r.count > 0)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  if (!rows.length) return { columns: [], outside: 0 };
  let lo = rows[0].day, hi = rows[rows.length - 1].day;
  if ((toMS(hi) - toMS(lo)) / DAY_MS + 1 > MAX_DAYS) {
    const total = rows.reduce((n, r) => n + r.count, 0);
    let seen = 0;
    for (const r of rows) { seen += r.count; if (seen > total * TRIM) { lo = r.day; break; } }
    seen = 0;
    for (let i = rows.length - 1; i >= 0; i--) { seen += rows[i].count; if (seen > total * TRIM) { hi = rows[i].day; break; } }
  }
  const daily = (toMS(hi) - toMS(lo)) / DAY_MS + 1 <= MAX_DAYS;
  const buckets = new Map();
  for (const b of daily ? dayRange(lo, hi).map((d) => ({ day: d, first: d, last: d })) : months(lo, hi)) {
    buckets.set(b.day, { ...b, counts: new Map() });
  }
  let outside = 0;
  for (const r of rows) {
    const b = r.day >= lo && r.day <= hi ? buckets.get(daily ? r.day : r.day.slice(0, 7)) : null;
    if (!b) { outside += r.count; continue; }
    b.counts.set(r.type, (b.counts.get(r.type) || 0) + r.count);
  }
  const order = (t) => { const i = PLOVER.indexOf(t); return i < 0 ? PLOVER.length : i; };
  const columns = [...buckets.values()].map((b) => {
    let y = 0;
    const parts = [...b.counts.entries()].sort((x, z) => order(x[0]) - order(z[0]))
      .map(([type, count]) => ({ type, count, y0: y, y1: (y += count) }));
    return { day: b.day, first: b.first, last: b.last, total: y, parts };
  });
  return { columns, outside };
}

export class Timeline {
  // onBrush(from, to) is called with the chosen days (or nulls to clear).
  constructor(container, ctx, onBrush) {
    this.container = container;
    this.ctx = ctx;
    this.onBrush = onBrush;
    this.columns = [];
    this.selected = null;
    this.resize = () => this.draw();
    window.addEventListener('resize', this.resize);
  }

  set(perDay, from, to) {
    ({ columns: this.columns, outside: this.outside } = stack(perDay));
    this.selected = from || to ? [from || null, to || null] : null;
    this.draw();
  }

  destroy() {
    window.removeEventListener('resize', this.resize);
  }

  draw() {
    const { t } = this.ctx;
    const box = clear(this.container);
    const cols = this.columns;
    if (!cols.length) {
      box.append(el('p', { class: 'empty' }, t('timeline.empty')));
      return;
    }
    const width = Math.max(300, box.clientWidth || 600);
    const inner = width - 2 * PAD_SIDE;
    const step = inner / cols.length;
    const max = Math.max(...cols.map((c) => c.total));
    const h = HEIGHT - PAD_TOP - PAD_BOTTOM;
    const yOf = (v) => PAD_TOP + h - (v / max) * h;
    const chart = svg('svg', { class: 'timeline-chart', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img' });
    chart.append(svg('title', {}, t('timeline.title')));
    // The y axis: zero and the maximum.
    chart.append(svg('text', { x: PAD_SIDE - 4, y: yOf(max) + 4, class: 'axis', 'text-anchor': 'end' }, compact.format(max)));
    chart.append(svg('text', { x: PAD_SIDE - 4, y: yOf(0), class: 'axis', 'text-anchor': 'end' }, '0'));
    chart.append(svg('line', { x1: PAD_SIDE, x2: width - PAD_SIDE, y1: yOf(0), y2: yOf(0), class: 'baseline' }));
    const bars = svg('g', { class: 'bars' });
    const barWidth = Math.max(1, Math.min(step * 0.8, 28));
    cols.forEach((c, i) => {
      const x = PAD_SIDE + i * step + (step - barWidth) / 2;
      for (const p of c.parts) {
        const r = svg('rect', { x, y: yOf(p.y1), width: barWidth, height: Math.max(0.5, yOf(p.y0) - yOf(p.y1)),
          fill: typeColor(p.type), class: 'bar', 'data-day': c.day, 'data-type': p.type });
        r.append(svg('title', {}, `${c.day} · ${t('type.' + p.type)}: ${p.count}`));
        bars.append(r);
      }
    });
    chart.append(bars);
    // Date ticks: about one every 90 pixels.
    const every = Math.max(1, Math.ceil(cols.length / Math.max(1, Math.floor(inner / 90))));
    for (let i = 0; i < cols.length; i += every) {
      chart.append(svg('text', { x: PAD_SIDE + i * step + step / 2, y: HEIGHT - 6, class: 'axis', 'text-anchor': 'middle' },
        cols[i].day.length > 7 ? cols[i].day.slice(2) : cols[i].day));
    }
    // The selected range and the brush.
    const sel = svg('rect', { class: 'brush-selection', y: PAD_TOP, height: h, x: 0, width: 0, visibility: 'hidden' });
    chart.append(sel);
    const dayAt = (x) => Math.max(0, Math.min(cols.length - 1, Math.floor((x - PAD_SIDE) / step)));
    const showSel = (a, b) => {
      const lo = Math.min(a, b), hi = Math.max(a, b);
      sel.setAttribute('x', PAD_SIDE + lo * step);
      sel.setAttribute('width', (hi - lo + 1) * step);
      sel.setAttribute('visibility', 'visible');
    };
    if (this.selected) {
      const a = this.selected[0] ? cols.findIndex((c) => c.last >= this.selected[0]) : 0;
      const b = this.selected[1] ? cols.findLastIndex((c) => c.first <= this.selected[1]) : cols.length - 1;
      if (a >= 0 && b >= a) showSel(a, b);
    }
    const overlay = svg('rect', { class: 'brush-overlay', x: PAD_SIDE, y: 0, width: inner, height: HEIGHT, fill: 'transparent' });
    chart.append(overlay);
    let start = null;
    const xOf = (ev) => {
      const r = chart.getBoundingClientRect();
      return (ev.clientX - r.left) * (width / r.width);
    };
    overlay.addEventListener('pointerdown', (ev) => {
      start = dayAt(xOf(ev));
      overlay.setPointerCapture(ev.pointerId);
      showSel(start, start);
    });
    overlay.addEventListener('pointermove', (ev) => {
      if (start !== null) showSel(start, dayAt(xOf(ev)));
    });
    overlay.addEventListener('pointerup', (ev) => {
      if (start === null) return;
      const end = dayAt(xOf(ev));
      const lo = Math.min(start, end), hi = Math.max(start, end);
      start = null;
      this.onBrush(cols[lo].first, cols[hi].last);
    });
    // Time runs left to right in both languages, as on the axis labels.
    const wrap = el('div', { class: 'timeline-wrap', dir: 'ltr' });
    wrap.append(chart);
    const present = PLOVER.filter((ty) => cols.some((c) => c.parts.some((p) => p.type === ty)));
    const legend = el('div', { class: 'legend' }, present.map((ty) => el('span', { class: `chip type-${ty}` }, t('type.' + ty))));
    const foot = el('div', { class: 'timeline-foot' }, legend, el('span', { class: 'hint' }, t('timeline.hint')),
      this.outside ? el('span', { class: 'hint' }, `${t('timeline.outside')}: ${this.outside}`) : null,
      this.selected ? el('button', { type: 'button', class: 'link', onclick: () => this.onBrush(null, null) }, t('timeline.clear')) : null);
    box.append(wrap, foot);
  }
}
