// The actors view: who acts, who is acted on, and for each pair of actor
// and target how often and in what way (counts by PLOVER type).
import { el } from './dom.js';

// pairs groups /actors/links rows by actor and target, largest first.
export function pairs(links) {
  const byPair = new Map();
  for (const l of links || []) {
    const key = JSON.stringify([l.actor || '', l.target || '']);
    if (!byPair.has(key)) byPair.set(key, { actor: l.actor || '', target: l.target || '', total: 0, types: new Map() });
    const p = byPair.get(key);
    p.total += l.count;
    p.types.set(l.type, (p.types.get(l.type) || 0) + l.count);
  }
  return [...byPair.values()].sort((a, b) => b.total - a.total || a.actor.localeCompare(b.actor));
}

export function renderActors(actors, links, ctx) {
  const { t } = ctx;
  const items = (actors.items || []).slice(0, 100);
  const max = Math.max(1, ...items.map((a) => Math.max(a.as_actor || 0, a.as_target || 0)));
  const filterBy = (key, value) => ctx.navigate('/' + ctx.filterQuery({ [key]: value }));
  const bar = (n, cls) => {
    const b = el('span', { class: 'meter ' + cls });
    b.style.inlineSize = `${(100 * (n || 0)) / max}%`;
    return el('span', { class: 'bar-cell' }, b, el('span', { class: 'n' }, String(n || 0)));
  };
  const actorTable = items.length
    ? el('table', { class: 'actors' },
      el('thead', {}, el('tr', {}, el('th', {}, t('actors.name')), el('th', {}, t('actors.as_actor')), el('th', {}, t('actors.as_target')))),
      el('tbody', {}, items.map((a) => el('tr', {},
        el('td', {}, el('button', { type: 'button', class: 'link actor-name', onclick: () => filterBy('actor', a.name) }, a.name)),
        el('td', {}, bar(a.as_actor, 'as-actor')),
        el('td', {}, bar(a.as_target, 'as-target'))))))
    : el('p', { class: 'empty' }, t('actors.none'));
  const ps = pairs(links.items).slice(0, 200);
  const linkTable = el('table', { class: 'links' },
    el('thead', {}, el('tr', {}, el('th', {}, t('actors.actor')), el('th', {}, ''), el('th', {}, t('actors.target')),
      el('th', {}, t('actors.total')), el('th', {}, t('actors.type')))),
    el('tbody', {}, ps.map((p) => el('tr', {},
      el('td', {}, p.actor || t('ev.unknown')),
      el('td', { class: 'arrow' }, ctx.lang === 'ar' ? '←' : '→'),
      el('td', {}, p.target || t('ev.unknown')),
      el('td', { class: 'num' }, String(p.total)),
      el('td', {}, [...p.types.entries()].sort((a, b) => b[1] - a[1])
        .map(([ty, n]) => el('span', { class: `chip type-${ty}` }, `${t('type.' + ty)} ${n}`)))))));
  return el('section', { class: 'actors-view' },
    el('div', { class: 'panel' }, el('h2', {}, t('actors.title')), actorTable),
    el('div', { class: 'panel' }, el('h2', {}, t('actors.links')), ps.length ? linkTable : el('p', { class: 'empty' }, t('actors.none'))));
}
