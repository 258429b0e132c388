// Package pgtest starts a throw-away PostgreSQL server for tests: a new
// cluster in a temporary folder, listening only on a unix socket there,
// stopped and removed when the test ends. Tests skip, with the reason,
// where the server's programs are not installed, and fail instead in CI.
package pgtest
