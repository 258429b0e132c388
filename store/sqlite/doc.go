// Package sqlite is the store backend for one SQLite file (pure Go, no
// cgo), in write-ahead-log mode so that searches run while an ingest writes.
package sqlite
