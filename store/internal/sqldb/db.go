package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rasad/rasad/store"
)

// Dialect is what differs between databases.
type Dialect struct {
	// Name is the backend's name, for messages.
	Name string
	// Migrations holds files named NNNN_what.sql, applied in order of
	// NNNN; statements in a file end with ';' at the end of a line.
	Migrations fs.FS
	// Placeholders turns a statement written with ? placeholders into
	// the database's own form.
	Placeholders func(query string) string
	// InsertPostings inserts the postings rows of one document.
	InsertPostings func(ctx context.Context, tx *sql.Tx, num int64, length int, terms []string, positions [][]byte) error
	// Conflict says whether err is a unique-key violation (a concurrent
	// writer stored the same document first); Put then tries again.
	Conflict func(err error) bool
	// InNums, when set, returns the condition that col is one of nums
	// and its arguments (one array, say, rather than a placeholder each).
	InNums func(col string, nums []int64) (string, []any)
	// LockMigrations, when set, is run first in each migration's
	// transaction to keep concurrent openers from applying it twice.
	LockMigrations func(ctx context.Context, tx *sql.Tx) error
}

// DB is a store over a database/sql database.
type DB struct {
	db      *sql.DB
	dialect Dialect
	an      store.Analyzer
	stmts   *stmtCache
}

var _ store.Store = (*DB)(nil)

// Open applies the migrations db lacks and returns the store. The store
// owns db and closes it.
func Open(ctx context.Context, db *sql.DB, d Dialect, opts store.Options) (*DB, error) {
	if opts.Analyzer == nil {
		return nil, errors.New("store: Options.Analyzer is required")
	}
	s := &DB{db: db, dialect: d, an: opts.Analyzer, stmts: &stmtCache{}}
	if err := s.migrate(ctx); err != nil {
		return nil, fmt.Errorf("%s: migrating the schema: %w", d.Name, err)
	}
	return s, nil
}

// SQL returns the underlying database, for backends' tests.
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// stmt returns query in the dialect's form.
func (s *DB) stmt(query string) string {
	if s.dialect.Placeholders == nil {
		return query
	}
	return s.dialect.Placeholders(query)
}

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

func (s *DB) migrations() ([]migration, error) {
	entries, err := fs.ReadDir(s.dialect.Migrations, ".")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".sql" {
			continue
		}
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration file %s: name must be NNNN_what.sql", name)
		}
		b, err := fs.ReadFile(s.dialect.Migrations, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: rest, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("two migrations numbered %d", ms[i].version)
		}
	}
	return ms, nil
}

// migrate applies, each in its own transaction, the migrations the
// database has not recorded in schema_migrations.
func (s *DB) migrate(ctx context.Context) error {
	ms, err := s.migrations()
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		// A concurrent opener may have created it between our check
		// and our statement; only fail if it is still missing.
		if _, err2 := s.db.ExecContext(ctx, `SELECT version FROM schema_migrations LIMIT 1`); err2 != nil {
			return err
		}
	}
	var newest sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&newest); err != nil {
		return err
	}
	if len(ms) > 0 && newest.Valid && int(newest.Int64) > ms[len(ms)-1].version {
		return fmt.Errorf("%w: it has migration %d, this rasad knows up to %d", store.ErrNewerSchema, newest.Int64, ms[len(ms)-1].version)
	}
	// Every migration not recorded is applied, also one numbered below
	// the newest recorded: migrations written on parallel branches land
	// in any order, and a database must not miss one for that.
	applied, err := s.Migrations(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if slices.Contains(applied, m.version) {
			continue
		}
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
		}
	}
	return nil
}

func (s *DB) apply(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.dialect.LockMigrations != nil {
		if err := s.dialect.LockMigrations(ctx, tx); err != nil {
			return err
		}
	}
	var done int
	if err := tx.QueryRowContext(ctx, s.stmt(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil // another opener applied it while we waited
	}
	for _, st := range splitStatements(m.sql) {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("%w in\n%s", err, st)
		}
	}
	if _, err := tx.ExecContext(ctx, s.stmt(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// splitStatements cuts a migration file at lines ending in ';', dropping
// comment lines.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(src) {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(trimmed, ";") {
			if st := strings.TrimSpace(cur.String()); st != ";" {
				out = append(out, st)
			}
			cur.Reset()
		}
	}
	if st := strings.TrimSpace(cur.String()); st != "" {
		out = append(out, st)
	}
	return out
}

// Migrations lists the versions recorded as applied, for tests.
func (s *DB) Migrations(ctx context.Context) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var vs []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}
