// rasad's dashboard: a small single-page application over /api/v1. Routes:
// /            map, timeline, filters, events (and articles when searching)
// /actors      who acts on whom
// /documents/X one article with its annotations
import './style.css';
import { el, clear, safeHref, date } from './dom.js';
import { translator, PLOVER } from './i18n.js';
import { get, filtersFrom, query } from './api.js';
import { EventMap } from './map.js';
import { Timeline } from './timeline.js';
import { renderArticle } from './article.js';
import { renderActors } from './actors.js';
import { segments } from './offsets.js';

const LANG_KEY = 'rasad.lang';
const MAP_EVENTS = 500; // events a request fetches for the map (the API's maximum)
const MAP_PAGES = 4; // requests for the map: it shows at most the newest 2,000
const LIST_EVENTS = 50; // events listed beside it

class App {
  constructor() {
    this.root = document.getElementById('app');
    this.lang = storedLang();
    this.t = translator(this.lang);
    this.cleanup = [];
    this.view = null; // the dashboard's live parts while it is shown
    this.live = 0;
    this.loadToken = 0;
  }

  start() {
    document.addEventListener('click', (e) => {
      const a = e.target.closest('a[data-nav]');
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      this.navigate(a.getAttribute('href'));
    });
    window.addEventListener('popstate', () => this.render());
    document.getElementById('lang-toggle').addEventListener('click', () => this.setLang(this.lang === 'ar' ? 'en' : 'ar'));
    this.applyLang();
    this.subscribe();
    this.render();
  }

  // ctx is what the views need from the app.
  get ctx() {
    return {
      t: this.t, lang: this.lang,
      navigate: (href) => this.navigate(href),
      back: () => (history.length > 1 ? history.back() : this.navigate('/')),
      filterQuery: (extra) => query({ ...this.filters(), ...extra }),
    };
  }

  filters() {
    return filtersFrom(location.search);
  }

  navigate(href) {
    const h = safeHref(href);
    if (!h) return;
    history.pushState(null, '', h);
    this.render();
  }

  setLang(lang) {
    this.lang = lang;
    this.t = translator(lang);
    try { localStorage.setItem(LANG_KEY, lang); } catch { /* private mode: the choice lasts this page */ }
    this.applyLang();
    this.render();
  }

  applyLang() {
    const html = document.documentElement;
    html.lang = this.lang;
    html.dir = this.lang === 'ar' ? 'rtl' : 'ltr';
    document.title = this.t('app.title');
    for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = this.t(n.dataset.i18n);
    document.getElementById('lang-toggle').textContent = this.t('lang.other');
    this.showLive();
  }

  teardown() {
    for (const f of this.cleanup.splice(0)) f();
    this.view = null;
  }

  render() {
    this.teardown();
    const path = location.pathname;
    for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('current', a.getAttribute('href') === path);
    const m = path.match(/^\/documents\/([^/]+)$/);
    if (m) return this.renderDocument(decodeURIComponent(m[1]));
    if (path === '/actors') return this.renderActors();
    return this.renderDashboard();
  }

  // guard returns a function telling whether this render is still current.
  guard() {
    const token = ++this.loadToken;
    return () => token === this.loadToken;
  }

  error(err) {
    return el('div', { class: 'error', role: 'alert' }, `${this.t('error')}: `, err && err.message ? err.message : String(err));
  }

  async renderDocument(id) {
    const current = this.guard();
    clear(this.root).append(el('p', { class: 'loading' }, this.t('loading')));
    try {
      const resp = await get('/documents/' + encodeURIComponent(id));
      if (!current()) return;
      clear(this.root).append(renderArticle(resp, this.ctx));
      window.scrollTo(0, 0);
    } catch (err) {
      if (!current()) return;
      clear(this.root).append(err.status === 404 ? el('p', { class: 'error' }, this.t('doc.notfound')) : this.error(err));
    }
  }

  async renderActors() {
    const current = this.guard();
    const f = this.filters();
    clear(this.root).append(this.filterForm(f, '/actors'), el('p', { class: 'loading' }, this.t('loading')));
    try {
      const [actors, links] = await Promise.all([get('/actors', f, { limit: 100 }), get('/actors/links', f, { limit: 500 })]);
      if (!current()) return;
      clear(this.root).append(this.filterForm(f, '/actors'), renderActors(actors, links, this.ctx));
    } catch (err) {
      if (current()) this.root.append(this.error(err));
    }
  }

