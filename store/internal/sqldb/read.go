package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/store"
)

// inChunk bounds the numbers in one IN (...) list: SQLite's default limit
// on parameters is far above it, and plans stay simple.
const inChunk = 500

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// in returns the condition that col is one of nums, with its arguments,
// in the dialect's best form.
func (s *DB) in(col string, nums []int64) (string, []any) {
	if s.dialect.InNums != nil {
		return s.dialect.InNums(col, nums)
	}
	return col + ` IN (` + placeholders(len(nums)) + `)`, int64Args(nums)
}

func int64Args(nums []int64) []any {
	args := make([]any, len(nums))
	for i, n := range nums {
		args[i] = n
	}
	return args
}

// Get returns the document with the given id.
func (s *DB) Get(ctx context.Context, id string) (*store.Stored, error) {
	var num int64
	err := s.db.QueryRowContext(ctx, s.stmt(`SELECT num FROM documents WHERE id = ?`), id).Scan(&num)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	docs, err := s.Documents(ctx, []int64{num})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		// Replaced between the two statements.
		return nil, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	return docs[0], nil
}

// Documents returns the documents numbered nums, in that order.
func (s *DB) Documents(ctx context.Context, nums []int64) ([]*store.Stored, error) {
	byNum := make(map[int64]*store.Stored, len(nums))
	for chunk := range slices.Chunk(nums, inChunk) {
		if err := s.loadDocuments(ctx, chunk, byNum); err != nil {
			return nil, err
		}
	}
	out := make([]*store.Stored, 0, len(nums))
	for _, n := range nums {
		if st, ok := byNum[n]; ok {
			out = append(out, st)
		}
	}
	return out, nil
}

func (s *DB) loadDocuments(ctx context.Context, nums []int64, into map[int64]*store.Stored) error {
	in, args := s.in("d.num", nums)
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT d.num, d.story, s.id, d.body, d.offsets FROM documents d
		LEFT JOIN documents s ON s.num = d.story WHERE `+in), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		st := &store.Stored{}
		var body, offsets []byte
		var storyID sql.NullString
		if err := rows.Scan(&st.Num, &st.Story, &storyID, &body, &offsets); err != nil {
			return err
		}
		st.StoryID = storyID.String
		st.Doc = new(document.Document)
		if err := json.Unmarshal(body, st.Doc); err != nil {
			return fmt.Errorf("document %d: decoding: %w", st.Num, err)
		}
		if st.Offsets, err = decodeOffsets(offsets); err != nil {
			return fmt.Errorf("document %d: %w", st.Num, err)
		}
		st.Incidents = make([]int64, len(st.Doc.Events))
		into[st.Num] = st
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()

	in, args = s.in("doc", nums)
	events, err := s.db.QueryContext(ctx, s.stmt(`SELECT doc, ord, incident FROM events WHERE `+in), args...)
	if err != nil {
		return err
	}
	defer events.Close()
	for events.Next() {
		var doc, ord, incident int64
		if err := events.Scan(&doc, &ord, &incident); err != nil {
			return err
		}
		if st, ok := into[doc]; ok && ord >= 0 && int(ord) < len(st.Incidents) {
			st.Incidents[ord] = incident
		}
	}
	return events.Err()
}

// IndexSize returns the numbers of documents and indexed tokens.
func (s *DB) IndexSize(ctx context.Context) (documents, tokens int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT documents, tokens FROM stats WHERE id = 1`).Scan(&documents, &tokens)
	return documents, tokens, err
}

// Stats counts what is stored.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRowContext(ctx, `SELECT documents, tokens FROM stats WHERE id = 1`).Scan(&st.Documents, &st.Tokens)
	if err != nil {
		return st, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT COUNT(DISTINCT story) FROM documents`).Scan(&st.Stories)
	if err != nil {
		return st, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT incident) FROM events`).Scan(&st.Events, &st.Incidents)
	return st, err
}

// DocFreq returns how many documents contain term.
func (s *DB) DocFreq(ctx context.Context, term string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.stmt(`SELECT COUNT(*) FROM postings WHERE term = ?`), term).Scan(&n)
	return n, err
}

// withinAll is the size of a restricting set from which fetching every
// posting and intersecting is cheaper than asking for each number.
const withinAll = 4 * inChunk

