package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

var update = flag.Bool("update-search", false, "rewrite the store suite's golden search results (check the diff before committing)")

// Opener opens the database a backend made for one test. The suite may
// call it more than once: to reopen the database, or to open a second
// handle on it as another process would.
type Opener func(ctx context.Context, opts store.Options) (store.Store, error)

// Run runs the conformance suite. newDatabase makes an empty database for
// one test and returns how to open it; it is all a backend's test gives.
func Run(t *testing.T, newDatabase func(t *testing.T) Opener) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	s := &suite{newDatabase: newDatabase, an: an}
	tests := []struct {
		name string
		fn   func(*testing.T)
	}{
		{"Migrations", s.testMigrations},
		{"RoundTrip", s.testRoundTrip},
		{"Idempotent", s.testIdempotent},
		{"Replace", s.testReplace},
		{"Batch", s.testBatch},
		{"SearchArabic", s.testSearchArabic},
		{"SearchFilters", s.testSearchFilters},
		{"SearchGolden", s.testSearchGolden},
		{"Stories", s.testStories},
		{"Incidents", s.testIncidents},
		{"ReadWhileWriting", s.testReadWhileWriting},
	}
	for _, tc := range tests {
		t.Run(tc.name, tc.fn)
	}
}

type suite struct {
	newDatabase func(t *testing.T) Opener
	an          *arabic.Analyzer
}

// open makes a database and opens it; the store is closed when t ends.
func (s *suite) open(t *testing.T) (store.Store, Opener) {
	t.Helper()
	opener := s.newDatabase(t)
	return s.reopen(t, opener), opener
}

