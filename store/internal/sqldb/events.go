package sqldb

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rasad/rasad/store"
)

var _ store.EventLister = (*DB)(nil)

// The event listing reads event_items and event_terms (migration 0003):
// rows derived from the documents, which SyncEvents keeps in step.

// EventsVersion changes whenever events are stored, replaced or synced.
func (s *DB) EventsVersion(ctx context.Context) (string, error) {
	var events, items, docs, tokens int64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COALESCE(MAX(num), 0) FROM events),
		(SELECT COALESCE(MAX(num), 0) FROM event_items),
		documents, tokens FROM stats WHERE id = 1`).Scan(&events, &items, &docs, &tokens)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d.%d.%d.%d", events, items, docs, tokens), nil
}

// syncDocs is how many documents SyncEvents decodes and writes the rows
// of in one transaction: small enough that a concurrent ingest waiting
// for the write lock is not held up for long.
const syncDocs = 200

// missingEvent is an event with no row in event_items yet.
type missingEvent struct {
	num, incident int64
	ord           int
}

// SyncEvents adds the rows of events that have none and removes those of
// events that are gone.
func (s *DB) SyncEvents(ctx context.Context) (added, removed int, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT e.num, e.doc, e.ord, e.incident FROM events e
		WHERE NOT EXISTS (SELECT 1 FROM event_items i WHERE i.num = e.num) ORDER BY e.doc, e.ord`)
	if err != nil {
		return 0, 0, err
	}
	missing := make(map[int64][]missingEvent)
	var docs []int64
	for rows.Next() {
		var m missingEvent
		var doc int64
		if err := rows.Scan(&m.num, &doc, &m.ord, &m.incident); err != nil {
			rows.Close()
			return 0, 0, err
		}
		if _, ok := missing[doc]; !ok {
			docs = append(docs, doc)
		}
		missing[doc] = append(missing[doc], m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	for chunk := range slices.Chunk(docs, syncDocs) {
		n, err := s.addEventRows(ctx, chunk, missing)
		if err != nil {
			return added, 0, err
		}
		added += n
	}

	// Events of replaced documents are deleted by Put; their rows go too.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return added, 0, err
	}
	defer tx.Rollback()
	gone := `SELECT i.num FROM event_items i WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.num = i.num)`
	for _, table := range []string{"event_terms", "event_json"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE num IN (`+gone+`)`); err != nil {
			return added, 0, err
		}
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM event_items WHERE num IN (`+gone+`)`)
	if err != nil {
		return added, 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return added, 0, err
	}
	return added, int(n), tx.Commit()
}

// itemColumns are the columns of event_items, in the order eventItemRow
// gives their values (the item last, for event_json).
const itemColumns = `num, doc, incident, day, type, actor, actor_kb, target, target_kb, place, lat, lon, country, admin1, precision, fatalities`

// Rows per INSERT statement: well under SQLite's limit of 32766
// parameters and PostgreSQL's of 65535.
const (
	itemsPerInsert = 100
	termsPerInsert = 500
)

