-- Saved searches that fire when newly stored documents match them, and
-- the outbox of their matches.

-- alerts: one row per saved search. The filter is kept in columns an
-- analyst can read: types comma-separated, near as "lat,lon,km".
-- on_what is 'events' (one match per matching event) or 'articles'.
-- sink is 'stdout', 'file:/absolute/path' or an http(s) URL; secret keys
-- the HMAC of webhook bodies.
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    query TEXT NOT NULL,
    types TEXT NOT NULL,
    actor TEXT NOT NULL,
    place TEXT NOT NULL,
    near TEXT NOT NULL,
    from_day TEXT NOT NULL,
    to_day TEXT NOT NULL,
    outlet TEXT NOT NULL,
    on_what TEXT NOT NULL,
    sink TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- alert_matches: the outbox. One row per match of an alert: a document
-- (its store number, which survives updates) and the ordinal of the
-- event in it (-1 when the alert fires per article). event_key names the
-- event by what it says (its type, trigger and evidence), so that an
-- article updated with a paragraph on top, which shifts the ordinals,
-- fires for its new event and not again for the old ones. The unique key
-- is what makes an alert fire once per match, across restarts and
-- workers: rows are inserted with ON CONFLICT DO NOTHING and only
-- inserted rows are delivered. body is the JSON line sent; state is pending, delivered
-- or failed; next_at and lease_until are Unix milliseconds; a worker
-- delivering a row holds it under lease_owner until lease_until.
CREATE TABLE alert_matches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    event INTEGER NOT NULL,
    event_key TEXT NOT NULL,
    delivery TEXT NOT NULL UNIQUE,
    matched_at TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    last_error TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (alert, doc, event_key)
);
CREATE INDEX alert_matches_due ON alert_matches (state, next_at);