func (s *suite) reopen(t *testing.T, opener Opener) store.Store {
	t.Helper()
	st, err := opener(t.Context(), store.Options{Analyzer: s.an})
	if err != nil {
		t.Fatalf("opening the store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// loaded opens a database holding the suite's corpus.
func (s *suite) loaded(t *testing.T) store.Store {
	t.Helper()
	st, _ := s.open(t)
	for _, d := range Corpus() {
		out, err := st.Put(t.Context(), d)
		if err != nil {
			t.Fatalf("Put(%s): %v", d.ID, err)
		}
		if out != store.Added {
			t.Fatalf("Put(%s) = %v, want added", d.ID, out)
		}
	}
	if err := st.Check(t.Context()); err != nil {
		t.Fatalf("Check after loading: %v", err)
	}
	return st
}

func (s *suite) testMigrations(t *testing.T) {
	ctx := t.Context()
	st, opener := s.open(t)
	versions, err := st.Migrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) == 0 || versions[0] != 1 {
		t.Fatalf("migrations applied = %v, want them to start at 1", versions)
	}
	if _, err := st.Put(ctx, Corpus()[0]); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	again := s.reopen(t, opener)
	v2, err := again.Migrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(versions, v2) {
		t.Errorf("after reopening, migrations = %v, want %v (applied once)", v2, versions)
	}
	if _, err := again.Get(ctx, Corpus()[0].ID); err != nil {
		t.Errorf("after reopening: %v", err)
	}
}

func (s *suite) testRoundTrip(t *testing.T) {
	ctx := t.Context()
	st := s.loaded(t)
	for _, want := range Corpus() {
		got, err := st.Get(ctx, want.ID)
		if err != nil {
			t.Fatalf("Get(%s): %v", want.ID, err)
		}
		if g, w := jsonOf(t, got.Doc), jsonOf(t, want); g != w {
			t.Errorf("Get(%s) returned\n%s\nwant\n%s", want.ID, g, w)
		}
		if len(got.Incidents) != len(want.Events) {
			t.Errorf("Get(%s): %d incidents for %d events", want.ID, len(got.Incidents), len(want.Events))
		}
		for i, r := range got.Offsets {
			if r[0] < 0 || r[1] > len(want.Text) || r[0] >= r[1] {
				t.Fatalf("Get(%s): token %d offsets %v out of the text", want.ID, i, r)
			}
		}
	}
	if _, err := st.Get(ctx, "no-such-article"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get of a missing id: err = %v, want ErrNotFound", err)
	}

	// The offsets of a token carrying clitics cover all of it, in bytes:
	// والقوات is 7 letters, 14 bytes, at byte 97 of the daraa article.
	got, err := st.Get(ctx, "daraa")
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Index(got.Doc.Text, "والقوات")
	if at != 97 {
		t.Fatalf("fixture changed: والقوات at byte %d, want 97", at)
	}
	if !slices.Contains(got.Offsets, document.Range{97, 111}) {
		t.Errorf("daraa offsets %v lack [97 111) for والقوات", got.Offsets[:min(len(got.Offsets), 20)])
	}

	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != int64(len(Corpus())) || stats.Events != 7 {
		t.Errorf("stats = %+v, want %d documents and 7 events", stats, len(Corpus()))
	}
}

func (s *suite) testIdempotent(t *testing.T) {
	ctx := t.Context()
	st := s.loaded(t)
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Corpus() {
		out, err := st.Put(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if out != store.Unchanged {
			t.Errorf("storing %s again: %v, want unchanged", d.ID, out)
		}
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("stats changed by storing the same batch again: %+v, then %+v", before, after)
	}
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}
}

func (s *suite) testReplace(t *testing.T) {
	ctx := t.Context()
	st := s.loaded(t)
	n := int64(len(Corpus()))
	srch := search.New(st, s.an)

	// The same id with a corrected text replaces the article: its old
	// words are no longer found, its new ones are.
	d := Corpus()[2] // daraa
	d.Text = strings.Replace(d.Text, "مساء", "صباح الخميس", 1)
	d.Sentences = []document.Range{}
	if out, err := st.Put(ctx, d); err != nil || out != store.Updated {
		t.Fatalf("Put of a changed daraa = %v, %v; want updated", out, err)
	}
	s.expectIDs(t, srch, search.Query{Text: "الخميس"}, []string{"daraa"}, true)

	// A new id for the same URL replaces the article too.
	e := Corpus()[10] // council-apart
	e.ID = "council-apart-v2"
	if out, err := st.Put(ctx, e); err != nil || out != store.Updated {
		t.Fatalf("Put of council-apart under a new id = %v, %v; want updated", out, err)
	}
	if _, err := st.Get(ctx, "council-apart"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the old id is still stored: %v", err)
	}
	if _, err := st.Get(ctx, "council-apart-v2"); err != nil {
		t.Error(err)
	}

	// The same cleaned text with another id and no URL is the same
	// article as well.
	f := Corpus()[9] // council
	f.ID, f.URL = "council-copy", nil
	if out, err := st.Put(ctx, f); err != nil || out != store.Updated {
		t.Fatalf("Put of council's text under a new id = %v, %v; want updated", out, err)
	}

	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != n {
		t.Errorf("%d documents after replacing three, want %d", stats.Documents, n)
	}
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}
	s.expectIDs(t, srch, search.Query{Text: "درعا"}, []string{"daraa", "daraa-long"}, true)
}

func (s *suite) testBatch(t *testing.T) {
	ctx := t.Context()
	st, _ := s.open(t)
	docs := Corpus()
	// The first article twice in one batch: stored once.
	batch := append(docs, Corpus()[0])
	outs, err := st.PutBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, out := range outs {
		want := store.Added
		if i == len(docs) {
			want = store.Unchanged
		}
		if out != want {
			t.Errorf("PutBatch: %s is %v, want %v", batch[i].ID, out, want)
		}
	}
	again := Corpus()
	again[4].Text += " وأضافت المصادر أن التحقيق مستمر."
	outs, err = st.PutBatch(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	for i, out := range outs {
		want := store.Unchanged
		if i == 4 {
			want = store.Updated
		}
		if out != want {
			t.Errorf("PutBatch again: %s is %v, want %v", again[i].ID, out, want)
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != int64(len(docs)) {
		t.Errorf("%d documents after two batches of the same %d", stats.Documents, len(docs))
	}
	if err := st.Check(ctx); err != nil {
		t.Error(err)
	}
	// The golden results hold whether the corpus went in one batch or
	// one article at a time, apart from the replaced article.
	s.expectIDs(t, search.New(st, s.an), search.Query{Text: "التحقيق"}, []string{"un-informal"}, true)
}

// expectIDs runs q and compares the hits' ids with want (in order when
// ordered is set).
func (s *suite) expectIDs(t *testing.T, srch *search.Searcher, q search.Query, want []string, ordered bool) []search.Hit {
	t.Helper()
	q.Limit = 100
	res, err := srch.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%q, %+v): %v", q.Text, q.Filter, err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	if !ordered {
		slices.Sort(got)
		want = slices.Sorted(slices.Values(want))
	}
	if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("Search(%q, %+v) = %q, want %q", q.Text, q.Filter, got, want)
	}
	if res.Total != len(res.Hits) {
		t.Errorf("Search(%q): total %d, %d hits (limit 100)", q.Text, res.Total, len(res.Hits))
	}
	return res.Hits
}

func (s *suite) testSearchArabic(t *testing.T) {
	st := s.loaded(t)
	srch := search.New(st, s.an)
	quwwat := []string{"daraa", "diacritics", "sirte-1", "sirte-2"}
	cases := []struct {
		query   string
		want    []string
		ordered bool
		// marked are surface forms that the hit's snippet must mark,
		// by document id.
		marked map[string][]string
	}{
		{query: "قوات", want: quwwat, marked: map[string][]string{
			"daraa": {"والقوات", "لقواتها"}, "sirte-1": {"لقوات", "بقوات"}, "diacritics": {"القُوَّاتَ"}}},
		{query: "بقوات", want: quwwat},
		{query: "والقوات", want: quwwat},
		{query: "القُوّات", want: quwwat},
		{query: "الأمم المتحدة", want: []string{"tripoli-shelling", "un-informal"}, marked: map[string][]string{
			"un-informal": {"الامم المتحده"}, "tripoli-shelling": {"الأمم المتحدة"}}},
		{query: "الامم المتحده", want: []string{"tripoli-shelling", "un-informal"}},
		{query: "مستشفى", want: []string{"tripoli-next-day", "tripoli-shelling", "un-informal"}, marked: map[string][]string{
			"un-informal": {"مستشفي"}, "tripoli-shelling": {"المستشفى"}}},
		{query: `"المجلس الرئاسي"`, want: []string{"council"}, marked: map[string][]string{"council": {"المجلس الرئاسي"}}},
		{query: `«المجلس الرئاسي»`, want: []string{"council"}},
		{query: "المجلس الرئاسي", want: []string{"council", "council-apart"}},
		{query: "درعا", want: []string{"daraa", "daraa-long"}, ordered: true},
		{query: `"قوات حفتر" سرت`, want: []string{"sirte-1", "sirte-2"}},
		{query: "زلزال", want: nil},
		{query: "سرت زلزال", want: nil},
	}
	for _, tc := range cases {
		hits := s.expectIDs(t, srch, search.Query{Text: tc.query}, tc.want, tc.ordered)
		for _, h := range hits {
			var got []string
			for _, m := range h.Marks {
				if m[0] < 0 || m[1] > len(h.Snippet) || m[0] >= m[1] {
					t.Fatalf("%q: hit %s: mark %v outside snippet of %d bytes", tc.query, h.ID, m, len(h.Snippet))
				}
				got = append(got, h.Snippet[m[0]:m[1]])
			}
			for _, w := range tc.marked[h.ID] {
				if !slices.Contains(got, w) {
					t.Errorf("%q: hit %s marks %q, want %q among them; snippet %q", tc.query, h.ID, got, w, h.Snippet)
				}
			}
		}
	}
	if _, err := srch.Search(t.Context(), search.Query{Text: `"قوات حفتر`}); err == nil {
		t.Error("a query with an unclosed quotation mark gave no error")
	}
}

func (s *suite) testSearchFilters(t *testing.T) {
	st := s.loaded(t)
	srch := search.New(st, s.an)
	assault := []string{"daraa", "sirte-1", "sirte-2", "tripoli-later", "tripoli-next-day", "tripoli-shelling"}
	cases := []struct {
		name    string
		q       search.Query
		want    []string
		ordered bool
	}{
		{"type", search.Query{Filter: search.Filter{Types: []string{"ASSAULT"}}}, assault, false},
		{"type newest first", search.Query{Filter: search.Filter{Types: []string{"assault"}, From: "2020-06-25"}},
			[]string{"tripoli-later", "tripoli-next-day", "tripoli-shelling", "daraa"}, true},
		{"two types", search.Query{Filter: search.Filter{Types: []string{"PROTEST", "Battles"}}}, []string{"daraa", "protest"}, false},
		{"ACLED sub-event type", search.Query{Filter: search.Filter{Types: []string{"Air/drone strike"}}}, []string{"sirte-1", "sirte-2"}, false},
		{"actor surname", search.Query{Filter: search.Filter{Actor: "حفتر"}}, []string{"sirte-1", "sirte-2"}, false},
		{"actor full name", search.Query{Filter: search.Filter{Actor: "خليفة حفتر"}}, []string{"sirte-1", "sirte-2"}, false},
		{"actor organisation", search.Query{Filter: search.Filter{Actor: "الأمم المتحدة"}}, []string{"tripoli-shelling", "un-informal"}, false},
		{"place", search.Query{Filter: search.Filter{Place: "طرابلس"}},
			[]string{"tripoli-later", "tripoli-next-day", "tripoli-shelling", "un-informal"}, false},
		{"place country", search.Query{Filter: search.Filter{Place: "SY"}}, []string{"daraa"}, false},
		{"near", search.Query{Filter: search.Filter{Near: &search.Near{Lat: 32.9, Lon: 13.2, Km: 20}}},
			[]string{"tripoli-later", "tripoli-next-day", "tripoli-shelling"}, false},
		{"near wide", search.Query{Filter: search.Filter{Near: &search.Near{Lat: 32.9, Lon: 13.2, Km: 500}}},
			[]string{"sirte-1", "sirte-2", "tripoli-later", "tripoli-next-day", "tripoli-shelling"}, false},
		{"dates", search.Query{Filter: search.Filter{From: "2020-07-01", To: "2020-07-03"}},
			[]string{"diacritics", "tripoli-next-day", "tripoli-shelling"}, false},
		{"outlet", search.Query{Filter: search.Filter{Outlet: "عربي21"}}, []string{"protest", "sirte-1", "tripoli-shelling"}, false},
		{"words and outlet", search.Query{Text: "قوات", Filter: search.Filter{Outlet: "عربي21"}}, []string{"sirte-1"}, false},
		{"words and type", search.Query{Text: "طرابلس", Filter: search.Filter{Types: []string{"PROTEST"}}}, nil, false},
		{"words and place", search.Query{Text: "مستشفى", Filter: search.Filter{Near: &search.Near{Lat: 32.9, Lon: 13.2, Km: 20}, To: "2020-07-01"}},
			[]string{"tripoli-shelling"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s.expectIDs(t, srch, tc.q, tc.want, tc.ordered)
		})
	}
	if _, err := srch.Search(t.Context(), search.Query{}); !errors.Is(err, search.ErrEmptyQuery) {
		t.Errorf("empty query: err = %v, want ErrEmptyQuery", err)
	}
	if _, err := srch.Search(t.Context(), search.Query{Filter: search.Filter{From: "2020-13-01"}}); err == nil {
		t.Error("a bad date gave no error")
	}
}

// goldenQueries are run on the corpus and their full results (scores to
// nine places, snippets with marks) compared with testdata/search.golden,
// which every backend must reproduce exactly.
var goldenQueries = []search.Query{
	{Text: "قوات"},
	{Text: "الأمم المتحدة"},
	{Text: "طرابلس"},
	{Text: "مستشفى طرابلس"},
	{Text: `"المجلس الرئاسي"`},
	{Text: "درعا"},
	{Text: "إطلاق النار"},
	{Text: "قصف", Filter: search.Filter{Types: []string{"ASSAULT"}}},
	{Filter: search.Filter{Outlet: "الوسط"}},
}

func (s *suite) testSearchGolden(t *testing.T) {
	st := s.loaded(t)
	srch := search.New(st, s.an)
	var b strings.Builder
	for _, q := range goldenQueries {
		res, err := srch.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "query %q filter %s: %d\n", q.Text, jsonOf(t, q.Filter), res.Total)
		for _, h := range res.Hits {
			fmt.Fprintf(&b, "  %-18s %.9f story=%s %s\n", h.ID, h.Score, h.Story, markedSnippet(h))
		}
	}
	got := b.String()
	_, file, _, _ := runtime.Caller(0)
	golden := filepath.Join(filepath.Dir(file), "testdata", "search.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run the sqlite test with -update-search to write it, then read it)", err)
	}
	if got != string(want) {
		t.Errorf("search results differ from %s:\n%s", golden, lineDiff(string(want), got))
	}
}

