package api

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/export"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

//go:embed openapi.yaml
var openapiFS embed.FS

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) error {
	b, err := openapiFS.ReadFile("openapi.yaml")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	_, err = w.Write(b)
	return err
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) error {
	if _, _, err := s.st.IndexSize(r.Context()); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// documentItem is one article in a list of documents.
type documentItem struct {
	ID        string           `json:"id"`
	Title     *string          `json:"title"`
	Outlet    *string          `json:"outlet"`
	Published *string          `json:"published"`
	URL       *string          `json:"url"`
	Story     string           `json:"story"`
	Snippet   *string          `json:"snippet,omitempty"`
	Marks     []document.Range `json:"marks,omitempty"`
	Events    int              `json:"events"`
}

func itemOf(d store.DocumentSummary) documentItem {
	return documentItem{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published, URL: d.URL, Story: d.StoryID, Events: d.Events}
}

// maxRankedHits bounds the pages of a text search: each page loads the
// articles of every page before it.
const maxRankedHits = 10_000

type documentList struct {
	Total int            `json:"total"`
	Items []documentItem `json:"items"`
}

// listDocuments lists articles: ranked by BM25 when q is given (with
// snippets), else newest first.
func (s *server) listDocuments(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, err := parseListQuery(r.URL.Query(), s.cfg.Analyzer)
	if err != nil {
		return err
	}
	out := documentList{Items: []documentItem{}}
	switch {
	case q.Text != "":
		if q.Offset+q.Limit > maxRankedHits {
			return badRequest("offset %d: a text search ranks at most the first %d articles", q.Offset, maxRankedHits)
		}
		res, err := s.srch.Search(ctx, search.Query{Text: q.Text, Filter: q.Filter, Limit: q.Offset + q.Limit})
		if err != nil {
			return err
		}
		out.Total = res.Total
		hits := res.Hits[min(q.Offset, len(res.Hits)):]
		nums := make([]int64, len(hits))
		for i, h := range hits {
			nums[i] = h.Num
		}
		sums, err := s.events.DocumentSummaries(ctx, nums)
		if err != nil {
			return err
		}
		byNum := make(map[int64]store.DocumentSummary, len(sums))
		for _, d := range sums {
			byNum[d.Num] = d
		}
		for _, h := range hits {
			d, ok := byNum[h.Num]
			if !ok {
				continue // replaced meanwhile
			}
			it := itemOf(d)
			it.Snippet, it.Marks = &h.Snippet, h.Marks
			if it.Marks == nil {
				it.Marks = []document.Range{}
			}
			out.Items = append(out.Items, it)
		}
	case q.Filter.IsZero():
		docs, _, err := s.st.IndexSize(ctx)
		if err != nil {
			return err
		}
		out.Total = int(docs)
		nums, err := s.events.NewestDocuments(ctx, q.Offset, q.Limit)
		if err != nil {
			return err
		}
		if out.Items, err = s.summaries(ctx, nums); err != nil {
			return err
		}
	default:
		set, err := s.srch.Documents(ctx, q.Filter)
		if err != nil {
			return err
		}
		order, err := s.st.Published(ctx, q.Filter.From, q.Filter.To)
		if err != nil {
			return err
		}
		var nums []int64
		for _, n := range order {
			if _, ok := slices.BinarySearch(set, n); ok {
				nums = append(nums, n)
			}
		}
		out.Total = len(nums)
		nums = nums[min(q.Offset, len(nums)):]
		if out.Items, err = s.summaries(ctx, nums[:min(q.Limit, len(nums))]); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *server) summaries(ctx context.Context, nums []int64) ([]documentItem, error) {
	sums, err := s.events.DocumentSummaries(ctx, nums)
	if err != nil {
		return nil, err
	}
	items := make([]documentItem, len(sums))
	for i, d := range sums {
		items[i] = itemOf(d)
	}
	return items, nil
}

// getDocument sends one document whole, as rasad extract prints it.
func (s *server) getDocument(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if id == "" || len(id) > 1024 {
		return badRequest("a document id must have 1 to 1024 bytes")
	}
	st, err := s.st.Get(r.Context(), id)
	if err != nil {
		return err
	}
	story := st.StoryID
	if story == "" {
		story = st.Doc.ID
	}
	incidents := st.Incidents
	if incidents == nil {
		incidents = []int64{}
	}
	writeJSON(w, http.StatusOK, struct {
		Document  *document.Document `json:"document"`
		Story     string             `json:"story"`
		Incidents []int64            `json:"incidents"`
	}{st.Doc, story, incidents})
	return nil
}

// eventQueryOf returns the store query of q, with the documents q.Text
// matches when it has words (none when it has none).
func (s *server) eventQueryOf(ctx context.Context, version string, q listQuery) (store.EventQuery, error) {
	eq := eventQuery(q.Filter, s.cfg.Places)
	eq.Limit, eq.Offset = q.Limit, q.Offset
	if c := eq.Near; c != nil {
		// The circle's events, found once per version.
		near, err := cached(s.cache, version, fmt.Sprintf("near\x00%g,%g,%g", c.Lat, c.Lon, c.Km), func() ([]int64, error) {
			return s.events.EventsNear(ctx, *c)
		})
		if err != nil {
			return eq, err
		}
		eq.Near, eq.Events = nil, near
		if eq.Events == nil {
			eq.Events = []int64{}
		}
	}
	if q.Text != "" {
		docs, err := cached(s.cache, version, "docs\x00"+q.Text, func() ([]int64, error) {
			return s.textDocuments(ctx, q.Text)
		})
		if err != nil {
			return eq, err
		}
		if docs != nil {
			eq.Docs = docs
		}
	}
	return eq, nil
}

// versionedQuery parses the request's filters and paging and reads the
// version of the stored data that the answer and its cache entry belong to.
func (s *server) versionedQuery(r *http.Request) (listQuery, string, error) {
	q, err := parseListQuery(r.URL.Query(), s.cfg.Analyzer)
	if err != nil {
		return q, "", err
	}
	version, err := s.current(r.Context())
	return q, version, err
}

// listEvents lists events newest first. The items are stored JSON,
// copied out as they are.
func (s *server) listEvents(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, version, err := s.versionedQuery(r)
	if err != nil {
		return err
	}
	eq, err := s.eventQueryOf(ctx, version, q)
	if err != nil {
		return err
	}
	if err := s.sizes(ctx, version, q, &eq); err != nil {
		return err
	}
	total := eq.Selected
	var rows []store.EventRow
	if keepOrder(eq) {
		// The selected events' order is kept, and pages cut from it.
		order, err := cached(s.cache, version, "order\x00"+q.key(), func() ([]int64, error) {
			return s.events.ListEventNums(ctx, eq)
		})
		if err != nil {
			return err
		}
		total = len(order)
		order = order[min(q.Offset, len(order)):]
		rows, err = s.events.EventsByNum(ctx, order[:min(q.Limit, len(order))])
	} else {
		rows, err = s.events.ListEvents(ctx, eq)
	}
	if err != nil {
		return err
	}
	b, _ := s.buffers.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	defer func() {
		if b.Cap() <= maxPooledBuffer {
			b.Reset()
			s.buffers.Put(b)
		}
	}()
	b.WriteString(`{"total":` + strconv.Itoa(total) + `,"items":[`)
	for i, row := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(row.Item)
	}
	b.WriteString("]}\n")
	writeBytes(w, http.StatusOK, b.Bytes())
	return nil
}

// Bounds of the selections whose order keepOrder keeps (the cache
// bounds the bytes of all it keeps): those from sets are costlier to
// gather again.
const (
	maxKeptOrder    = 5_000
	maxKeptSetOrder = 50_000
)

// keepOrder says whether a query's whole order is worth keeping (per
// version): when it is short enough and the store would otherwise gather
// it on each request from sets (near, q) or from several conditions.
func keepOrder(eq store.EventQuery) bool {
	if eq.Events != nil || eq.Docs != nil {
		return eq.Selected <= maxKeptSetOrder
	}
	conds := 0
	for _, set := range []bool{len(eq.Types) > 0, eq.Actor != "", eq.Place != "", eq.Outlet != "", eq.From != "" || eq.To != ""} {
		if set {
			conds++
		}
	}
	return conds > 1 && eq.Selected <= maxKeptOrder
}

// sizes sets eq.Selected and eq.All: how many events q selects and how
// many there are, counted once per version.
func (s *server) sizes(ctx context.Context, version string, q listQuery, eq *store.EventQuery) error {
	count := func(q listQuery, eq store.EventQuery) (int, error) {
		return cached(s.cache, version, "events\x00"+q.key(), func() (int, error) {
			return s.events.CountEvents(ctx, eq)
		})
	}
	var err error
	if eq.Selected, err = count(q, *eq); err != nil {
		return err
	}
	eq.All, err = count(listQuery{}, store.EventQuery{})
	return err
}

// maxPooledBuffer bounds the buffers kept for reuse: a page of 500
// events is larger, and rare.
const maxPooledBuffer = 1 << 20

// incidentItem is one incident with every report of it.
type incidentItem struct {
	Incident   int64             `json:"incident"`
	Type       string            `json:"type"`
	Date       *string           `json:"date"`
	Place      *store.ItemPlace  `json:"place"`
	Fatalities *int              `json:"fatalities"`
	Events     []json.RawMessage `json:"events"`
}

func (s *server) listIncidents(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, version, err := s.versionedQuery(r)
	if err != nil {
		return err
	}
	eq, err := s.eventQueryOf(ctx, version, q)
	if err != nil {
		return err
	}
	total, err := cached(s.cache, version, "incidents\x00"+q.key(), func() (int, error) {
		return s.events.CountIncidents(ctx, eq)
	})
	if err != nil {
		return err
	}
	if err := s.sizes(ctx, version, q, &eq); err != nil {
		return err
	}
	incs, err := s.events.ListIncidents(ctx, eq)
	if err != nil {
		return err
	}
	out := struct {
		Total int            `json:"total"`
		Items []incidentItem `json:"items"`
	}{total, make([]incidentItem, 0, len(incs))}
	for _, inc := range incs {
		it, err := summarize(inc)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, it)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// summarize describes an incident by its first report (the one whose
// number it bears, when still stored), the most precise place any report
// gives, and the most fatalities any report counts.
func summarize(inc store.IncidentRows) (incidentItem, error) {
	it := incidentItem{Incident: inc.Incident, Events: make([]json.RawMessage, len(inc.Events))}
	var first *store.EventItem
	for i, row := range inc.Events {
		it.Events[i] = row.Item
		var ev store.EventItem
		if err := json.Unmarshal(row.Item, &ev); err != nil {
			return it, fmt.Errorf("event %d: %w", row.Num, err)
		}
		if first == nil || row.Num == inc.Incident {
			first = &ev
		}
		if p := ev.Place; p != nil && (it.Place == nil || it.Place.Lat == nil && p.Lat != nil) {
			it.Place = p
		}
		if f := ev.Fatalities; f != nil && (it.Fatalities == nil || *f > *it.Fatalities) {
			it.Fatalities = f
		}
	}
	if first != nil {
		it.Type = first.Type
		if day := first.Day(); day != "" {
			it.Date = &day
		}
		if first.Place != nil {
			if it.Place == nil || it.Place.Lat == nil || first.Place.Lat != nil {
				it.Place = first.Place
			}
		}
	}
	return it, nil
}

// statsAnswer is the body of /api/v1/stats.
type statsAnswer struct {
	Documents int64            `json:"documents"`
	Events    int64            `json:"events"`
	Incidents int64            `json:"incidents"`
	PerDay    []store.DayCount `json:"per_day"`
	PerType   map[string]int64 `json:"per_type"`
}

func (s *server) stats(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, version, err := s.versionedQuery(r)
	if err != nil {
		return err
	}
	out, err := cached(s.cache, version, "stats\x00"+q.key(), func() (statsAnswer, error) {
		eq, err := s.eventQueryOf(ctx, version, q)
		if err != nil {
			return statsAnswer{}, err
		}
		eq.Limit, eq.Offset = 0, 0
		st, err := s.events.EventStats(ctx, eq)
		if err != nil {
			return statsAnswer{}, err
		}
		docs, err := s.documentCount(ctx, version, q)
		if err != nil {
			return statsAnswer{}, err
		}
		return statsAnswer{Documents: docs, Events: st.Events, Incidents: st.Incidents, PerDay: st.PerDay, PerType: st.PerType}, nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// documentCount counts the documents the filter and words pass, at the
// document level, as search does.
func (s *server) documentCount(ctx context.Context, version string, q listQuery) (int64, error) {
	var set []int64
	if !q.Filter.IsZero() {
		var err error
		if set, err = s.srch.Documents(ctx, q.Filter); err != nil {
			return 0, err
		}
	}
	if q.Text != "" {
		docs, err := cached(s.cache, version, "docs\x00"+q.Text, func() ([]int64, error) {
			return s.textDocuments(ctx, q.Text)
		})
		if err != nil {
			return 0, err
		}
		if docs != nil {
			if set == nil && q.Filter.IsZero() {
				return int64(len(docs)), nil
			}
			set = search.Intersect(set, docs)
		}
	}
	if set == nil && q.Filter.IsZero() {
		n, _, err := s.st.IndexSize(ctx)
		return n, err
	}
	return int64(len(set)), nil
}

// aggregate answers the aggregate endpoints, cached per version.
func aggregate[T any](s *server, w http.ResponseWriter, r *http.Request, name string, list func(context.Context, store.EventQuery) ([]T, error)) error {
	ctx := r.Context()
	q, version, err := s.versionedQuery(r)
	if err != nil {
		return err
	}
	items, err := cached(s.cache, version, name+"\x00"+q.key()+"\x00"+strconv.Itoa(q.Limit), func() ([]T, error) {
		eq, err := s.eventQueryOf(ctx, version, q)
		if err != nil {
			return nil, err
		}
		eq.Offset = 0
		return list(ctx, eq)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []T `json:"items"`
	}{items})
	return nil
}

func (s *server) actors(w http.ResponseWriter, r *http.Request) error {
	return aggregate(s, w, r, "actors", s.events.Actors)
}

func (s *server) actorLinks(w http.ResponseWriter, r *http.Request) error {
	return aggregate(s, w, r, "links", s.events.ActorLinks)
}

func (s *server) places(w http.ResponseWriter, r *http.Request) error {
	return aggregate(s, w, r, "places", s.events.Places)
}

// exportTypes are the Content-Types and file extensions of the formats.
var exportTypes = map[export.Format][2]string{
	export.JSONL:   {"application/x-ndjson; charset=utf-8", "jsonl"},
	export.CSV:     {"text/csv; charset=utf-8", "csv"},
	export.ACLED:   {"text/csv; charset=utf-8", "acled.csv"},
	export.GeoJSON: {"application/geo+json; charset=utf-8", "geojson"},
}

// export writes what rasad export writes for the same format and filters.
func (s *server) export(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v := r.URL.Query()
	q, err := parseListQuery(v, s.cfg.Analyzer, "format")
	if err != nil {
		return err
	}
	if v.Has("limit") || v.Has("offset") {
		return badRequest("export writes everything the filters pass: it takes no limit or offset")
	}
	name := v.Get("format")
	if name == "" {
		name = string(export.JSONL)
	}
	format, err := export.ParseFormat(name)
	if err != nil {
		return badRequest("%v", err)
	}
	events, err := s.srch.Events(q.Filter)
	if err != nil {
		return badRequest("%v", err)
	}
	docs := s.srch.Stream(ctx, q.Filter)
	if q.Text != "" {
		version, err := s.current(ctx)
		if err != nil {
			return err
		}
		matching, err := cached(s.cache, version, "docs\x00"+q.Text, func() ([]int64, error) {
			return s.textDocuments(ctx, q.Text)
		})
		if err != nil {
			return err
		}
		if matching != nil {
			docs = only(docs, matching)
		}
	}
	h := w.Header()
	h.Set("Content-Type", exportTypes[format][0])
	h.Set("Content-Disposition", `attachment; filename="rasad-export.`+exportTypes[format][1]+`"`)
	sum, err := s.ex.Write(w, format, docs, events)
	if err != nil {
		return err
	}
	s.log.Info("export", "format", string(format), "summary", sum.String())
	return nil
}

// only keeps the documents numbered nums (sorted).
func only(docs iter.Seq2[*store.Stored, error], nums []int64) iter.Seq2[*store.Stored, error] {
	return func(yield func(*store.Stored, error) bool) {
		for st, err := range docs {
			if err == nil {
				if _, ok := slices.BinarySearch(nums, st.Num); !ok {
					continue
				}
			}
			if !yield(st, err) {
				return
			}
		}
	}
}

// textDocuments returns, sorted, the numbers of the documents containing
// every word and phrase of text, as search matches them; nil when text
// has no words.
func (s *server) textDocuments(ctx context.Context, text string) ([]int64, error) {
	clauses, err := search.ParseQuery(s.cfg.Analyzer, text)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	if len(clauses) == 0 {
		return nil, nil
	}
	// Each distinct word is looked up once, restricted to the documents
	// that still qualify.
	positions := make(map[string]map[int64][]int)
	var candidates []int64
	first := true
	for _, c := range clauses {
		for _, alts := range c.Slots {
			key := strings.Join(alts, "|")
			if _, ok := positions[key]; ok {
				continue
			}
			var within []int64
			if !first {
				within = candidates
			}
			found := make(map[int64][]int)
			for _, t := range alts {
				ps, err := s.st.Postings(ctx, t, within)
				if err != nil {
					return nil, err
				}
				for _, p := range ps {
					found[p.Num] = append(found[p.Num], p.Positions...)
				}
			}
			nums := make([]int64, 0, len(found))
			for n, pos := range found {
				if len(alts) > 1 {
					slices.Sort(pos)
					found[n] = slices.Compact(pos)
				}
				nums = append(nums, n)
			}
			slices.Sort(nums)
			positions[key] = found
			candidates, first = nums, false
			if len(candidates) == 0 {
				return []int64{}, nil
			}
		}
	}
	out := candidates[:0:0]
	for _, n := range candidates {
		if phrasesAt(clauses, positions, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// phrasesAt says whether every phrase occurs in document n, its words at
// consecutive positions.
func phrasesAt(clauses []search.Clause, positions map[string]map[int64][]int, n int64) bool {
	for _, c := range clauses {
		if !c.Phrase() {
			continue
		}
		at := func(k int) []int { return positions[strings.Join(c.Slots[k], "|")][n] }
		found := false
		for _, start := range at(0) {
			found = true
			for k := 1; k < len(c.Slots) && found; k++ {
				_, found = slices.BinarySearch(at(k), start+k)
			}
			if found {
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
