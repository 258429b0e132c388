// The timeline: events per day, stacked by PLOVER type, drawn as SVG; a
// drag across it selects a range of days (brushing), which the page turns
// into its from/to filters.
import { el, svg, clear } from './dom.js';
import { PLOVER, typeColor } from './i18n.js';

const HEIGHT = 150, PAD_TOP = 8, PAD_BOTTOM = 22, PAD_SIDE = 34;

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
// a month.
const MAX_DAYS = 400;

// stack turns per_day rows into one column per day (or per month when the
// days span more than MAX_DAYS): [{day, first, last, total, parts: [{type,
// count, y0, y1}]}], types in PLOVER order. Rows dated only to a month
// ("2018-07") are left out: they belong to no day.
export function stack(perDay) {
  const rows = (perDay || []).filter((r) => r.day && /^\d{4}-\d{2}-\d{2}$/.test(r.day));
  if (!rows.length) return [];
  const sorted = rows.map((r) => r.day).sort();
  let days = dayRange(sorted[0], sorted[sorted.length - 1]);
  const monthly = days.length > MAX_DAYS;
  const key = monthly ? (d) => d.slice(0, 7) : (d) => d;
  const buckets = new Map();
  for (const d of days) {
    const k = key(d);
    if (!buckets.has(k)) buckets.set(k, { day: k, first: d, last: d, counts: new Map() });
    buckets.get(k).last = d;
  }
  for (const r of rows) {
    const m = buckets.get(key(r.day)).counts;
    m.set(r.type, (m.get(r.type) || 0) + r.count);
  }
  const order = (t) => { const i = PLOVER.indexOf(t); return i < 0 ? PLOVER.length : i; };
  return [...buckets.values()].map((b) => {
    let y = 0;
    const parts = [...b.counts.entries()].sort((a, c) => order(a[0]) - order(c[0]))
      .map(([type, count]) => ({ type, count, y0: y, y1: (y += count) }));
    return { day: b.day, first: b.first, last: b.last, total: y, parts };
  });
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
    this.columns = stack(perDay);
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
    chart.append(svg('text', { x: PAD_SIDE - 4, y: yOf(max) + 4, class: 'axis', 'text-anchor': 'end' }, String(max)));
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
      this.selected ? el('button', { type: 'button', class: 'link', onclick: () => this.onBrush(null, null) }, t('timeline.clear')) : null);
    box.append(wrap, foot);
  }
}
