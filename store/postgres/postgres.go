package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/internal/sqldb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key that serialises openers applying
// migrations ("rasad" in ASCII).
const migrationLock = 0x7261736164

// Open connects to the database at url (postgres://…, or any form pgx
// accepts; parameters it does not know, such as synchronous_commit=off,
// are set for the session), brings its schema up to date and returns the
// store.
func Open(ctx context.Context, url string, opts store.Options) (*sqldb.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connecting: %w", err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	s, err := sqldb.Open(ctx, db, sqldb.Dialect{
		Name:           "postgres",
		Migrations:     sub,
		Placeholders:   numbered,
		InsertPostings: insertPostings,
		Conflict:       conflict,
		InNums: func(col string, nums []int64) (string, []any) {
			return col + ` = ANY(?)`, []any{nums}
		},
		LockMigrations: func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock))
			return err
		},
	}, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// numbered turns ? placeholders into $1, $2, …; the store's statements
// have no ? inside literals.
func numbered(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// insertPostings sends all of a document's postings as two arrays in one
// statement.
func insertPostings(ctx context.Context, tx *sql.Tx, num int64, length int, terms []string, positions [][]byte) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO postings (term, num, length, positions)
		SELECT t, $2, $3, p FROM unnest($1::text[], $4::bytea[]) AS u(t, p)`, terms, num, length, positions)
	return err
}

func conflict(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505" // unique_violation
}
