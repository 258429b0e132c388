package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/search"
)

// The alert tables (migration 0005): saved searches and the outbox of
// their matches.

var _ alert.Store = (*DB)(nil)

// AddAlert saves a; see alert.Storage.
func (s *DB) AddAlert(ctx context.Context, a alert.Alert) error {
	near := ""
	if n := a.Filter.Near; n != nil {
		near = fmt.Sprintf("%s,%s,%s", fmtFloat(n.Lat), fmtFloat(n.Lon), fmtFloat(n.Km))
	}
	created := a.Created
	if created.IsZero() {
		created = time.Now()
	}
	_, err := s.db.ExecContext(ctx, s.stmt(`INSERT INTO alerts
		(name, query, types, actor, place, near, from_day, to_day, outlet, on_what, sink, secret, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		a.Name, a.Query, strings.Join(a.Filter.Types, ","), a.Filter.Actor, a.Filter.Place, near,
		a.Filter.From, a.Filter.To, a.Filter.Outlet, string(a.On), a.Sink, a.Secret, created.UTC().Format(time.RFC3339))
	if err != nil && s.dialect.Conflict != nil && s.dialect.Conflict(err) {
		return fmt.Errorf("%w: %s", alert.ErrExists, a.Name)
	}
	return err
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// Alerts returns the saved alerts; see alert.Storage.
func (s *DB) Alerts(ctx context.Context) ([]alert.Alert, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, query, types, actor, place, near, from_day, to_day, outlet,
		on_what, sink, secret, created_at FROM alerts ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []alert.Alert
	for rows.Next() {
		var a alert.Alert
		var types, near, on, created string
		if err := rows.Scan(&a.ID, &a.Name, &a.Query, &types, &a.Filter.Actor, &a.Filter.Place, &near,
			&a.Filter.From, &a.Filter.To, &a.Filter.Outlet, &on, &a.Sink, &a.Secret, &created); err != nil {
			return nil, err
		}
		if types != "" {
			a.Filter.Types = strings.Split(types, ",")
		}
		if near != "" {
			var v [3]float64
			parts := strings.Split(near, ",")
			if len(parts) != 3 {
				return nil, fmt.Errorf("alert %s: near %q: want lat,lon,km", a.Name, near)
			}
			for i, p := range parts {
				if v[i], err = strconv.ParseFloat(p, 64); err != nil {
					return nil, fmt.Errorf("alert %s: near %q: %w", a.Name, near, err)
				}
			}
			a.Filter.Near = &search.Near{Lat: v[0], Lon: v[1], Km: v[2]}
		}
		a.On = alert.On(on)
		a.Created, _ = time.Parse(time.RFC3339, created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// RemoveAlert deletes an alert and its undelivered matches; see
// alert.Storage.
func (s *DB) RemoveAlert(ctx context.Context, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, s.stmt(`SELECT id FROM alerts WHERE name = ?`), name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %s", alert.ErrNoAlert, name)
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.stmt(`DELETE FROM alert_matches WHERE alert = ?`), id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.stmt(`DELETE FROM alerts WHERE id = ?`), id); err != nil {
		return err
	}
	return tx.Commit()
}

// DocumentNums returns the numbers of the documents with the given ids;
// see alert.Storage.
func (s *DB) DocumentNums(ctx context.Context, ids []string) ([]int64, error) {
	var out []int64
	for chunk := range slices.Chunk(ids, inChunk) {
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		nums, err := s.nums(ctx, `SELECT num FROM documents WHERE id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, nums...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func millis(t time.Time) int64 { return t.UnixMilli() }

// RecordMatches inserts the matches not recorded yet; see alert.Storage.
func (s *DB) RecordMatches(ctx context.Context, ms []alert.Match, owner string, leaseUntil time.Time) ([]alert.Delivery, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var ids []int64
	for _, m := range ms {
		key, err := deliveryKey()
		if err != nil {
			return nil, err
		}
		var id int64
		err = tx.QueryRowContext(ctx, s.stmt(`INSERT INTO alert_matches
			(alert, doc, event, event_key, delivery, matched_at, body, state, attempts, next_at, lease_owner, lease_until, last_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, '')
			ON CONFLICT (alert, doc, event_key) DO NOTHING RETURNING id`),
			m.Alert, m.Doc, m.Event, m.EventKey, key, m.MatchedAt.UTC().Format(time.RFC3339Nano), string(m.Body),
			string(alert.Pending), millis(m.MatchedAt), owner, millis(leaseUntil)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			continue // recorded before: by an earlier run, or another worker
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, tx.Commit()
	}
	ds, err := s.deliveries(ctx, tx, `WHERE `+s.inCond("m.id", ids), int64Args(ids))
	if err != nil {
		return nil, err
	}
	return ds, tx.Commit()
}

// inCond is in() for a statement that goes through stmt() later.
func (s *DB) inCond(col string, nums []int64) string {
	return col + ` IN (` + placeholders(len(nums)) + `)`
}

// deliveryKey returns a random id for a delivery: 16 bytes in hex.
func deliveryKey() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// ClaimDeliveries leases due pending deliveries to owner; see
// alert.Storage. The lease condition is repeated in the outer WHERE so
// that, on PostgreSQL, a row another worker claimed between our scan and
// our update is re-checked and skipped; SQLite runs one writer at a time.
func (s *DB) ClaimDeliveries(ctx context.Context, owner string, now, leaseUntil time.Time, limit int) ([]alert.Delivery, error) {
	free := `state = ? AND next_at <= ? AND (lease_until IS NULL OR lease_until < ?)`
	t := millis(now)
	// Most of the time nothing is due: find that out with a read, which
	// on SQLite does not wait for (nor hold up) the writers.
	var one int
	err := s.db.QueryRowContext(ctx, s.stmt(`SELECT 1 FROM alert_matches WHERE `+free+` LIMIT 1`), string(alert.Pending), t, t).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ids, err := s.txNums(ctx, tx, `UPDATE alert_matches SET lease_owner = ?, lease_until = ?
		WHERE id IN (SELECT id FROM alert_matches WHERE `+free+` ORDER BY id LIMIT ?) AND `+free+`
		RETURNING id`, owner, millis(leaseUntil), string(alert.Pending), t, t, limit, string(alert.Pending), t, t)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, tx.Commit()
	}
	slices.Sort(ids)
	ds, err := s.deliveries(ctx, tx, `WHERE `+s.inCond("m.id", ids), int64Args(ids))
	if err != nil {
		return nil, err
	}
	return ds, tx.Commit()
}

func (s *DB) txNums(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, s.stmt(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// FinishAttempt records an attempt at d; see alert.Storage.
func (s *DB) FinishAttempt(ctx context.Context, d alert.Delivery, owner string, a alert.Attempt) (bool, error) {
	var finished any
	if a.State != alert.Pending {
		finished = a.At.UTC().Format(time.RFC3339Nano)
	}
	res, err := s.db.ExecContext(ctx, s.stmt(`UPDATE alert_matches SET state = ?, attempts = attempts + 1,
		last_error = ?, next_at = ?, lease_owner = NULL, lease_until = NULL, finished_at = ?
		WHERE id = ? AND lease_owner = ?`),
		string(a.State), a.Err, millis(a.NextAt), finished, d.ID, owner)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseDelivery gives back a leased delivery; see alert.Storage.
func (s *DB) ReleaseDelivery(ctx context.Context, d alert.Delivery, owner string, next time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.stmt(`UPDATE alert_matches SET next_at = ?, lease_owner = NULL, lease_until = NULL
		WHERE id = ? AND lease_owner = ? AND state = ?`), millis(next), d.ID, owner, string(alert.Pending))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Deliveries lists deliveries; see alert.Storage.
func (s *DB) Deliveries(ctx context.Context, state alert.State, limit int) ([]alert.Delivery, error) {
	where, args := "", []any{}
	if state != "" {
		where, args = `WHERE m.state = ?`, append(args, string(state))
	}
	return s.deliveries(ctx, s.db, where+` ORDER BY m.id DESC LIMIT ?`, append(args, limit))
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *DB) deliveries(ctx context.Context, q querier, where string, args []any) ([]alert.Delivery, error) {
	rows, err := q.QueryContext(ctx, s.stmt(`SELECT m.id, m.delivery, a.name, a.sink, a.secret, m.doc, m.event,
		m.matched_at, m.body, m.state, m.attempts, m.next_at, m.last_error
		FROM alert_matches m JOIN alerts a ON a.id = m.alert `+where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []alert.Delivery
	for rows.Next() {
		var d alert.Delivery
		var matched, body, state string
		var next int64
		if err := rows.Scan(&d.ID, &d.Key, &d.Alert, &d.Sink, &d.Secret, &d.Doc, &d.Event,
			&matched, &body, &state, &d.Attempts, &next, &d.LastError); err != nil {
			return nil, err
		}
		d.MatchedAt, _ = time.Parse(time.RFC3339Nano, matched)
		d.Body, d.State, d.NextAt = []byte(body), alert.State(state), time.UnixMilli(next)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Outbox counts deliveries by state; see alert.Storage.
func (s *DB) Outbox(ctx context.Context) (alert.OutboxStats, error) {
	var st alert.OutboxStats
	rows, err := s.db.QueryContext(ctx, `SELECT state, COUNT(*) FROM alert_matches GROUP BY state`)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return st, err
		}
		switch alert.State(state) {
		case alert.Pending:
			st.Pending = n
		case alert.Delivered:
			st.Delivered = n
		case alert.Failed:
			st.Failed = n
		}
	}
	if err := rows.Err(); err != nil {
		return st, err
	}
	var next sql.NullInt64
	if err := s.db.QueryRowContext(ctx, s.stmt(`SELECT MIN(next_at) FROM alert_matches WHERE state = ?`), string(alert.Pending)).Scan(&next); err != nil {
		return st, err
	}
	if next.Valid {
		st.NextDue = time.UnixMilli(next.Int64)
	}
	return st, nil
}