  async renderDashboard() {
    const current = this.guard();
    const f = this.filters();
    const t = this.t;
    const stats = el('div', { class: 'stats' });
    const timelineBox = el('div', { class: 'timeline' });
    const mapBox = el('div', { class: 'map', id: 'map', dir: 'ltr' });
    const list = el('div', { class: 'list' });
    clear(this.root).append(
      this.filterForm(f, '/'),
      el('section', { class: 'panel timeline-panel' }, el('h2', {}, t('timeline.title')), stats, timelineBox),
      el('div', { class: 'dash' }, el('section', { class: 'panel map-panel' }, mapBox), el('section', { class: 'panel list-panel' }, list)));
    const map = new EventMap(mapBox, this.ctx);
    const timeline = new Timeline(timelineBox, this.ctx, (from, to) => this.navigate('/' + query({ ...f, from, to })));
    this.cleanup.push(() => map.remove(), () => timeline.destroy());
    this.view = { map, mapBox, list: null, filters: f };
    const boundaries = map.drawBoundaries().then(() => mapBox.setAttribute('data-boundaries', 'drawn'));
    // The counts and the timeline come on their own: on a large database
    // they take longer than the newest events the map and list show.
    get('/stats', f).then((st) => {
      if (!current()) return;
      stats.append(
        el('span', {}, el('b', {}, formatCount(st.documents)), ' ', t('stats.documents')),
        el('span', {}, el('b', {}, formatCount(st.events)), ' ', t('stats.events')),
        el('span', {}, el('b', {}, formatCount(st.incidents)), ' ', t('stats.incidents')));
      timeline.set(st.per_day, f.from, f.to);
      timelineBox.setAttribute('data-ready', '');
    }).catch((err) => {
      if (current()) timelineBox.append(this.error(err));
    });
    timelineBox.append(el('p', { class: 'loading' }, t('loading')));
    list.append(el('p', { class: 'loading' }, t('loading')));
    try {
      const [events, docs] = await Promise.all([
        get('/events', f, { limit: MAP_EVENTS }),
        f.q ? get('/documents', f, { limit: LIST_EVENTS }) : null,
        boundaries,
      ]);
      if (!current()) return;
      map.setEvents(events.items || []);
      mapBox.setAttribute('data-events', String(map.count));
      // The moment the map shows its points, for the browser test's timing.
      if (!performance.getEntriesByName('rasad:map-ready').length) performance.mark('rasad:map-ready');
      this.moreMapEvents(f, events.total, map, mapBox, current);
      const eventList = el('ol', { class: 'events' }, (events.items || []).slice(0, LIST_EVENTS).map((e) => this.eventItem(e)));
      this.view.list = eventList;
      clear(list);
      if (docs) {
        list.append(el('h2', {}, `${t('docs.title')} (${formatCount(docs.total)})`),
          docs.items.length ? el('ol', { class: 'docs' }, docs.items.map((d) => this.docItem(d))) : el('p', { class: 'empty' }, t('docs.none')));
      }
      list.append(el('h2', {}, `${t('events.title')} (${formatCount(events.total)})`),
        events.items && events.items.length ? eventList : el('p', { class: 'empty' }, t('events.none')));
    } catch (err) {
      if (current()) clear(list).append(this.error(err));
    }
  }

  // moreMapEvents adds the pages of events after the first to the map, in
  // the background, up to MAP_PAGES requests.
  async moreMapEvents(f, total, map, mapBox, current) {
    for (let page = 1; page < MAP_PAGES && page * MAP_EVENTS < total; page++) {
      let more;
      try {
        more = await get('/events', f, { limit: MAP_EVENTS, offset: page * MAP_EVENTS });
      } catch {
        return; // the first page is on the map; the rest can wait for a reload
      }
      if (!current()) return;
      map.addEvents(more.items || []);
      mapBox.setAttribute('data-events', String(map.count));
    }
  }

  eventItem(e, fresh = false) {
    const t = this.t;
    const who = [e.actor && (e.actor.canonical || e.actor.text), e.target && (e.target.canonical || e.target.text)].filter(Boolean);
    return el('li', { class: 'event' + (fresh ? ' fresh' : ''), dataset: { type: e.type, doc: e.doc } },
      el('div', { class: 'event-head' },
        el('span', { class: `chip type-${e.type}` }, t('type.' + e.type)),
        date(e.date),
        e.place ? el('span', { class: 'where' }, e.place.name) : null,
        e.fatalities != null ? el('span', { class: 'fatalities' }, `${e.fatalities} ${t('map.fatalities')}`) : null),
      who.length ? el('div', { class: 'who' }, who.join(this.lang === 'ar' ? ' ← ' : ' → ')) : null,
      el('a', { href: `/documents/${encodeURIComponent(e.doc)}#${encodeURIComponent(e.id)}`, 'data-nav': true, class: 'title' }, e.title || e.doc));
  }

