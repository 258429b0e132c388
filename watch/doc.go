// Package watch follows news sources (feeds, news sitemaps, folders) and
// stores every new article once, through the same pipeline and store as
// `rasad extract` and `rasad ingest`, keeping its work list in the
// database so that a restart, or several processes sharing one
// PostgreSQL server, lose and double nothing.
package watch
