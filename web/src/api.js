// The dashboard's calls to /api/v1 and the filters they share with the
// page's address (so a filtered view can be bookmarked and reloaded).

export const FILTER_KEYS = ['q', 'type', 'actor', 'place', 'from', 'to', 'outlet'];

// filtersFrom reads the filters from a query string.
export function filtersFrom(search) {
  const p = new URLSearchParams(search);
  const f = {};
  for (const k of FILTER_KEYS) {
    const v = k === 'type' ? p.getAll(k).join(',') : p.get(k);
    if (v) f[k] = v.trim();
  }
  return f;
}

// query turns filters (and extra parameters) into a query string.
export function query(filters, extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) {
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

// APIError carries the kind and message of the server's error envelope.
export class APIError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

export async function get(path, filters = {}, extra = {}, signal) {
  const res = await fetch('/api/v1' + path + query(filters, extra), { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: reported below with the status.
  }
  if (!res.ok) {
    const e = body && body.error;
    throw new APIError(res.status, e ? e.kind : 'internal', e ? e.message : `HTTP ${res.status}`);
  }
  return body;
}
