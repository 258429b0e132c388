// Package sqldb is the one implementation of store.Store over database/sql
// that the SQLite and PostgreSQL backends share: the same statements, the
// same index and the same de-duplication, so that both give the same
// answers. A backend supplies its Dialect: its migrations and the few
// statements that differ.
package sqldb
