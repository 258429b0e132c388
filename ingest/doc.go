// Package ingest runs the extract pipeline over a stream of articles and
// stores the documents, many to a transaction, while the pipeline works on
// the next ones; rasad ingest, and the server and watcher, share it.
package ingest
