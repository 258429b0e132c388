package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/rasad/rasad/store"
)

var _ store.Queue = (*DB)(nil)

// ms is a time as the queue's tables keep it: Unix milliseconds.
func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMilli(v.Int64).UTC()
	return &t
}

// skipLocked is what a claiming SELECT ends with: on PostgreSQL, rows
// another transaction is claiming are passed over rather than waited for.
// SQLite has one writer at a time (transactions begin immediate), so
// claims are serialised anyway.
func (s *DB) skipLocked() string {
	if strings.HasPrefix(s.dialect.Name, "postgres") {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// inTx runs f in a transaction and commits it.
func (s *DB) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// SyncSource records src; see store.Queue.
func (s *DB) SyncSource(ctx context.Context, src store.QueueSource) error {
	_, err := s.db.ExecContext(ctx, s.stmt(`INSERT INTO watch_sources (name, kind, location, country) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, location = excluded.location, country = excluded.country`),
		src.Name, src.Kind, src.Location, src.Country)
	if err != nil {
		return fmt.Errorf("queue: recording source %s: %w", src.Name, err)
	}
	return nil
}

// ClaimPoll claims a due source for polling; see store.Queue.
func (s *DB) ClaimPoll(ctx context.Context, name string, now time.Time, interval time.Duration, force bool) (store.Validators, bool, error) {
	var v store.Validators
	due := ms(now)
	if force {
		due = 1<<62 - 1
	}
	err := s.db.QueryRowContext(ctx, s.stmt(`UPDATE watch_sources SET next_poll = ?, last_poll = ?
		WHERE name = ? AND next_poll <= ? RETURNING etag, last_modified`),
		ms(now.Add(interval)), ms(now), name, due).Scan(&v.ETag, &v.LastModified)
	if err == sql.ErrNoRows {
		return v, false, nil
	}
	if err != nil {
		return v, false, fmt.Errorf("queue: claiming source %s: %w", name, err)
	}
	return v, true, nil
}

// Polled records a successful poll and its items; see store.Queue.
func (s *DB) Polled(ctx context.Context, source string, at time.Time, v store.Validators, items []store.QueueItem) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		added = 0
		insert, err := tx.PrepareContext(ctx, s.stmt(`INSERT INTO watch_urls
			(key, kind, source, title, published, state, next_attempt, discovered_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`))
		if err != nil {
			return err
		}
		defer insert.Close()
		for _, it := range items {
			res, err := insert.ExecContext(ctx, it.Key, it.Kind, source, it.Title, it.Published, store.StateDiscovered, ms(at), ms(at), ms(at))
			if err != nil {
				return fmt.Errorf("queueing %s: %w", it.Key, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added++
			}
		}
		_, err = tx.ExecContext(ctx, s.stmt(`UPDATE watch_sources SET etag = ?, last_modified = ?, last_success = ?, last_poll = ? WHERE name = ?`),
			v.ETag, v.LastModified, ms(at), ms(at), source)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("queue: recording the poll of %s: %w", source, err)
	}
	return added, nil
}

// PollFailed records a failed poll; see store.Queue.
func (s *DB) PollFailed(ctx context.Context, source string, at time.Time, reason string) error {
	_, err := s.db.ExecContext(ctx, s.stmt(`UPDATE watch_sources SET last_error = ?, last_error_at = ?, last_poll = ? WHERE name = ?`),
		reason, ms(at), ms(at), source)
	if err != nil {
		return fmt.Errorf("queue: recording the failed poll of %s: %w", source, err)
	}
	return nil
}

// Claim leases up to n ready items to owner; see store.Queue. The items
// are taken in no particular order: ordering them would sort every ready
// item at each claim, and a long queue would slow every worker down.
func (s *DB) Claim(ctx context.Context, owner string, n int, now time.Time, lease time.Duration) ([]store.QueueItem, error) {
	var items []store.QueueItem
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		items = items[:0]
		rows, err := tx.QueryContext(ctx, s.stmt(`UPDATE watch_urls SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
			WHERE id IN (SELECT id FROM watch_urls
				WHERE state IN ('discovered', 'fetched') AND next_attempt <= ? AND (lease_until IS NULL OR lease_until <= ?)
				LIMIT ?`+s.skipLocked()+`)
			RETURNING id, key, kind, source, title, published, state, attempts, body, content_type, discovered_at`),
			owner, ms(now.Add(lease)), ms(now), ms(now), ms(now), n)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it store.QueueItem
			var discovered int64
			if err := rows.Scan(&it.ID, &it.Key, &it.Kind, &it.Source, &it.Title, &it.Published, &it.State, &it.Attempts,
				&it.Body, &it.ContentType, &discovered); err != nil {
				return err
			}
			it.Discovered = time.UnixMilli(discovered).UTC()
			items = append(items, it)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("queue: claiming work: %w", err)
	}
	return items, nil
}

