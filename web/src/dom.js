// Building DOM nodes. Every string from the server (article text, titles,
// names) goes in as a text node, never as HTML; links only ever point at
// http(s) addresses or this dashboard's own paths.

const SVG_NS = 'http://www.w3.org/2000/svg';

// el creates an element: attrs are set as attributes (class, href via
// safe setters), children are nodes or strings (strings become text nodes).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

// svg creates an SVG element the same way.
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'href') {
      const href = safeHref(v);
      if (href) node.setAttribute('href', href);
    } else if (k === 'dataset') {
      Object.assign(node.dataset, v);
    } else if (k.startsWith('on') && typeof v === 'function') {
      node.addEventListener(k.slice(2), v);
    } else {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// safeHref returns href when it is an http(s) URL or a path of this site,
// else null: javascript:, data: and the like never become links.
export function safeHref(href) {
  if (typeof href !== 'string') return null;
  const h = href.trim();
  if (h.startsWith('/') && !h.startsWith('//')) return h;
  try {
    const u = new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

// clear removes every child of node.
export function clear(node) {
  node.replaceChildren();
  return node;
}

// date shows an ISO date (2025-06-22) left to right even inside Arabic
// text, where the bidirectional algorithm would reorder its parts.
export function date(d, cls = 'date') {
  return d ? el('bdi', { dir: 'ltr', class: cls }, d) : null;
}
