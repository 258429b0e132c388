-- The first schema: documents with their JSON form, the search index,
-- the near-duplicate bands, and one row per entity, place, event, quote.

-- documents: one row per article. num is the store's own number (never
-- reused); id, url and text_hash are the three ways an article is known
-- again. terms lists the document's index terms, one a line, so that its
-- postings can be found and removed when it is replaced.
CREATE TABLE documents (
    num BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT UNIQUE,
    text_hash TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    length BIGINT NOT NULL,
    story BIGINT NOT NULL,
    n_terms BIGINT NOT NULL,
    n_events BIGINT NOT NULL,
    body BYTEA NOT NULL,
    offsets BYTEA NOT NULL,
    terms TEXT NOT NULL,
    signature BYTEA,
    stored_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_story ON documents (story);

-- postings: the inverted index, clustered by term.
CREATE TABLE postings (
    term TEXT COLLATE "C" NOT NULL,
    num BIGINT NOT NULL,
    length BIGINT NOT NULL,
    positions BYTEA NOT NULL,
    PRIMARY KEY (term, num)
);

-- bands: locality-sensitive hashing of MinHash signatures.
CREATE TABLE bands (
    band BIGINT NOT NULL,
    key BIGINT NOT NULL,
    num BIGINT NOT NULL,
    PRIMARY KEY (band, key, num)
);

CREATE TABLE entities (
    doc BIGINT NOT NULL,
    ord BIGINT NOT NULL,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    canonical TEXT NOT NULL,
    kb TEXT,
    start_byte BIGINT NOT NULL,
    end_byte BIGINT NOT NULL,
    PRIMARY KEY (doc, ord)
);

CREATE TABLE places (
    doc BIGINT NOT NULL,
    ord BIGINT NOT NULL,
    name TEXT NOT NULL,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    precision TEXT NOT NULL,
    PRIMARY KEY (doc, ord)
);
CREATE INDEX places_lat ON places (lat);

CREATE TABLE quotes (
    doc BIGINT NOT NULL,
    ord BIGINT NOT NULL,
    speaker TEXT NOT NULL,
    canonical TEXT NOT NULL,
    anonymous BIGINT NOT NULL,
    direct BIGINT NOT NULL,
    content_start BIGINT NOT NULL,
    content_end BIGINT NOT NULL,
    PRIMARY KEY (doc, ord)
);

-- events: one row per event of an article. incident is the num of the
-- first stored event reporting the same happening; day is the event's
-- date, else the article's, when known to the day; actor, target and place
-- are normalised for comparison.
CREATE TABLE events (
    num BIGSERIAL PRIMARY KEY,
    doc BIGINT NOT NULL,
    ord BIGINT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT NOT NULL,
    day TEXT,
    actor TEXT NOT NULL,
    target TEXT NOT NULL,
    place TEXT NOT NULL,
    country TEXT NOT NULL,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    broad BIGINT NOT NULL,
    incident BIGINT NOT NULL,
    UNIQUE (doc, ord)
);
CREATE INDEX events_match ON events (type, day);
CREATE INDEX events_incident ON events (incident);

-- stats: running totals kept in step with documents by Put.
CREATE TABLE stats (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    documents BIGINT NOT NULL,
    tokens BIGINT NOT NULL
);
INSERT INTO stats (id, documents, tokens) VALUES (1, 0, 0);
