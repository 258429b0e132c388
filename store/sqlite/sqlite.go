package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"sync"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/internal/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// busyTimeoutMS is how long a writer waits for another one (another
// ingest of the same file) before giving up.
const busyTimeoutMS = 30000

// Open opens (creating it if need be) the SQLite database in the file at
// path and brings its schema up to date.
func Open(ctx context.Context, path string, opts store.Options) (*sqldb.DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty file name")
	}
	q := url.Values{}
	for _, p := range []string{
		fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS),
		"journal_mode(WAL)",
		// In WAL mode NORMAL loses no committed transaction when the
		// process dies, only (at worst) the last ones on power loss;
		// a transaction is never half applied either way.
		"synchronous(NORMAL)",
		"cache_size(-65536)",
		"temp_store(MEMORY)",
	} {
		q.Add("_pragma", p)
	}
	// Writers take the write lock when they begin, so that two writers
	// never deadlock upgrading read locks.
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	s, err := sqldb.Open(ctx, db, sqldb.Dialect{
		Name:           "sqlite " + path,
		Migrations:     sub,
		InsertPostings: (&postingsWriter{db: db}).insert,
		Conflict:       conflict,
	}, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// postingsWriter inserts postings rows many at a time, with statements
// prepared once: an INSERT of many rows costs far less than as many
// single-row ones, and parsing it each time cost as much as running it.
type postingsWriter struct {
	db *sql.DB
	mu sync.Mutex
	// byRows holds the prepared INSERT of n rows at index log2(n).
	byRows [postingsChunkBits + 1]*sql.Stmt
}

// postingsChunkBits: a document's postings go in INSERTs of 2^postingsChunkBits
// (128) rows, then of the powers of two that make up the rest, so that
// only eight statements are ever prepared; 512 parameters each, well
// under SQLite's limit of 32766.
const postingsChunkBits = 7

// statement returns the INSERT of 1<<bits rows, as a statement of tx.
func (w *postingsWriter) statement(ctx context.Context, tx *sql.Tx, bits int) (*sql.Stmt, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byRows[bits] == nil {
		var b strings.Builder
		// OR IGNORE: a document's terms are distinct and its number new,
		// so no row is ever ignored; but an INSERT that cannot fail
		// needs no statement journal, a copy of every page it touches,
		// in case it must be undone half way.
		b.WriteString("INSERT OR IGNORE INTO postings (term, num, length, positions) VALUES ")
		for i := range 1 << bits {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?)")
		}
		st, err := w.db.PrepareContext(ctx, b.String())
		if err != nil {
			return nil, err
		}
		w.byRows[bits] = st
	}
	return tx.StmtContext(ctx, w.byRows[bits]), nil
}

func (w *postingsWriter) insert(ctx context.Context, tx *sql.Tx, num int64, length int, terms []string, positions [][]byte) error {
	args := make([]any, 0, 4<<postingsChunkBits)
	for start := 0; start < len(terms); {
		bits := postingsChunkBits
		for 1<<bits > len(terms)-start {
			bits--
		}
		end := start + 1<<bits
		st, err := w.statement(ctx, tx, bits)
		if err != nil {
			return err
		}
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, terms[i], num, length, positions[i])
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
		start = end
	}
	return nil
}

func conflict(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return true
	}
	return false
}