func markedSnippet(h search.Hit) string {
	var b strings.Builder
	prev := 0
	for _, m := range h.Marks {
		b.WriteString(h.Snippet[prev:m[0]])
		b.WriteString("⟦" + h.Snippet[m[0]:m[1]] + "⟧")
		prev = m[1]
	}
	b.WriteString(h.Snippet[prev:])
	return b.String()
}

func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

func (s *suite) testStories(t *testing.T) {
	ctx := t.Context()
	st := s.loaded(t)
	story := make(map[string]int64)
	nums := make(map[string]int64)
	for _, d := range Corpus() {
		got, err := st.Get(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		story[d.ID], nums[d.ID] = got.Story, got.Num
	}
	if story["sirte-1"] != nums["sirte-1"] || story["sirte-2"] != nums["sirte-1"] {
		t.Errorf("sirte-2 (a rewrite of sirte-1) is in story %d, sirte-1 in %d; want both in %d", story["sirte-2"], story["sirte-1"], nums["sirte-1"])
	}
	for id, n := range story {
		if id != "sirte-2" && n != nums[id] {
			t.Errorf("%s is in the story of document %d, want its own", id, n)
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(len(Corpus()) - 1); stats.Stories != want {
		t.Errorf("%d stories, want %d", stats.Stories, want)
	}
}

func (s *suite) testIncidents(t *testing.T) {
	ctx := t.Context()
	st := s.loaded(t)
	incident := func(id string) int64 {
		got, err := st.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Incidents) != 1 || got.Incidents[0] == 0 {
			t.Fatalf("%s: incidents %v, want one", id, got.Incidents)
		}
		return got.Incidents[0]
	}
	same := [][2]string{{"sirte-1", "sirte-2"}, {"tripoli-shelling", "tripoli-next-day"}}
	for _, p := range same {
		if a, b := incident(p[0]), incident(p[1]); a != b {
			t.Errorf("%s and %s report one strike but are incidents %d and %d", p[0], p[1], a, b)
		}
	}
	apart := [][2]string{{"tripoli-shelling", "tripoli-later"}, {"sirte-1", "daraa"}, {"sirte-1", "tripoli-shelling"}, {"protest", "tripoli-later"}}
	for _, p := range apart {
		if a, b := incident(p[0]), incident(p[1]); a == b {
			t.Errorf("%s and %s are different events but share incident %d", p[0], p[1], a)
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Events != 7 || stats.Incidents != 5 {
		t.Errorf("%d events in %d incidents, want 7 in 5", stats.Events, stats.Incidents)
	}
}

func (s *suite) testReadWhileWriting(t *testing.T) {
	ctx := t.Context()
	writer, opener := s.open(t)
	reader := s.reopen(t, opener)
	docs := Generate(60, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	var writeErr error
	go func() {
		defer wg.Done()
		for _, d := range docs {
			if _, err := writer.Put(ctx, d); err != nil {
				writeErr = err
				return
			}
		}
	}()
	srch := search.New(reader, s.an)
	searches := 0
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
loop:
	for {
		select {
		case <-done:
			break loop
		default:
		}
		if _, err := srch.Search(ctx, search.Query{Text: "القوات"}); err != nil {
			t.Fatalf("search while writing: %v", err)
		}
		searches++
	}
	if writeErr != nil {
		t.Fatalf("writing: %v", writeErr)
	}
	stats, err := reader.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != int64(len(docs)) {
		t.Errorf("%d documents after writing %d", stats.Documents, len(docs))
	}
	if err := reader.Check(ctx); err != nil {
		t.Error(err)
	}
	t.Logf("%d searches while writing %d documents", searches, len(docs))
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
