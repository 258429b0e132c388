// The article view: the cleaned text with entities, event triggers and
// quotes highlighted from the document's byte offsets, a card per event
// that scrolls to and marks its evidence sentence, and the boilerplate the
// cleaner removed, on request. Every string of the article is inserted as
// text.
import { el, safeHref, date } from './dom.js';
import { segments } from './offsets.js';

// spansOf lists the document's highlightable spans (byte offsets).
export function spansOf(doc) {
  const spans = [];
  for (const e of doc.entities || []) spans.push({ start: e.start, end: e.end, kind: 'entity', id: e.id, type: e.type, canonical: e.canonical });
  for (const v of doc.events || []) {
    if (v.trigger) spans.push({ start: v.trigger.start, end: v.trigger.end, kind: 'trigger', id: v.id, type: v.type });
    if (v.evidence) spans.push({ start: v.evidence.start, end: v.evidence.end, kind: 'evidence', id: v.id });
  }
  for (const q of doc.quotes || []) {
    if (q.content) spans.push({ start: q.content.start, end: q.content.end, kind: 'quote', id: q.id });
    if (q.cue) spans.push({ start: q.cue.start, end: q.cue.end, kind: 'cue', id: q.id });
  }
  return spans;
}

// renderText returns the article text as nodes: plain text where nothing
// is marked, else one <span> per piece with the classes and ids of the
// spans covering it.
export function renderText(text, spans, t) {
  const out = el('div', { class: 'article-text', lang: 'ar', dir: 'rtl' });
  for (const seg of segments(text, spans)) {
    if (!seg.spans.length) {
      out.append(document.createTextNode(seg.text));
      continue;
    }
    const cls = [], data = {}, titles = [];
    const ids = (kind) => seg.spans.filter((s) => s.kind === kind).map((s) => s.id).join(' ');
    for (const s of seg.spans) {
      if (s.kind === 'entity') {
        cls.push('ent', 'ent-' + (/^[A-Z]+$/.test(s.type) ? s.type : 'MISC'));
        titles.push(`${t('ent.' + s.type)}: ${s.canonical || ''}`);
      } else if (s.kind === 'trigger') {
        cls.push('trig', 'type-' + s.type);
        titles.push(t('type.' + s.type));
      } else if (s.kind === 'quote') cls.push('quote');
      else if (s.kind === 'cue') cls.push('cue');
    }
    for (const kind of ['entity', 'trigger', 'quote', 'evidence']) {
      const v = ids(kind);
      if (v) data[kind] = v;
    }
    const node = el('span', { class: [...new Set(cls)].join(' ') || null, title: titles.join(' · ') || null, dataset: data }, seg.text);
    out.append(node);
  }
  return out;
}

