-- The first schema: documents with their JSON form, the search index,
-- the near-duplicate bands, and one row per entity, place, event, quote.

-- documents: one row per article. num is the store's own number (never
-- reused); id, url and text_hash are the three ways an article is known
-- again. terms lists the document's index terms, one a line, so that its
-- postings can be found and removed when it is replaced.
CREATE TABLE documents (
    num INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    url TEXT UNIQUE,
    text_hash TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    length INTEGER NOT NULL,
    story INTEGER NOT NULL,
    n_terms INTEGER NOT NULL,
    n_events INTEGER NOT NULL,
    body BLOB NOT NULL,
    offsets BLOB NOT NULL,
    terms TEXT NOT NULL,
    signature BLOB,
    stored_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_story ON documents (story);

-- postings: the inverted index, clustered by term.
CREATE TABLE postings (
    term TEXT NOT NULL,
    num INTEGER NOT NULL,
    length INTEGER NOT NULL,
    positions BLOB NOT NULL,
    PRIMARY KEY (term, num)
) WITHOUT ROWID;

-- bands: locality-sensitive hashing of MinHash signatures.
CREATE TABLE bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    num INTEGER NOT NULL,
    PRIMARY KEY (band, key, num)
) WITHOUT ROWID;

CREATE TABLE entities (
    doc INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    canonical TEXT NOT NULL,
    kb TEXT,
    start_byte INTEGER NOT NULL,
    end_byte INTEGER NOT NULL,
    PRIMARY KEY (doc, ord)
);

CREATE TABLE places (
    doc INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    lat REAL,
    lon REAL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    precision TEXT NOT NULL,
    PRIMARY KEY (doc, ord)
);
CREATE INDEX places_lat ON places (lat);

CREATE TABLE quotes (
    doc INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    canonical TEXT NOT NULL,
    anonymous INTEGER NOT NULL,
    direct INTEGER NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    PRIMARY KEY (doc, ord)
);

-- events: one row per event of an article. incident is the num of the
-- first stored event reporting the same happening; day is the event's
-- date, else the article's, when known to the day; actor, target and place
-- are normalised for comparison.
CREATE TABLE events (
    num INTEGER PRIMARY KEY AUTOINCREMENT,
    doc INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT NOT NULL,
    day TEXT,
    actor TEXT NOT NULL,
    target TEXT NOT NULL,
    place TEXT NOT NULL,
    country TEXT NOT NULL,
    lat REAL,
    lon REAL,
    broad INTEGER NOT NULL,
    incident INTEGER NOT NULL,
    UNIQUE (doc, ord)
);
CREATE INDEX events_match ON events (type, day);
CREATE INDEX events_incident ON events (incident);

-- stats: running totals kept in step with documents by Put.
CREATE TABLE stats (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    documents INTEGER NOT NULL,
    tokens INTEGER NOT NULL
);
INSERT INTO stats (id, documents, tokens) VALUES (1, 0, 0);
