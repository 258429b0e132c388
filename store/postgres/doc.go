// Package postgres is the store backend for a PostgreSQL database, through
// pgx: the same schema, index and answers as the SQLite backend, for
// several analysts or a larger archive.
package postgres
