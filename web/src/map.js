// The map: country and district outlines drawn from the embedded GeoJSON
// (no tile server), and one point per located event, coloured by PLOVER
// type, sized by fatalities, clustered when dense.
import L from 'leaflet';
import 'leaflet.markercluster';
import boundariesURL from '../public/boundaries.geojson';
import { el, safeHref, date } from './dom.js';
import { typeColor } from './i18n.js';

const ATTRIBUTION = 'Natural Earth · geoBoundaries (ODbL, © OpenStreetMap contributors) · GeoNames';

// markerSize is the diameter in pixels of an event with n fatalities.
export function markerSize(n) {
  if (!n || n < 0) return 12;
  return Math.min(36, Math.round(12 + 4 * Math.sqrt(n)));
}

export class EventMap {
  // container: the element to draw in; ctx: {t, lang, navigate}.
  constructor(container, ctx) {
    this.ctx = ctx;
    this.map = L.map(container, { zoomControl: true, minZoom: 2, maxZoom: 12, worldCopyJump: true, zoomSnap: 0.5 });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution(ATTRIBUTION);
    this.map.setView([27, 17], 5);
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    });
    this.map.addLayer(this.clusters);
    this.count = 0;
  }

  // drawBoundaries loads and draws the outlines; the returned promise
  // resolves when they are on the map.
  async drawBoundaries(fetchJSON = defaultFetch) {
    const data = await fetchJSON(boundariesURL);
    const lang = this.ctx.lang;
    const layer = L.geoJSON(data, {
      style: (f) => f.properties.kind === 'admin1'
        ? { className: 'map-district', color: '#8c7a55', weight: 1, opacity: 0.8, dashArray: '4 3', fill: true, fillOpacity: 0, interactive: true }
        : { className: 'map-country' + (f.properties.iso === 'LY' ? ' map-libya' : ''), color: '#8a8170', weight: 0.8,
          fillColor: f.properties.iso === 'LY' ? '#f4ecd8' : '#ebe6da', fillOpacity: 1 },
      onEachFeature: (f, l) => {
        const name = (lang === 'ar' && f.properties.name_ar) || f.properties.name;
        if (f.properties.kind === 'admin1') l.bindTooltip(el('span', {}, name), { sticky: true, direction: 'top' });
      },
    });
    // Added before any event: the outlines lie under the points, and the
    // districts (last in the file) over the countries.
    layer.addTo(this.map);
    this.boundaries = layer;
  }

  clusterIcon(cluster) {
    // The cluster shows how many events it holds, coloured by its most
    // frequent type.
    const byType = new Map();
    for (const m of cluster.getAllChildMarkers()) byType.set(m.options.eventType, (byType.get(m.options.eventType) || 0) + 1);
    let top = null, most = 0;
    for (const [k, v] of byType) if (v > most) { top = k; most = v; }
    const n = cluster.getChildCount();
    const size = n < 10 ? 30 : n < 100 ? 38 : 46;
    const inner = el('span', {}, String(n));
    inner.style.background = typeColor(top);
    return L.divIcon({ html: inner, className: 'rasad-cluster', iconSize: [size, size] });
  }

  // setEvents replaces the points with these events (EventItems); events
  // without a place are not drawn.
  setEvents(events, fit = true) {
    this.clusters.clearLayers();
    this.count = 0;
    const markers = events.map((e) => this.marker(e)).filter(Boolean);
    this.clusters.addLayers(markers);
    this.count = markers.length;
    if (fit && markers.length) {
      const b = L.latLngBounds(markers.map((m) => m.getLatLng()));
      this.map.fitBounds(b.pad(0.3), { maxZoom: 7, animate: false });
    }
  }

  // addEvents adds more events without moving the view.
  addEvents(events) {
    const markers = events.map((e) => this.marker(e)).filter(Boolean);
    this.clusters.addLayers(markers);
    this.count += markers.length;
  }

  // addEvent adds one event that arrived live.
  addEvent(e) {
    const m = this.marker(e, true);
    if (m) {
      this.clusters.addLayer(m);
      this.count++;
    }
  }

  marker(e, fresh = false) {
    const p = e.place;
    if (!p || typeof p.lat !== 'number' || typeof p.lon !== 'number') return null;
    const size = markerSize(e.fatalities);
    const icon = L.divIcon({
      className: `rasad-event type-${/^[A-Z]+$/.test(e.type) ? e.type : 'OTHER'}${fresh ? ' fresh' : ''}`,
      iconSize: [size, size],
    });
    const m = L.marker([p.lat, p.lon], { icon, eventType: e.type, keyboard: false, title: '' });
    m.bindPopup(() => this.popup(e), { maxWidth: 320 });
    return m;
  }

  popup(e) {
    const { t } = this.ctx;
    const who = [e.actor && (e.actor.canonical || e.actor.text), e.target && (e.target.canonical || e.target.text)]
      .filter(Boolean).join(' ← ');
    const docHref = `/documents/${encodeURIComponent(e.doc)}#${encodeURIComponent(e.id)}`;
    const node = el('div', { class: 'popup', dir: this.ctx.lang === 'ar' ? 'rtl' : 'ltr' },
      el('div', { class: 'popup-head' },
        el('span', { class: `chip type-${e.type}` }, t('type.' + e.type)),
        date(e.date)),
      who ? el('div', { class: 'who' }, who) : null,
      e.place ? el('div', { class: 'where' }, e.place.name) : null,
      e.fatalities != null ? el('div', { class: 'fatalities' }, `${e.fatalities} ${t('map.fatalities')}`) : null,
      e.trigger && e.trigger.text ? el('div', { class: 'trigger' }, '«', e.trigger.text, '»') : null,
      el('div', { class: 'title' }, e.title || ''),
      el('div', { class: 'links' },
        el('a', { href: docHref, 'data-nav': true }, t('map.article')),
        safeHref(e.url) ? el('a', { href: e.url, rel: 'noopener noreferrer', target: '_blank' }, e.outlet || t('doc.source')) : null));
    node.addEventListener('click', (ev) => {
      const a = ev.target.closest('a[data-nav]');
      if (a) {
        ev.preventDefault();
        this.ctx.navigate(a.getAttribute('href'));
      }
    });
    return node;
  }

  invalidate() {
    this.map.invalidateSize();
  }

  remove() {
    // Stop any zoom or pan under way: its end would touch removed panes.
    this.map.stop();
    this.clusters.clearLayers();
    this.map.off();
    this.map.remove();
  }
}

async function defaultFetch(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}