// addEventRows decodes the documents nums and writes the rows of their
// missing events, in one transaction.
func (s *DB) addEventRows(ctx context.Context, nums []int64, missing map[int64][]missingEvent) (int, error) {
	stored, err := s.Documents(ctx, nums)
	if err != nil {
		return 0, err
	}
	var items, jsons, terms [][]any
	for _, st := range stored {
		for _, m := range missing[st.Num] {
			if m.ord < 0 || m.ord >= len(st.Doc.Events) {
				continue // the document was replaced since; a later sync sees the new one
			}
			it := store.NewEventItem(st.Doc, st.Doc.Events[m.ord], m.incident)
			row, err := eventItemRow(m.num, st.Num, it)
			if err != nil {
				return 0, err
			}
			items = append(items, row[:len(row)-1])
			jsons = append(jsons, []any{m.num, st.Num, m.incident, row[len(row)-1]})
			for _, t := range store.EventTerms(s.an, it) {
				terms = append(terms, []any{t, m.num, nullable(it.Day())})
			}
		}
	}
	if len(items) == 0 {
		return 0, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if err := s.insertRows(ctx, tx, `event_items (`+itemColumns+`)`, items, itemsPerInsert); err != nil {
		return 0, fmt.Errorf("inserting event rows: %w", err)
	}
	if err := s.insertRows(ctx, tx, `event_json (num, doc, incident, item)`, jsons, itemsPerInsert); err != nil {
		return 0, fmt.Errorf("inserting event items: %w", err)
	}
	if err := s.insertRows(ctx, tx, `event_terms (term, num, day)`, terms, termsPerInsert); err != nil {
		return 0, fmt.Errorf("inserting event terms: %w", err)
	}
	return len(items), tx.Commit()
}

// insertRows inserts rows into table (with its column list), many to a
// statement; rows another process inserted first are left alone.
func (s *DB) insertRows(ctx context.Context, tx *sql.Tx, table string, rows [][]any, per int) error {
	for chunk := range slices.Chunk(rows, per) {
		var b strings.Builder
		b.WriteString(`INSERT INTO ` + table + ` VALUES `)
		mark := "(" + placeholders(len(chunk[0])) + ")"
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(mark)
			args = append(args, r...)
		}
		b.WriteString(` ON CONFLICT DO NOTHING`)
		if _, err := tx.ExecContext(ctx, s.stmt(b.String()), args...); err != nil {
			return err
		}
	}
	return nil
}

// eventItemRow returns the values of the event_items columns, then the
// item's JSON.
func eventItemRow(num, doc int64, it store.EventItem) ([]any, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(it); err != nil {
		return nil, fmt.Errorf("event %s of %s: %w", it.ID, it.Doc, err)
	}
	var actor, actorKB, target, targetKB any
	if it.Actor != nil {
		actor, actorKB = nullable(it.Actor.Name()), nullable(deref(it.Actor.KB))
	}
	if it.Target != nil {
		target, targetKB = nullable(it.Target.Name()), nullable(deref(it.Target.KB))
	}
	var place, country, admin1, precision any
	var lat, lon any
	if p := it.Place; p != nil {
		place, country, admin1, precision = p.Name, p.Country, p.Admin1, p.Precision
		if p.Lat != nil && p.Lon != nil {
			lat, lon = *p.Lat, *p.Lon
		}
	}
	var fatalities any
	if it.Fatalities != nil {
		fatalities = *it.Fatalities
	}
	return []any{num, doc, it.Incident, nullable(it.Day()), it.Type, actor, actorKB, target, targetKB,
		place, lat, lon, country, admin1, precision, fatalities,
		string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))}, nil
}

// nullable is s, or NULL when it is empty.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// readPlan is how ListEvents and ListIncidents read the rows of a query.
type readPlan struct {
	// walk writes the conditions as tests of each row (EXISTS), which
	// leads the planner to read rows in newest-first order and stop at
	// the page's end; otherwise they are sets of rows (IN), read first
	// and sorted after: faster when few rows pass.
	walk bool
	// lead, when not empty, is a term every selected event has: its rows
	// are read from event_terms_newest, in order, and its condition is
	// left out.
	lead string
	// drive, when not walking and not empty, is the one term condition
	// (a term, or typesCondition) written as a set, the others being
	// tested row by row: the rarest, so that the fewest rows are read.
	drive string
	// leads, when not empty, are the terms of the only condition on
	// terms, a choice of several types: the first offset+limit rows of
	// each are read in order, and the page taken from their union.
	leads []string
}

// typesCondition names the condition on the event's types in readPlan.
const typesCondition = "\x00types"

// countCap bounds the rows of a term plan counts.
const countCap = 2000

