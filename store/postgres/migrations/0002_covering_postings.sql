-- Search reads all the postings of a term in order. Rows arrive in the
-- heap document by document, so a term's rows lie on as many heap pages
-- as it has documents; carrying length and positions in the index lets
-- PostgreSQL answer from the index alone (an index-only scan, once
-- vacuum has marked the pages visible, which autovacuum does after
-- inserts). The listing of documents newest first gets an index too.
ALTER TABLE postings DROP CONSTRAINT postings_pkey;
ALTER TABLE postings ADD PRIMARY KEY (term, num) INCLUDE (length, positions);
CREATE INDEX documents_newest ON documents (published DESC NULLS LAST, num DESC);
