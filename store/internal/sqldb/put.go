package sqldb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/store"
)

// putAttempts bounds how often Put starts again after losing a race with
// another writer storing the same article.
const putAttempts = 4

// Put stores d in one transaction; see store.Store.
func (s *DB) Put(ctx context.Context, d *document.Document) (store.Outcome, error) {
	outs, err := s.PutBatch(ctx, []*document.Document{d})
	if err != nil {
		return 0, err
	}
	return outs[0], nil
}

// PutBatch stores docs in one transaction; see store.Store.
func (s *DB) PutBatch(ctx context.Context, docs []*document.Document) ([]store.Outcome, error) {
	bodies := make([][]byte, len(docs))
	for i, d := range docs {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			return nil, fmt.Errorf("encoding document %s: %w", d.ID, err)
		}
		bodies[i] = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	for attempt := 1; ; attempt++ {
		outs, err := s.putBatch(ctx, docs, bodies)
		if err != nil && attempt < putAttempts && s.dialect.Conflict != nil && s.dialect.Conflict(err) {
			continue
		}
		return outs, err
	}
}

func (s *DB) putBatch(ctx context.Context, docs []*document.Document, bodies [][]byte) ([]store.Outcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	outs := make([]store.Outcome, len(docs))
	for i, d := range docs {
		if outs[i], err = s.put(ctx, tx, d, bodies[i]); err != nil {
			return nil, fmt.Errorf("storing document %s: %w", d.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return outs, nil
}

// existing is a stored document that a new one replaces.
type existing struct {
	num         int64
	contentHash string
	length      int64
	terms       string
	signature   []byte
}

// put stores one document in tx.
func (s *DB) put(ctx context.Context, tx *sql.Tx, d *document.Document, body []byte) (store.Outcome, error) {
	contentHash := hashHex(body)
	textHash := hashHex([]byte(d.Text))

	olds, err := s.findExisting(ctx, tx, d, textHash)
	if err != nil {
		return 0, err
	}
	if len(olds) == 1 && olds[0].contentHash == contentHash {
		return store.Unchanged, nil
	}
	outcome := store.Added
	var num int64
	for _, old := range olds {
		if err := s.remove(ctx, tx, old); err != nil {
			return 0, err
		}
	}
	if len(olds) > 0 {
		// Keep the number, so that stories and incidents labelled with
		// it still name this article.
		outcome, num = store.Updated, olds[0].num
	}

	ix := store.NewIndex(d, s.an)
	sig := signature(termSequence(ix))
	bands := bandKeys(sig)
	story, err := s.findStory(ctx, tx, sig, bands)
	if err != nil {
		return 0, err
	}

	words := make([]string, 0, len(ix.Words))
	for t := range ix.Words {
		words = append(words, t)
	}
	sort.Strings(words)
	terms := append(words, ix.Filters...)
	positions := make([][]byte, len(terms))
	for i, t := range words {
		positions[i] = encodePositions(ix.Words[t])
	}
	for i := len(words); i < len(terms); i++ {
		positions[i] = []byte{}
	}

	var sigBlob []byte
	if sig != nil {
		sigBlob = encodeSignature(sig)
	}
	cols := `id, url, text_hash, content_hash, outlet, title, published, length, story, n_terms, n_events, body, offsets, terms, signature, stored_at`
	marks := `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`
	args := []any{d.ID, d.URL, textHash, contentHash, d.Outlet, d.Title, d.Published,
		len(ix.Offsets), story, len(terms), len(d.Events), body, encodeOffsets(ix.Offsets),
		strings.Join(terms, "\n"), sigBlob, time.Now().UTC().Format(time.RFC3339)}
	if num != 0 {
		cols, marks, args = "num, "+cols, "?, "+marks, append([]any{num}, args...)
	}
	err = s.queryRow(ctx, tx, `INSERT INTO documents (`+cols+`) VALUES (`+marks+`) RETURNING num`, args...).Scan(&num)
	if err != nil {
		return 0, err
	}
	if story == 0 {
		if _, err := s.exec(ctx, tx, `UPDATE documents SET story = ? WHERE num = ?`, num, num); err != nil {
			return 0, err
		}
	}
	if len(terms) > 0 {
		if err := s.dialect.InsertPostings(ctx, tx, num, len(ix.Offsets), terms, positions); err != nil {
			return 0, fmt.Errorf("inserting postings: %w", err)
		}
	}
	for b, key := range bands {
		if _, err := s.exec(ctx, tx, `INSERT INTO bands (band, key, num) VALUES (?, ?, ?)`, b, key, num); err != nil {
			return 0, err
		}
	}
	if err := s.insertChildren(ctx, tx, num, d); err != nil {
		return 0, err
	}
	if _, err := s.exec(ctx, tx, `UPDATE stats SET documents = documents + 1, tokens = tokens + ? WHERE id = 1`, len(ix.Offsets)); err != nil {
		return 0, err
	}
	return outcome, nil
}

func hashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// findExisting returns the stored documents that d is another version
// of: the same id, URL or cleaned text. There can be more than one (d's
// id names one and its URL another); d then replaces them all.
func (s *DB) findExisting(ctx context.Context, tx *sql.Tx, d *document.Document, textHash string) ([]existing, error) {
	rows, err := s.query(ctx, tx, `SELECT num, content_hash, length, terms, signature FROM documents
		WHERE id = ? OR url = ? OR text_hash = ? ORDER BY num`, d.ID, d.URL, textHash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var olds []existing
	for rows.Next() {
		var e existing
		if err := rows.Scan(&e.num, &e.contentHash, &e.length, &e.terms, &e.signature); err != nil {
			return nil, err
		}
		olds = append(olds, e)
	}
	return olds, rows.Err()
}

// remove deletes a stored document and everything derived from it.
func (s *DB) remove(ctx context.Context, tx *sql.Tx, old existing) error {
	if old.terms != "" {
		for term := range strings.SplitSeq(old.terms, "\n") {
			if _, err := s.exec(ctx, tx, `DELETE FROM postings WHERE term = ? AND num = ?`, term, old.num); err != nil {
				return err
			}
		}
	}
	if old.signature != nil {
		for b, key := range bandKeys(decodeSignature(old.signature)) {
			if _, err := s.exec(ctx, tx, `DELETE FROM bands WHERE band = ? AND key = ? AND num = ?`, b, key, old.num); err != nil {
				return err
			}
		}
	}
	for _, table := range []string{"entities", "places", "quotes", "events"} {
		if _, err := s.exec(ctx, tx, `DELETE FROM `+table+` WHERE doc = ?`, old.num); err != nil {
			return err
		}
	}
	if _, err := s.exec(ctx, tx, `DELETE FROM documents WHERE num = ?`, old.num); err != nil {
		return err
	}
	_, err := s.exec(ctx, tx, `UPDATE stats SET documents = documents - 1, tokens = tokens - ? WHERE id = 1`, old.length)
	return err
}

// termSequence returns the document's word terms in text order.
func termSequence(ix store.Index) []string {
	seq := make([]string, len(ix.Offsets))
	for t, pos := range ix.Words {
		for _, p := range pos {
			seq[p] = t
		}
	}
	return seq
}

// findStory returns the story of the stored document most like the one
// with signature sig, or 0 when none is similar enough.
func (s *DB) findStory(ctx context.Context, tx *sql.Tx, sig []uint64, bands []int64) (int64, error) {
	if len(bands) == 0 {
		return 0, nil
	}
	var where []string
	var args []any
	for b, key := range bands {
		where = append(where, "(band = ? AND key = ?)")
		args = append(args, b, key)
	}
	rows, err := s.query(ctx, tx, `SELECT d.num, d.story, d.signature FROM documents d
		WHERE d.num IN (SELECT num FROM bands WHERE `+strings.Join(where, " OR ")+`)`, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var best int64
	bestSim := 0.0
	for rows.Next() {
		var num, story int64
		var blob []byte
		if err := rows.Scan(&num, &story, &blob); err != nil {
			return 0, err
		}
		sim := similarity(sig, decodeSignature(blob))
		if sim >= sameStory && (sim > bestSim || sim == bestSim && story < best) {
			best, bestSim = story, sim
		}
	}
	return best, rows.Err()
}

func (s *DB) insertChildren(ctx context.Context, tx *sql.Tx, num int64, d *document.Document) error {
	for i, e := range d.Entities {
		if _, err := s.exec(ctx, tx, `INSERT INTO entities (doc, ord, type, text, canonical, kb, start_byte, end_byte)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, num, i, e.Type, e.Text, e.Canonical, e.KB, e.Start, e.End); err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
	}
	for i, p := range d.Places {
		if _, err := s.exec(ctx, tx, `INSERT INTO places (doc, ord, name, lat, lon, country, admin1, precision)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, num, i, p.Name, p.Lat, p.Lon, p.Country, p.Admin1, p.Precision); err != nil {
			return fmt.Errorf("place %s: %w", p.ID, err)
		}
	}
	for i, q := range d.Quotes {
		if _, err := s.exec(ctx, tx, `INSERT INTO quotes (doc, ord, speaker, canonical, anonymous, direct, content_start, content_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, num, i, q.Speaker.Text, q.Speaker.Canonical, boolInt(q.Speaker.Anonymous), boolInt(q.Direct),
			q.Content.Start, q.Content.End); err != nil {
			return fmt.Errorf("quote %s: %w", q.ID, err)
		}
	}
	for i, v := range d.Events {
		if err := s.insertEvent(ctx, tx, num, i, v.Mode, s.eventKey(d, v)); err != nil {
			return fmt.Errorf("event %s: %w", v.ID, err)
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// eventKey gathers what incident matching compares.
func (s *DB) eventKey(d *document.Document, v document.Event) eventKey {
	k := eventKey{Type: v.Type}
	switch {
	case v.Modality != "" && v.Modality != "asserted":
		// Only what happened is an incident; a threat or a plan
		// stands alone.
	case v.Date != nil && len(*v.Date) == len(time.DateOnly) && (v.DatePrecision == nil || *v.DatePrecision == "day"):
		k.Day = *v.Date
	case v.Date == nil && d.Published != nil && len(*d.Published) == len(time.DateOnly):
		k.Day = *d.Published
	}
	if v.Actor != nil {
		k.Actor = s.normName(v.Actor)
	}
	if v.Target != nil {
		k.Target = s.normName(v.Target)
	}
	if v.Place != nil {
		for _, p := range d.Places {
			if p.ID != *v.Place {
				continue
			}
			k.Place = strings.Join(store.Terms(s.an, p.Name), " ")
			k.Country = p.Country
			k.Lat, k.Lon = p.Lat, p.Lon
			switch p.Precision {
			case "country", "admin1", "region":
				k.Broad = true
			}
		}
	}
	return k
}

func (s *DB) normName(a *document.Argument) string {
	name := a.Canonical
	if name == "" {
		name = a.Text
	}
	return strings.Join(store.Terms(s.an, name), " ")
}

// insertEvent stores one event, in the incident of the best matching
// event already stored from another article, or in a new one.
func (s *DB) insertEvent(ctx context.Context, tx *sql.Tx, doc int64, ord int, mode string, k eventKey) error {
	var incident int64
	if k.Day != "" && k.Type != "" {
		cands, err := s.incidentCandidates(ctx, tx, doc, k)
		if err != nil {
			return err
		}
		bestScore := 0
		for _, c := range cands {
			if score, ok := incidentMatch(k, c.key); ok && (incident == 0 || score > bestScore) {
				incident, bestScore = c.incident, score
			}
		}
	}
	var day any
	if k.Day != "" {
		day = k.Day
	}
	var num int64
	err := s.queryRow(ctx, tx, `INSERT INTO events (doc, ord, type, mode, day, actor, target, place, country, lat, lon, broad, incident)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING num`,
		doc, ord, k.Type, mode, day, k.Actor, k.Target, k.Place, k.Country, k.Lat, k.Lon, boolInt(k.Broad), incident).Scan(&num)
	if err != nil {
		return err
	}
	if incident == 0 {
		_, err = s.exec(ctx, tx, `UPDATE events SET incident = ? WHERE num = ?`, num, num)
	}
	return err
}

// candidate is a stored event that an incoming one may join.
type candidate struct {
	num, incident int64
	key           eventKey
}

// incidentLatDegrees bounds, in degrees of latitude, how far north or
// south an event sameIncidentKm away can lie (a degree is at least 110 km).
const incidentLatDegrees = sameIncidentKm/110.0 + 0.01

// incidentCandidates returns, ordered by incident, the stored events of
// other documents that incidentMatch could pair with k: of its type, a day
// apart at most, and sharing its actor, its target or its place name, or
// lying near it. incidentMatch needs one of these, so nothing it would
// accept is missed; and each is one look-up in its own index (migration
// 0006), so the cost does not grow with the number of events of that type
// on those days, as a scan of all of them did.
func (s *DB) incidentCandidates(ctx context.Context, tx *sql.Tx, doc int64, k eventKey) ([]candidate, error) {
	day, err := time.Parse(time.DateOnly, k.Day)
	if err != nil {
		return nil, nil // incidentMatch needs a day
	}
	before, after := day.AddDate(0, 0, -1).Format(time.DateOnly), day.AddDate(0, 0, 1).Format(time.DateOnly)
	const cols = `SELECT num, incident, day, actor, target, place, country, lat, lon, broad FROM events `
	type lookup struct {
		query string
		args  []any
	}
	var lookups []lookup
	for _, by := range []struct{ col, value string }{{"actor", k.Actor}, {"target", k.Target}, {"place", k.Place}} {
		if by.value == "" || by.col == "place" && k.Broad {
			continue
		}
		lookups = append(lookups, lookup{cols + `WHERE type = ? AND ` + by.col + ` = ? AND day >= ? AND day <= ? AND doc <> ?`,
			[]any{k.Type, by.value, before, after, doc}})
	}
	if k.Place != "" && !k.Broad && k.Lat != nil && k.Lon != nil {
		lookups = append(lookups, lookup{cols + `WHERE type = ? AND day IN (?, ?, ?) AND lat >= ? AND lat <= ? AND doc <> ?`,
			[]any{k.Type, before, k.Day, after, *k.Lat - incidentLatDegrees, *k.Lat + incidentLatDegrees, doc}})
	}
	seen := make(map[int64]bool)
	var out []candidate
	for _, l := range lookups {
		rows, err := s.query(ctx, tx, l.query, l.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c candidate
			var broad int64
			var lat, lon sql.NullFloat64
			if err := rows.Scan(&c.num, &c.incident, &c.key.Day, &c.key.Actor, &c.key.Target, &c.key.Place, &c.key.Country, &lat, &lon, &broad); err != nil {
				rows.Close()
				return nil, err
			}
			if seen[c.num] {
				continue
			}
			seen[c.num] = true
			c.key.Type, c.key.Broad = k.Type, broad != 0
			if lat.Valid && lon.Valid {
				c.key.Lat, c.key.Lon = &lat.Float64, &lon.Float64
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	// The order a scan of all the events would give: the first stored
	// incident wins a tie.
	sort.Slice(out, func(i, j int) bool {
		if out[i].incident != out[j].incident {
			return out[i].incident < out[j].incident
		}
		return out[i].num < out[j].num
	})
	return out, nil
}