// plan chooses how to read q's rows. With a condition on one term, the
// rows of the rarest such term are read in order from event_terms_newest
// and the other conditions tested on each: the page ends after
// (offset+limit) × (the term's rows / the rows selected) rows at most.
// Otherwise (no filter on terms, or only a choice of several types) rows
// are read along event_items_newest when the selected ones are common,
// else from the rarest condition's set and sorted.
func (s *DB) plan(ctx context.Context, q store.EventQuery) (readPlan, error) {
	conds := s.termConditions(q)
	var all []string
	for _, c := range conds {
		all = append(all, c.terms...)
	}
	counts := make(map[string]int64)
	if len(conds) > 1 {
		// Counting stops at countCap: past it a term is common, and
		// counting all its rows would cost more than the page.
		for _, t := range all {
			var n int64
			rows, err := s.read(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM event_terms WHERE term = ? LIMIT `+strconv.Itoa(countCap)+`) c`, t)
			if err != nil {
				return readPlan{}, err
			}
			if rows.Next() {
				err = rows.Scan(&n)
			}
			rows.Close()
			if err != nil {
				return readPlan{}, err
			}
			counts[t] = n
		}
	}
	lead, leadN := "", int64(-1)
	drive, driveN := "", int64(-1)
	for _, c := range conds {
		var n int64
		for _, t := range c.terms {
			n += counts[t]
		}
		if len(c.terms) == 1 && (leadN < 0 || n < leadN) {
			lead, leadN = c.terms[0], n
		}
		if driveN < 0 || n < driveN {
			drive, driveN = c.key, n
		}
	}
	if lead != "" {
		return readPlan{walk: true, lead: lead}, nil
	}
	if len(conds) == 1 && q.Limit > 0 {
		return readPlan{walk: true, leads: conds[0].terms}, nil
	}
	if walk(q) {
		return readPlan{walk: true}, nil
	}
	if len(conds) < 2 {
		drive = ""
	}
	return readPlan{drive: drive}, nil
}

func stringArgs(xs []string) []any {
	args := make([]any, len(xs))
	for i, x := range xs {
		args[i] = x
	}
	return args
}

// termCondition is one condition on event_terms: an event passes when it
// has any of the terms.
type termCondition struct {
	key   string // the term, or typesCondition
	terms []string
}

func (s *DB) termConditions(q store.EventQuery) []termCondition {
	var conds []termCondition
	if types := store.TypeTerms(q.Types...); len(types) > 0 {
		conds = append(conds, termCondition{typesCondition, types})
	}
	for _, ts := range [][]string{store.ActorTerms(s.an, q.Actor), store.PlaceTerms(s.an, q.Place)} {
		for _, t := range ts {
			conds = append(conds, termCondition{t, []string{t}})
		}
	}
	return conds
}

// eventWhere returns the condition on event_items i that selects q's
// events, written as p says, with its arguments; none is true when q can
// select nothing.
func (s *DB) eventWhere(ctx context.Context, q store.EventQuery, p readPlan) (where string, args []any, none bool, err error) {
	conds := []string{"1 = 1"}
	lead := p.lead
	// When walking, a set of documents or events is only tested row by
	// row: the unary plus keeps SQLite from reading rows through it
	// instead of along the order (it changes nothing in PostgreSQL).
	col := func(c string) string {
		if p.walk {
			return "+" + c
		}
		return c
	}
	for _, c := range s.termConditions(q) {
		if len(c.terms) == 1 && c.terms[0] == lead {
			lead = "" // read from event_terms_newest; once
			continue
		}
		if p.leads != nil && c.key == typesCondition {
			continue // read from event_terms_newest, each term
		}
		match := `t.term = ?`
		if len(c.terms) > 1 {
			match = `t.term IN (` + placeholders(len(c.terms)) + `)`
		}
		if p.walk || p.drive != "" && p.drive != c.key {
			conds = append(conds, `EXISTS (SELECT 1 FROM event_terms t WHERE `+match+` AND t.num = i.num)`)
		} else {
			conds = append(conds, `i.num IN (SELECT t.num FROM event_terms t WHERE `+match+`)`)
		}
		args = append(args, stringArgs(c.terms)...)
	}
	for _, name := range []struct {
		v     string
		terms func(store.Analyzer, string) []string
	}{{q.Actor, store.ActorTerms}, {q.Place, store.PlaceTerms}} {
		if name.v != "" && len(name.terms(s.an, name.v)) == 0 {
			return "", nil, true, nil
		}
	}
	if q.Outlet != "" {
		t := store.OutletTerm(s.an, q.Outlet)
		if t == "" {
			return "", nil, true, nil
		}
		if p.walk || p.drive != "" {
			conds = append(conds, `EXISTS (SELECT 1 FROM postings p WHERE p.term = ? AND p.num = i.doc)`)
		} else {
			conds = append(conds, `i.doc IN (SELECT p.num FROM postings p WHERE p.term = ?)`)
		}
		args = append(args, t)
	}
	if q.From != "" {
		conds, args = append(conds, `i.day >= ?`), append(args, q.From)
	}
	if q.To != "" {
		conds, args = append(conds, `i.day <= ?`), append(args, q.To)
	}
	if q.Docs != nil {
		if len(q.Docs) == 0 {
			return "", nil, true, nil
		}
		c, a := s.inSet(col("i.doc"), q.Docs)
		conds, args = append(conds, c), append(args, a...)
	}
	if q.Events != nil {
		if len(q.Events) == 0 {
			return "", nil, true, nil
		}
		c, a := s.inSet(col("i.num"), q.Events)
		conds, args = append(conds, c), append(args, a...)
	}
	if q.Near != nil {
		nums, err := s.eventsNear(ctx, *q.Near)
		if err != nil {
			return "", nil, false, err
		}
		if len(nums) == 0 {
			return "", nil, true, nil
		}
		c, a := s.inSet(col("i.num"), nums)
		conds, args = append(conds, c), append(args, a...)
	}
	return strings.Join(conds, " AND "), args, false, nil
}

// leadCondition selects the lead term's rows in event_terms l, within
// q's days: a range of event_terms_newest.
func leadCondition(lead string, q store.EventQuery) (string, []any) {
	cond, args := `l.term = ?`, []any{lead}
	if q.From != "" {
		cond, args = cond+` AND l.day >= ?`, append(args, q.From)
	}
	if q.To != "" {
		cond, args = cond+` AND l.day <= ?`, append(args, q.To)
	}
	return cond, args
}

// walk says whether reading q's page along the newest-first order reads
// fewer rows (offset+limit over the share of events selected) than
// reading every selected event and sorting them.
func walk(q store.EventQuery) bool {
	if q.Selected <= 0 || q.All <= 0 || q.Limit <= 0 {
		return false
	}
	along := int64(q.Offset+q.Limit) * int64(q.All) / int64(q.Selected)
	return along < int64(q.Selected)
}

// inSet returns the condition that col is one of nums, however many: one
// array argument rather than a placeholder each.
func (s *DB) inSet(col string, nums []int64) (string, []any) {
	if s.dialect.InNums != nil {
		return s.dialect.InNums(col, nums)
	}
	b, _ := json.Marshal(nums)
	return col + ` IN (SELECT value FROM json_each(?))`, []any{string(b)}
}

// EventsNear returns, sorted, the events whose place lies within c.
func (s *DB) EventsNear(ctx context.Context, c store.Circle) ([]int64, error) {
	return s.eventsNear(ctx, c)
}

// eventsNear returns the events whose place lies within c, sorted.
func (s *DB) eventsNear(ctx context.Context, c store.Circle) ([]int64, error) {
	dlat := c.Km / 111.0
	dlon := 180.0
	if cos := math.Cos(c.Lat * math.Pi / 180); cos > 0.01 {
		dlon = math.Min(180, c.Km/(111.0*cos))
	}
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT num, lat, lon FROM event_items
		WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY num`), c.Lat-dlat, c.Lat+dlat, c.Lon-dlon, c.Lon+dlon)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var num int64
		var lat, lon float64
		if err := rows.Scan(&num, &lat, &lon); err != nil {
			return nil, err
		}
		if store.DistanceKm(c.Lat, c.Lon, lat, lon) <= c.Km {
			out = append(out, num)
		}
	}
	return out, rows.Err()
}

