-- event_items: one row per row of events, with the columns the event
-- listing's filters, ordering and aggregates read, and event_json the
-- event as the HTTP API lists it (its JSON item, with the article's title,
-- outlet and date and the place resolved), so that listing events never
-- decodes document bodies. The items are apart so that the rows scanned
-- and sorted stay small; a page is read from event_json alone, once its
-- numbers are known.
-- The rows are derived: SyncEvents fills them from the documents (for rows
-- Put wrote since, or before this migration) and drops those whose event
-- was replaced. num is the event's num in events.
-- day is the event's own date, else the article's publication day
-- (search.EventDay); actor and target are display names (canonical, else
-- the text); place columns are those of the event's place.
CREATE TABLE event_items (
    num BIGINT PRIMARY KEY,
    doc BIGINT NOT NULL,
    incident BIGINT NOT NULL,
    day TEXT,
    type TEXT NOT NULL,
    actor TEXT,
    actor_kb TEXT,
    target TEXT,
    target_kb TEXT,
    place TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,
    admin1 TEXT,
    precision TEXT,
    fatalities BIGINT
);
CREATE TABLE event_json (
    num BIGINT PRIMARY KEY,
    doc BIGINT NOT NULL,
    incident BIGINT NOT NULL,
    item TEXT NOT NULL
);
CREATE INDEX event_items_newest ON event_items (day DESC NULLS LAST, num DESC);
CREATE INDEX event_items_incident ON event_items (incident);
CREATE INDEX event_items_doc ON event_items (doc);
CREATE INDEX event_items_lat ON event_items (lat, lon, num);

-- event_terms: the filter terms of each event (type:, actor:, place:, as
-- the search index's filter terms), for the event-level filters, with the
-- event's day, so that the events of one term can be read newest first
-- from event_terms_newest alone.
CREATE TABLE event_terms (
    term TEXT COLLATE "C" NOT NULL,
    num BIGINT NOT NULL,
    day TEXT,
    PRIMARY KEY (term, num)
);
CREATE INDEX event_terms_newest ON event_terms (term, day DESC NULLS LAST, num DESC);
