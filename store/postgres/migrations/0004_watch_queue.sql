-- The work queue of `rasad watch`: the sources it follows and every URL or
-- file it found in them, with where each stands. Times are Unix
-- milliseconds (UTC), so that both backends compare them the same way.

-- watch_sources: one row per feed, sitemap or folder. next_poll is when
-- it is next due; etag and last_modified make the next request
-- conditional.
CREATE TABLE watch_sources (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    next_poll BIGINT NOT NULL DEFAULT 0,
    last_poll BIGINT,
    last_success BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    last_error_at BIGINT
);

-- watch_urls: one row per article page (key: the normalised URL) or file
-- (key: file://PATH?size=N&mtime=NS). state is discovered, fetched,
-- stored or failed; a worker holds a row while lease_until is in the
-- future. body keeps a fetched page until it is stored.
CREATE TABLE watch_urls (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    reason TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    body BYTEA,
    content_type TEXT NOT NULL DEFAULT '',
    doc_id TEXT NOT NULL DEFAULT '',
    discovered_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX watch_urls_ready ON watch_urls (state, next_attempt);
CREATE INDEX watch_urls_source ON watch_urls (source, state);