// renderArticle builds the whole view from the API's /documents/{id} answer.
export function renderArticle(resp, ctx) {
  const { t } = ctx;
  const doc = resp.document;
  const textNode = renderText(doc.text || '', spansOf(doc), t);
  const placeByID = new Map((doc.places || []).map((p) => [p.id, p]));
  const cards = new Map();

  const activate = (id, scroll = true) => {
    for (const n of textNode.querySelectorAll('.evidence-active')) n.classList.remove('evidence-active');
    for (const c of cards.values()) c.classList.remove('active');
    const parts = [...textNode.querySelectorAll('[data-evidence]')].filter((n) => n.dataset.evidence.split(' ').includes(id));
    for (const n of parts) n.classList.add('evidence-active');
    const card = cards.get(id);
    if (card) card.classList.add('active');
    if (scroll && parts.length) parts[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (location.hash !== '#' + id) history.replaceState(history.state, '', '#' + encodeURIComponent(id));
  };

  const name = (x) => (x ? x.canonical || x.text : null);
  const row = (label, value) => (value == null || value === '' ? null
    : el('div', { class: 'row' }, el('span', { class: 'label' }, label), ' ', value instanceof Node ? value : el('span', {}, String(value))));
  (doc.events || []).forEach((v, i) => {
    const p = typeof v.place === 'string' ? placeByID.get(v.place) : v.place;
    const card = el('article', { class: `event-card type-${v.type}`, id: 'card-' + v.id, dataset: { event: v.id }, tabindex: '0' },
      el('header', {},
        el('span', { class: `chip type-${v.type}` }, t('type.' + v.type)),
        v.mode ? el('span', { class: 'mode' }, v.mode) : null,
        resp.incidents && resp.incidents[i] != null ? el('span', { class: 'incident' }, `${t('doc.incident')} ${resp.incidents[i]}`) : null),
      el('div', { class: 'trigger-text' }, '«', v.trigger ? v.trigger.text : '', '»'),
      row(t('ev.actor'), name(v.actor)),
      row(t('ev.target'), name(v.target)),
      row(t('ev.place'), p ? p.name : null),
      row(t('ev.date'), date(v.date)),
      row(t('ev.fatalities'), v.fatalities),
      row(t('ev.modality'), v.modality ? t('modality.' + v.modality) : null),
      el('button', { type: 'button', class: 'link evidence-btn', onclick: () => activate(v.id) }, t('doc.evidence')));
    card.addEventListener('click', (e) => { if (!e.target.closest('button')) activate(v.id); });
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        activate(v.id);
      }
    });
    cards.set(v.id, card);
  });

  const quotes = (doc.quotes || []).map((q) => el('blockquote', { class: 'quote-card', dataset: { quote: q.id } },
    el('div', { class: 'speaker' }, `${t('ev.speaker')}: `, name(q.speaker) || t('ev.unknown'), q.speaker && q.speaker.role ? ` (${q.speaker.role})` : ''),
    el('div', { class: 'content' }, q.content ? q.content.text : '')));

  // The removed boilerplate: hidden until asked for.
  const removed = doc.removed || [];
  const removedList = el('ul', { class: 'removed', hidden: true },
    removed.map((r) => el('li', {}, el('span', { class: 'reason' }, r.reason), ' ', el('span', { class: 'removed-text' }, r.text))));
  const toggle = el('button', { type: 'button', class: 'link removed-toggle', disabled: removed.length === 0 },
    removed.length ? t('doc.removed.show') : t('doc.removed.none'));
  toggle.addEventListener('click', () => {
    removedList.hidden = !removedList.hidden;
    toggle.textContent = removedList.hidden ? t('doc.removed.show') : t('doc.removed.hide');
  });

  const source = safeHref(doc.url);
  const view = el('section', { class: 'article-view' },
    el('div', { class: 'article-head' },
      el('button', { type: 'button', class: 'link back', onclick: () => ctx.back() }, t('doc.back')),
      el('h1', { class: 'article-title', lang: 'ar', dir: 'rtl' }, doc.title || doc.id),
      el('div', { class: 'meta' },
        doc.outlet ? el('span', { class: 'outlet' }, doc.outlet) : null,
        date(doc.published, 'published'),
        source ? el('a', { href: source, rel: 'noopener noreferrer', target: '_blank', class: 'source' }, t('doc.source')) : null,
        el('span', { class: 'doc-id' }, doc.id)),
      el('div', { class: 'legend' },
        el('span', { class: 'ent ent-PER' }, t('ent.PER')), el('span', { class: 'ent ent-ORG' }, t('ent.ORG')),
        el('span', { class: 'ent ent-LOC' }, t('ent.LOC')), el('span', { class: 'ent ent-MISC' }, t('ent.MISC')),
        el('span', { class: 'trig' }, t('doc.legend.trigger')), el('span', { class: 'quote' }, t('doc.legend.quote'))),
      toggle, removedList),
    el('div', { class: 'article-body' },
      textNode,
      el('aside', { class: 'article-side' },
        el('h2', {}, `${t('doc.events')} (${(doc.events || []).length})`), [...cards.values()],
        quotes.length ? el('h2', {}, `${t('doc.quotes')} (${quotes.length})`) : null, quotes)));
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash && cards.has(hash)) requestAnimationFrame(() => activate(hash));
  return view;
}