// Postings returns the postings of term, ordered by document number.
func (s *DB) Postings(ctx context.Context, term string, within []int64) ([]store.Posting, error) {
	if within != nil && len(within) <= withinAll {
		var out []store.Posting
		for chunk := range slices.Chunk(within, inChunk) {
			in, args := s.in("num", chunk)
			ps, err := s.postings(ctx, ` AND `+in, append([]any{term}, args...))
			if err != nil {
				return nil, err
			}
			out = append(out, ps...)
		}
		return out, nil
	}
	ps, err := s.postings(ctx, "", []any{term})
	if err != nil || within == nil {
		return ps, err
	}
	out := ps[:0]
	j := 0
	for _, p := range ps {
		for j < len(within) && within[j] < p.Num {
			j++
		}
		if j < len(within) && within[j] == p.Num {
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *DB) postings(ctx context.Context, where string, args []any) ([]store.Posting, error) {
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT num, length, positions FROM postings WHERE term = ?`+where+` ORDER BY num`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Posting
	var blob []byte
	for rows.Next() {
		var p store.Posting
		if err := rows.Scan(&p.Num, &p.Length, &blob); err != nil {
			return nil, err
		}
		if p.Positions, err = decodePositions(blob); err != nil {
			return nil, fmt.Errorf("postings of %q, document %d: %w", args[0], p.Num, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Published returns the documents published between from and to, newest
// first.
func (s *DB) Published(ctx context.Context, from, to string) ([]int64, error) {
	var where []string
	var args []any
	if from != "" {
		where, args = append(where, "published >= ?"), append(args, from)
	}
	if to != "" {
		where, args = append(where, "published <= ?"), append(args, to)
	}
	q := `SELECT num FROM documents`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY published DESC NULLS LAST, num DESC`
	return s.nums(ctx, q, args...)
}

func (s *DB) nums(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, s.stmt(q), args...)
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

// Near returns the documents naming a place within km of lat, lon.
func (s *DB) Near(ctx context.Context, lat, lon, km float64) ([]int64, error) {
	dlat := km / 111.0
	dlon := 180.0
	if c := math.Cos(lat * math.Pi / 180); c > 0.01 {
		dlon = math.Min(180, km/(111.0*c))
	}
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT doc, lat, lon FROM places
		WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?`), lat-dlat, lat+dlat, lon-dlon, lon+dlon)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := make(map[int64]bool)
	var out []int64
	for rows.Next() {
		var doc int64
		var plat, plon float64
		if err := rows.Scan(&doc, &plat, &plon); err != nil {
			return nil, err
		}
		if !seen[doc] && store.DistanceKm(lat, lon, plat, plon) <= km {
			seen[doc] = true
			out = append(out, doc)
		}
	}
	slices.Sort(out)
	return out, rows.Err()
}

// Check verifies that the stored data agrees with itself.
func (s *DB) Check(ctx context.Context) error {
	type check struct {
		what string
		q    string
	}
	var failures []string
	var docs, tokens int64
	if err := s.db.QueryRowContext(ctx, `SELECT documents, tokens FROM stats WHERE id = 1`).Scan(&docs, &tokens); err != nil {
		return err
	}
	var realDocs, realTokens, terms, events, signed int64
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(length), 0), COALESCE(SUM(n_terms), 0), COALESCE(SUM(n_events), 0), COUNT(signature) FROM documents`).
		Scan(&realDocs, &realTokens, &terms, &events, &signed); err != nil {
		return err
	}
	if docs != realDocs || tokens != realTokens {
		failures = append(failures, fmt.Sprintf("stats say %d documents and %d tokens, the documents table has %d and %d", docs, tokens, realDocs, realTokens))
	}
	counts := []struct {
		what string
		q    string
		want int64
	}{
		{"postings", `SELECT COUNT(*) FROM postings`, terms},
		{"events", `SELECT COUNT(*) FROM events`, events},
		{"band rows", `SELECT COUNT(*) FROM bands`, signed * signatureBands},
	}
	for _, c := range counts {
		var n int64
		if err := s.db.QueryRowContext(ctx, c.q).Scan(&n); err != nil {
			return err
		}
		if n != c.want {
			failures = append(failures, fmt.Sprintf("%d %s, the documents account for %d", n, c.what, c.want))
		}
	}
	orphans := []check{
		{"postings", `SELECT COUNT(*) FROM postings p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = p.num)`},
		{"band rows", `SELECT COUNT(*) FROM bands b WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = b.num)`},
		{"entities", `SELECT COUNT(*) FROM entities c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = c.doc)`},
		{"places", `SELECT COUNT(*) FROM places c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = c.doc)`},
		{"quotes", `SELECT COUNT(*) FROM quotes c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = c.doc)`},
		{"events", `SELECT COUNT(*) FROM events c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = c.doc)`},
	}
	for _, c := range orphans {
		var n int64
		if err := s.db.QueryRowContext(ctx, c.q).Scan(&n); err != nil {
			return err
		}
		if n != 0 {
			failures = append(failures, fmt.Sprintf("%d %s belong to no document", n, c.what))
		}
	}
	if len(failures) > 0 {
		return fmt.Errorf("%w: %s", store.ErrInconsistent, strings.Join(failures, "; "))
	}
	return nil
}
