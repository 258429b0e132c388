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
		InsertPostings: insertPostings,
		Conflict:       conflict,
	}, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// postingsPerInsert rows go into one INSERT: fewer statements, and well
// under SQLite's limit of 32766 parameters.
const postingsPerInsert = 200

func insertPostings(ctx context.Context, tx *sql.Tx, num int64, length int, terms []string, positions [][]byte) error {
	for start := 0; start < len(terms); start += postingsPerInsert {
		end := min(start+postingsPerInsert, len(terms))
		var b strings.Builder
		b.WriteString("INSERT INTO postings (term, num, length, positions) VALUES ")
		args := make([]any, 0, 4*(end-start))
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?)")
			args = append(args, terms[i], num, length, positions[i])
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
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