// page returns the LIMIT and OFFSET clause of q.
func page(q store.EventQuery) string {
	limit := int64(q.Limit)
	if limit <= 0 {
		limit = math.MaxInt32
	}
	return ` LIMIT ` + strconv.FormatInt(limit, 10) + ` OFFSET ` + strconv.Itoa(max(0, q.Offset))
}

// CountEvents counts the events q selects.
func (s *DB) CountEvents(ctx context.Context, q store.EventQuery) (int, error) {
	return s.count(ctx, countEvents, q)
}

// CountIncidents counts the incidents of the events q selects.
func (s *DB) CountIncidents(ctx context.Context, q store.EventQuery) (int, error) {
	return s.count(ctx, `COUNT(DISTINCT i.incident)`, q)
}

// count counts what (an aggregate of event_items i) over q's events: from
// the rows of the rarest term when q has a condition on one term (from
// event_terms alone when that is its only condition), else from the sets
// of its conditions.
func (s *DB) count(ctx context.Context, what string, q store.EventQuery) (int, error) {
	q.Selected, q.All, q.Limit, q.Offset = 0, 0, 0, 0
	p, err := s.plan(ctx, q)
	if err != nil {
		return 0, err
	}
	if p.lead == "" {
		p = readPlan{drive: p.drive}
	}
	where, args, none, err := s.eventWhere(ctx, q, p)
	if err != nil || none {
		return 0, err
	}
	query := `SELECT ` + what + ` FROM event_items i WHERE ` + where
	if p.lead != "" {
		lead, leadArgs := leadCondition(p.lead, q)
		switch {
		case where == "1 = 1" && what == countEvents:
			query = `SELECT COUNT(*) FROM event_terms l WHERE ` + lead
		case where == "1 = 1":
			query = `SELECT ` + what + ` FROM event_terms l JOIN event_items i ON i.num = l.num WHERE ` + lead
		default:
			query = `SELECT ` + what + ` FROM event_terms l JOIN event_items i ON i.num = l.num WHERE ` + lead + ` AND ` + where
		}
		args = append(leadArgs, args...)
	}
	rows, err := s.read(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int
	if rows.Next() {
		err = rows.Scan(&n)
	}
	if err == nil {
		err = rows.Err()
	}
	return n, err
}

// maxReadStmts bounds the listing's statements kept prepared: their
// shapes are few (a filter's kinds, the number of types), but the number
// of types is the client's to choose.
const maxReadStmts = 256

// read runs a listing query, prepared once per shape: parsing and
// planning these joins costs SQLite about as much as running them for a
// page.
func (s *DB) read(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c := s.stmts
	c.mu.Lock()
	st, ok := c.stmts[query]
	if !ok && len(c.stmts) < maxReadStmts {
		var err error
		if st, err = s.db.PrepareContext(ctx, s.stmt(query)); err != nil {
			c.mu.Unlock()
			return nil, err
		}
		if c.stmts == nil {
			c.stmts = make(map[string]*sql.Stmt)
		}
		c.stmts[query], ok = st, true
	}
	c.mu.Unlock()
	if !ok {
		return s.db.QueryContext(ctx, s.stmt(query), args...)
	}
	return st.QueryContext(ctx, args...)
}

// countEvents is the aggregate CountEvents counts.
const countEvents = `COUNT(*)`

// newestEvents is the order of listed events; event_items_newest serves it.
const newestEvents = ` ORDER BY i.day DESC NULLS LAST, i.num DESC`

// newestOfTerm is the same order read from event_terms_newest.
const newestOfTerm = ` ORDER BY l.day DESC NULLS LAST, l.num DESC`

// ListEvents returns a page of q's events, newest first.
func (s *DB) ListEvents(ctx context.Context, q store.EventQuery) ([]store.EventRow, error) {
	if q.Selected == 0 && q.All > 0 {
		return []store.EventRow{}, nil // counted: none
	}
	p, err := s.plan(ctx, q)
	if err != nil {
		return nil, err
	}
	where, args, none, err := s.eventWhere(ctx, q, p)
	if err != nil || none {
		return []store.EventRow{}, err
	}
	// The page's numbers are found first, then its items read: a sort
	// of whole rows would carry every item through it.
	// Rows of the lead term alone need no other table.
	from := func(lead string) string {
		if where == "1 = 1" {
			return `event_terms l WHERE ` + lead
		}
		return `event_terms l JOIN event_items i ON i.num = l.num WHERE ` + lead + ` AND ` + where
	}
	nums := `SELECT i.num, i.day FROM event_items i WHERE ` + where + newestEvents + page(q)
	switch {
	case p.lead != "":
		lead, leadArgs := leadCondition(p.lead, q)
		nums = `SELECT l.num, l.day FROM ` + from(lead) + newestOfTerm + page(q)
		if where == "1 = 1" {
			args = nil
		}
		args = append(leadArgs, args...)
	case len(p.leads) > 0:
		// The page is among the first offset+limit events of each
		// term; an event of two of the types is one row of the union.
		var parts []string
		var all []any
		for k, t := range p.leads {
			lead, leadArgs := leadCondition(t, q)
			parts = append(parts, `SELECT * FROM (SELECT l.num AS num, l.day AS day FROM `+from(lead)+
				newestOfTerm+page(store.EventQuery{Limit: q.Offset + q.Limit})+`) AS t`+strconv.Itoa(k))
			all = append(all, leadArgs...)
			if where != "1 = 1" {
				all = append(all, args...)
			}
		}
		nums = `SELECT u.num, u.day FROM (` + strings.Join(parts, " UNION ") + `) u ORDER BY u.day DESC NULLS LAST, u.num DESC` + page(q)
		args = all
	}
	return s.eventRows(ctx, `SELECT j.num, j.doc, j.incident, j.item FROM (`+nums+`) p
		JOIN event_json j ON j.num = p.num ORDER BY p.day DESC NULLS LAST, p.num DESC`, args...)
}

// ListEventNums returns all of q's events' numbers, newest first.
func (s *DB) ListEventNums(ctx context.Context, q store.EventQuery) ([]int64, error) {
	q.Limit, q.Offset = 0, 0
	p, err := s.plan(ctx, q)
	if err != nil {
		return nil, err
	}
	where, args, none, err := s.eventWhere(ctx, q, p)
	if err != nil || none {
		return []int64{}, err
	}
	query := `SELECT i.num FROM event_items i WHERE ` + where + newestEvents
	if p.lead != "" {
		lead, leadArgs := leadCondition(p.lead, q)
		query = `SELECT l.num FROM event_terms l JOIN event_items i ON i.num = l.num WHERE ` + lead + ` AND ` + where + newestOfTerm
		args = append(leadArgs, args...)
	}
	nums, err := s.nums(ctx, query, args...)
	if nums == nil && err == nil {
		nums = []int64{}
	}
	return nums, err
}

// EventsByNum returns the events nums, in that order.
func (s *DB) EventsByNum(ctx context.Context, nums []int64) ([]store.EventRow, error) {
	if len(nums) == 0 {
		return []store.EventRow{}, nil
	}
	in, args := s.inSet("j.num", nums)
	rows, err := s.eventRows(ctx, `SELECT j.num, j.doc, j.incident, j.item FROM event_json j WHERE `+in, args...)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(nums))
	for i, n := range nums {
		at[n] = i
	}
	slices.SortFunc(rows, func(a, b store.EventRow) int { return at[a.Num] - at[b.Num] })
	return rows, nil
}

