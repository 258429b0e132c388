package sqldb

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache holds the statements that storing a document runs, each
// prepared once on the database and reused by every transaction: with
// SQLite, parsing a short INSERT costs about as much as running it, and
// a document runs dozens of them.
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// prepared returns query (written with ? placeholders) as a statement of
// tx. database/sql prepares it once on each connection and keeps it.
func (s *DB) prepared(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	c := s.stmts
	c.mu.Lock()
	st, ok := c.stmts[query]
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, s.stmt(query)); err != nil {
			c.mu.Unlock()
			return nil, err
		}
		if c.stmts == nil {
			c.stmts = make(map[string]*sql.Stmt)
		}
		c.stmts[query] = st
	}
	c.mu.Unlock()
	return tx.StmtContext(ctx, st), nil
}

// exec runs query in tx as a prepared statement.
func (s *DB) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// query runs query in tx as a prepared statement.
func (s *DB) query(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs query in tx as a prepared statement; errors show in Scan.
func (s *DB) queryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, tx, query)
	if err != nil {
		// A Row carrying the error: QueryRowContext on a closed
		// transaction's statement would hide it.
		return tx.QueryRowContext(ctx, s.stmt(query), args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// closeStatements releases the prepared statements.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}