  docItem(d) {
    const t = this.t;
    const snippet = el('p', { class: 'snippet', lang: 'ar' });
    const marks = (d.marks || []).map(([start, end]) => ({ start, end, kind: 'mark' }));
    for (const s of segments(d.snippet || '', marks)) snippet.append(s.spans.length ? el('mark', {}, s.text) : document.createTextNode(s.text));
    return el('li', { class: 'doc', dataset: { doc: d.id } },
      el('a', { href: `/documents/${encodeURIComponent(d.id)}`, 'data-nav': true, class: 'title' }, d.title || d.id),
      el('div', { class: 'meta' }, d.outlet ? el('span', {}, d.outlet) : null, date(d.published),
        el('span', {}, `${d.events || 0} ${t('docs.events')}`)),
      snippet);
  }

  filterForm(f, path) {
    const t = this.t;
    const field = (name, label, attrs = {}) => el('label', { class: 'field field-' + name }, el('span', {}, label),
      el('input', { name, value: f[name] || '', ...attrs }));
    const types = (f.type || '').split(',').filter(Boolean);
    const typeSelect = el('select', { name: 'type' }, el('option', { value: '' }, t('filters.any')),
      PLOVER.map((ty) => el('option', { value: ty, selected: types.length === 1 && types[0] === ty }, t('type.' + ty))));
    if (types.length > 1) typeSelect.append(el('option', { value: f.type, selected: true }, types.map((ty) => t('type.' + ty)).join('، ')));
    const form = el('form', { class: 'filters', role: 'search' },
      field('q', t('filters.q'), { type: 'search', placeholder: t('filters.q.placeholder'), class: 'q', dir: this.lang === 'ar' ? 'rtl' : 'auto', lang: 'ar' }),
      el('label', { class: 'field field-type' }, el('span', {}, t('filters.type')), typeSelect),
      field('actor', t('filters.actor')),
      field('place', t('filters.place')),
      field('from', t('filters.from'), { type: 'date' }),
      field('to', t('filters.to'), { type: 'date' }),
      field('outlet', t('filters.outlet')),
      el('div', { class: 'buttons' },
        el('button', { type: 'submit' }, t('filters.apply')),
        el('button', { type: 'button', class: 'link', onclick: () => this.navigate(path) }, t('filters.reset'))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(form).entries());
      this.navigate(path + query(data));
    });
    form.querySelector('select').addEventListener('change', () => form.requestSubmit());
    return form;
  }

  // subscribe listens for events stored after the page opened and adds
  // them to the map and list without a reload.
  subscribe() {
    if (!('EventSource' in window)) return;
    const source = new EventSource('/api/v1/events/stream');
    source.addEventListener('event', (msg) => {
      let e;
      try { e = JSON.parse(msg.data); } catch { return; }
      this.live++;
      this.showLive();
      const v = this.view;
      if (!v || !matches(e, v.filters)) return;
      v.map.addEvent(e);
      v.mapBox.setAttribute('data-events', String(v.map.count));
      if (v.list) v.list.prepend(this.eventItem(e, true));
    });
  }

  showLive() {
    const n = document.getElementById('live');
    if (!n) return;
    n.hidden = this.live === 0;
    n.textContent = `● ${this.live} ${this.t('live.new')}`;
  }
}

// matches tells whether a live event passes the filters the page can check
// without the server (type, dates, outlet); with a search or an actor or
// place filter it is left to the next reload.
function matches(e, f) {
  if (f.q || f.actor || f.place) return false;
  if (f.type && !f.type.split(',').includes(e.type)) return false;
  if (f.from && (!e.date || e.date < f.from)) return false;
  if (f.to && (!e.date || e.date > f.to)) return false;
  if (f.outlet && e.outlet !== f.outlet) return false;
  return true;
}

// formatCount groups digits (156,926) in both languages: the page keeps
// Western digits throughout, as its dates do.
const countFormat = new Intl.NumberFormat('en-US');
function formatCount(n) {
  return typeof n === 'number' ? countFormat.format(n) : '—';
}

function storedLang() {
  try {
    const l = localStorage.getItem(LANG_KEY);
    if (l === 'en' || l === 'ar') return l;
  } catch { /* no storage: Arabic */ }
  return 'ar';
}

new App().start();