// EventsAfter returns the events numbered above after, in order.
func (s *DB) EventsAfter(ctx context.Context, after int64, limit int) ([]store.EventRow, error) {
	return s.eventRows(ctx, `SELECT j.num, j.doc, j.incident, j.item FROM event_json j WHERE j.num > ? ORDER BY j.num LIMIT ?`, after, limit)
}

// LastEvent returns the number of the newest stored event.
func (s *DB) LastEvent(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(num), 0) FROM events`).Scan(&n)
	return n, err
}

func (s *DB) eventRows(ctx context.Context, query string, args ...any) ([]store.EventRow, error) {
	rows, err := s.read(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.EventRow{}
	for rows.Next() {
		var r store.EventRow
		var item []byte
		if err := rows.Scan(&r.Num, &r.Doc, &r.Incident, &item); err != nil {
			return nil, err
		}
		r.Item = item
		out = append(out, r)
	}
	return out, rows.Err()
}

// ListIncidents returns a page of the incidents of q's events, newest
// first, each with all its events.
func (s *DB) ListIncidents(ctx context.Context, q store.EventQuery) ([]store.IncidentRows, error) {
	if q.Selected == 0 && q.All > 0 {
		return []store.IncidentRows{}, nil
	}
	p, err := s.plan(ctx, q)
	if err != nil {
		return nil, err
	}
	p.leads = nil // incidents are read along the order
	where, args, none, err := s.eventWhere(ctx, q, p)
	if err != nil || none {
		return []store.IncidentRows{}, err
	}
	query := `SELECT i.incident FROM event_items i WHERE ` + where + newestEvents
	if p.lead != "" {
		lead, leadArgs := leadCondition(p.lead, q)
		query = `SELECT i.incident FROM event_terms l JOIN event_items i ON i.num = l.num WHERE ` + lead + ` AND ` + where + newestOfTerm
		args = append(leadArgs, args...)
	}
	ids, err := s.incidentPage(ctx, query, args, q.Offset, q.Limit)
	if err != nil {
		return nil, err
	}
	out := make([]store.IncidentRows, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	at := make(map[int64]int, len(ids))
	for k, id := range ids {
		out[k].Incident = id
		at[id] = k
	}
	in, inArgs := s.inSet("i.incident", ids)
	rows, err := s.eventRows(ctx, `SELECT j.num, j.doc, j.incident, j.item FROM event_items i JOIN event_json j ON j.num = i.num WHERE `+in+` ORDER BY i.num`, inArgs...)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		k := at[r.Incident]
		out[k].Events = append(out[k].Events, r)
	}
	return out, nil
}

// incidentPage reads the incidents of events in the order query lists
// them and returns the page of distinct ones, in the order they first
// appear: an incident's place in the list is that of its newest report.
func (s *DB) incidentPage(ctx context.Context, query string, args []any, offset, limit int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, s.stmt(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := make(map[int64]bool)
	var out []int64
	for rows.Next() {
		var inc int64
		if err := rows.Scan(&inc); err != nil {
			return nil, err
		}
		if seen[inc] {
			continue
		}
		seen[inc] = true
		if len(seen) > offset {
			out = append(out, inc)
		}
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, rows.Err()
}

// EventStats counts q's events per day and type.
func (s *DB) EventStats(ctx context.Context, q store.EventQuery) (store.EventStats, error) {
	st := store.EventStats{PerDay: []store.DayCount{}, PerType: map[string]int64{}}
	where, args, none, err := s.eventWhere(ctx, q, readPlan{})
	if err != nil || none {
		return st, err
	}
	if err := s.db.QueryRowContext(ctx, s.stmt(`SELECT COUNT(*), COUNT(DISTINCT i.incident) FROM event_items i WHERE `+where), args...).
		Scan(&st.Events, &st.Incidents); err != nil {
		return st, err
	}
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT i.day, i.type, COUNT(*) FROM event_items i WHERE `+where+` GROUP BY i.day, i.type`), args...)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var day sql.NullString
		var c store.DayCount
		if err := rows.Scan(&day, &c.Type, &c.Count); err != nil {
			return st, err
		}
		st.PerType[c.Type] += c.Count
		if day.Valid && len(day.String) == len(time.DateOnly) {
			c.Day = day.String
			st.PerDay = append(st.PerDay, c)
		}
	}
	slices.SortFunc(st.PerDay, func(a, b store.DayCount) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Type, b.Type))
	})
	return st, rows.Err()
}

