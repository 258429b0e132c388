-- The PostgreSQL schema's second migration makes its postings index
-- cover every column, as this schema's WITHOUT ROWID postings table
-- already does; here only the listing of documents newest first gets
-- its index, so that both backends are at the same version.
CREATE INDEX documents_newest ON documents (published DESC, num DESC);