// held runs one update of an item owner holds, in its own transaction,
// and reports ErrLeaseLost when owner no longer holds it.
func (s *DB) held(ctx context.Context, what string, id int64, query string, args ...any) error {
	res, err := s.db.ExecContext(ctx, s.stmt(query), args...)
	if err != nil {
		return fmt.Errorf("queue: recording item %d as %s: %w", id, what, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("item %d: %w", id, store.ErrLeaseLost)
	}
	return nil
}

// Fetched records a fetched page; see store.Queue.
func (s *DB) Fetched(ctx context.Context, owner string, id int64, body []byte, contentType string, at time.Time) error {
	return s.held(ctx, "fetched", id, `UPDATE watch_urls SET state = 'fetched', body = ?, content_type = ?, updated_at = ?
		WHERE id = ? AND lease_owner = ?`, body, contentType, ms(at), id, owner)
}

// Retry puts an item back for later; see store.Queue.
func (s *DB) Retry(ctx context.Context, owner string, id int64, next time.Time, f store.Failure) error {
	return s.held(ctx, "to retry", id, `UPDATE watch_urls SET next_attempt = ?, lease_owner = NULL, lease_until = NULL,
		reason = ?, status = ?, message = ?, updated_at = ? WHERE id = ? AND lease_owner = ?`,
		ms(next), f.Reason, f.Status, f.Message, ms(time.Now()), id, owner)
}

// Fail gives an item up; see store.Queue.
func (s *DB) Fail(ctx context.Context, owner string, id int64, at time.Time, f store.Failure) error {
	return s.held(ctx, "failed", id, `UPDATE watch_urls SET state = 'failed', lease_owner = NULL, lease_until = NULL, body = NULL,
		reason = ?, status = ?, message = ?, updated_at = ? WHERE id = ? AND lease_owner = ?`,
		f.Reason, f.Status, f.Message, ms(at), id, owner)
}

// Stored records stored items; see store.Queue.
func (s *DB) Stored(ctx context.Context, owner string, ids []int64, docIDs []string, at time.Time) error {
	if len(ids) != len(docIDs) {
		return fmt.Errorf("queue: %d items but %d document ids", len(ids), len(docIDs))
	}
	lost := 0
	var lostID int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		lost = 0
		upd, err := tx.PrepareContext(ctx, s.stmt(`UPDATE watch_urls SET state = 'stored', lease_owner = NULL, lease_until = NULL, body = NULL,
			doc_id = ?, reason = '', status = 0, message = '', updated_at = ? WHERE id = ? AND lease_owner = ?`))
		if err != nil {
			return err
		}
		defer upd.Close()
		for i, id := range ids {
			res, err := upd.ExecContext(ctx, docIDs[i], ms(at), id, owner)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err == nil && n == 0 {
				lost++
				lostID = id
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("queue: recording stored items: %w", err)
	}
	if lost > 0 {
		return fmt.Errorf("%d items (item %d among them): %w", lost, lostID, store.ErrLeaseLost)
	}
	return nil
}

// Renew extends owner's leases; see store.Queue.
func (s *DB) Renew(ctx context.Context, owner string, until time.Time) error {
	_, err := s.db.ExecContext(ctx, s.stmt(`UPDATE watch_urls SET lease_until = ?
		WHERE lease_owner = ? AND state IN ('discovered', 'fetched')`), ms(until), owner)
	if err != nil {
		return fmt.Errorf("queue: renewing the leases of %s: %w", owner, err)
	}
	return nil
}

// Release gives back what owner holds; see store.Queue.
func (s *DB) Release(ctx context.Context, owner string) error {
	_, err := s.db.ExecContext(ctx, s.stmt(`UPDATE watch_urls SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1
		WHERE lease_owner = ? AND state IN ('discovered', 'fetched')`), owner)
	if err != nil {
		return fmt.Errorf("queue: releasing the work of %s: %w", owner, err)
	}
	return nil
}

// Pending counts the items not done yet; see store.Queue.
func (s *DB) Pending(ctx context.Context) (int, time.Time, error) {
	var n int
	var next sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt THEN lease_until ELSE next_attempt END)
		FROM watch_urls WHERE state IN ('discovered', 'fetched')`).Scan(&n, &next)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("queue: counting pending work: %w", err)
	}
	var t time.Time
	if next.Valid {
		t = time.UnixMilli(next.Int64)
	}
	return n, t, nil
}

// QueueStatus reports the sources and the queue; see store.Queue.
func (s *DB) QueueStatus(ctx context.Context) (store.QueueStatus, error) {
	st := store.QueueStatus{States: map[string]int{}, Sources: []store.SourceStatus{}, Failures: []store.FailedItem{}}
	rows, err := s.db.QueryContext(ctx, `SELECT name, kind, location, country, last_poll, last_success, last_error, last_error_at
		FROM watch_sources ORDER BY name`)
	if err != nil {
		return st, fmt.Errorf("queue: listing sources: %w", err)
	}
	bySource := map[string]*store.SourceStatus{}
	for rows.Next() {
		var src store.SourceStatus
		var poll, success, errAt sql.NullInt64
		if err := rows.Scan(&src.Name, &src.Kind, &src.Location, &src.Country, &poll, &success, &src.LastError, &errAt); err != nil {
			rows.Close()
			return st, err
		}
		src.LastPoll, src.LastSuccess, src.LastErrorAt = fromMS(poll), fromMS(success), fromMS(errAt)
		src.States = map[string]int{}
		st.Sources = append(st.Sources, src)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, err
	}
	for i := range st.Sources {
		bySource[st.Sources[i].Name] = &st.Sources[i]
	}
	rows, err = s.db.QueryContext(ctx, `SELECT source, state, COUNT(*) FROM watch_urls GROUP BY source, state`)
	if err != nil {
		return st, fmt.Errorf("queue: counting items: %w", err)
	}
	for rows.Next() {
		var source, state string
		var n int
		if err := rows.Scan(&source, &state, &n); err != nil {
			rows.Close()
			return st, err
		}
		st.States[state] += n
		if src := bySource[source]; src != nil {
			src.States[state] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT key, source, reason, status, message, attempts, updated_at
		FROM watch_urls WHERE state = 'failed' ORDER BY updated_at DESC, id DESC LIMIT 50`)
	if err != nil {
		return st, fmt.Errorf("queue: listing failures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f store.FailedItem
		var at int64
		if err := rows.Scan(&f.Key, &f.Source, &f.Reason, &f.Status, &f.Message, &f.Attempts, &at); err != nil {
			return st, err
		}
		f.At = time.UnixMilli(at).UTC()
		st.Failures = append(st.Failures, f)
	}
	return st, rows.Err()
}