// Actors counts how often each actor acts and is targeted in q's events.
func (s *DB) Actors(ctx context.Context, q store.EventQuery) ([]store.ActorCount, error) {
	where, args, none, err := s.eventWhere(ctx, q, readPlan{})
	if err != nil || none {
		return []store.ActorCount{}, err
	}
	type key struct{ name, kb string }
	byKey := make(map[key]*store.ActorCount)
	for _, role := range []string{"actor", "target"} {
		rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT i.`+role+`, i.`+role+`_kb, COUNT(*) FROM event_items i
			WHERE `+where+` AND i.`+role+` IS NOT NULL GROUP BY i.`+role+`, i.`+role+`_kb`), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name string
			var kb sql.NullString
			var n int64
			if err := rows.Scan(&name, &kb, &n); err != nil {
				rows.Close()
				return nil, err
			}
			k := key{name, kb.String}
			a := byKey[k]
			if a == nil {
				a = &store.ActorCount{Name: name}
				if kb.Valid {
					a.KB = &kb.String
				}
				byKey[k] = a
			}
			if role == "actor" {
				a.AsActor += n
			} else {
				a.AsTarget += n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]store.ActorCount, 0, len(byKey))
	for _, a := range byKey {
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b store.ActorCount) int {
		return cmp.Or(cmp.Compare(b.AsActor+b.AsTarget, a.AsActor+a.AsTarget), cmp.Compare(a.Name, b.Name),
			cmp.Compare(deref(a.KB), deref(b.KB)))
	})
	return cut(out, q.Limit), nil
}

// ActorLinks counts who acts on whom, how, in q's events.
func (s *DB) ActorLinks(ctx context.Context, q store.EventQuery) ([]store.ActorLink, error) {
	where, args, none, err := s.eventWhere(ctx, q, readPlan{})
	if err != nil || none {
		return []store.ActorLink{}, err
	}
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT i.actor, i.target, i.type, COUNT(*) FROM event_items i
		WHERE `+where+` AND i.actor IS NOT NULL AND i.target IS NOT NULL GROUP BY i.actor, i.target, i.type`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.ActorLink{}
	for rows.Next() {
		var l store.ActorLink
		if err := rows.Scan(&l.Actor, &l.Target, &l.Type, &l.Count); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b store.ActorLink) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Actor, b.Actor), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Type, b.Type))
	})
	return cut(out, q.Limit), rows.Err()
}

