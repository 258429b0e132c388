-- Storing an event looks for the incident it belongs to among the events
-- of its type a day apart at most that share its actor, its target or its
-- place name, or lie near it: one index for each, so that the look-up does
-- not scan every event of the type on those days (hundreds on a busy day
-- of a large corpus, and more as the database grows).
CREATE INDEX events_by_actor ON events (type, actor, day);
CREATE INDEX events_by_target ON events (type, target, day);
CREATE INDEX events_by_place ON events (type, place, day);
CREATE INDEX events_by_lat ON events (type, day, lat);

-- events_by_lat begins with the columns of events_match, and serves its
-- look-ups.
DROP INDEX events_match;
