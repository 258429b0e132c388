// Package store keeps rasad documents in a database with an index of their
// normalised Arabic stems, so that search and export can run over them.
// It defines the Store interface; store/sqlite and store/postgres are its
// backends, and store/storetest the conformance suite both must pass.
package store