// Places counts q's events per place.
func (s *DB) Places(ctx context.Context, q store.EventQuery) ([]store.PlaceCount, error) {
	where, args, none, err := s.eventWhere(ctx, q, readPlan{})
	if err != nil || none {
		return []store.PlaceCount{}, err
	}
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT i.place, i.lat, i.lon, i.country, i.admin1, i.precision, COUNT(*) FROM event_items i
		WHERE `+where+` AND i.place IS NOT NULL GROUP BY i.place, i.lat, i.lon, i.country, i.admin1, i.precision`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.PlaceCount{}
	for rows.Next() {
		var p store.PlaceCount
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&p.Name, &lat, &lon, &p.Country, &p.Admin1, &p.Precision, &p.Events); err != nil {
			return nil, err
		}
		if lat.Valid && lon.Valid {
			p.Lat, p.Lon = &lat.Float64, &lon.Float64
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b store.PlaceCount) int {
		return cmp.Or(cmp.Compare(b.Events, a.Events), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Country, b.Country))
	})
	return cut(out, q.Limit), rows.Err()
}

func cut[T any](xs []T, limit int) []T {
	if limit > 0 && len(xs) > limit {
		return xs[:limit]
	}
	return xs
}

// NewestDocuments returns a page of document numbers, newest first.
func (s *DB) NewestDocuments(ctx context.Context, offset, limit int) ([]int64, error) {
	nums, err := s.nums(ctx, `SELECT num FROM documents ORDER BY published DESC NULLS LAST, num DESC`+
		page(store.EventQuery{Limit: limit, Offset: offset}))
	if nums == nil && err == nil {
		nums = []int64{}
	}
	return nums, err
}

// DocumentSummaries describes the documents nums from their columns.
func (s *DB) DocumentSummaries(ctx context.Context, nums []int64) ([]store.DocumentSummary, error) {
	out := make([]store.DocumentSummary, 0, len(nums))
	if len(nums) == 0 {
		return out, nil
	}
	in, args := s.inSet("d.num", nums)
	rows, err := s.db.QueryContext(ctx, s.stmt(`SELECT d.num, d.id, d.title, d.outlet, d.published, d.url, s.id, d.n_events
		FROM documents d LEFT JOIN documents s ON s.num = d.story WHERE `+in), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byNum := make(map[int64]store.DocumentSummary, len(nums))
	for rows.Next() {
		var d store.DocumentSummary
		var title, outlet, published, url, story sql.NullString
		if err := rows.Scan(&d.Num, &d.ID, &title, &outlet, &published, &url, &story, &d.Events); err != nil {
			return nil, err
		}
		d.Title, d.Outlet, d.Published, d.URL = ptr(title), ptr(outlet), ptr(published), ptr(url)
		d.StoryID = d.ID
		if story.Valid {
			d.StoryID = story.String
		}
		byNum[d.Num] = d
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, n := range nums {
		if d, ok := byNum[n]; ok {
			out = append(out, d)
		}
	}
	return out, nil
}

func ptr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}
