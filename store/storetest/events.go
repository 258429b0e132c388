package storetest

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// RunEvents runs the conformance tests of store.EventLister, which the
// backend's stores must implement, over the suite's corpus.
func RunEvents(t *testing.T, newDatabase func(t *testing.T) Opener) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	s := &suite{newDatabase: newDatabase, an: an}
	t.Run("Filters", s.testEventFilters)
	t.Run("Replace", s.testEventReplace)
	t.Run("Incidents", s.testEventIncidents)
	t.Run("Documents", s.testEventDocuments)
	t.Run("PlaceScopes", s.testPlaceScopes)
}

// lister opens a database holding the corpus, with its event rows synced.
func (s *suite) lister(t *testing.T) (store.Store, store.EventLister) {
	t.Helper()
	st := s.loaded(t)
	el, ok := st.(store.EventLister)
	if !ok {
		t.Fatalf("%T is not a store.EventLister", st)
	}
	events := 0
	for _, d := range Corpus() {
		events += len(d.Events)
	}
	added, removed, err := el.SyncEvents(t.Context())
	if err != nil || added != events || removed != 0 {
		t.Fatalf("SyncEvents = %d, %d, %v; want %d added", added, removed, err, events)
	}
	if added, removed, err := el.SyncEvents(t.Context()); err != nil || added+removed != 0 {
		t.Fatalf("SyncEvents again = %d, %d, %v; want nothing to do", added, removed, err)
	}
	return st, el
}

func itemsOf(t *testing.T, rows []store.EventRow) []store.EventItem {
	t.Helper()
	items := make([]store.EventItem, len(rows))
	for i, r := range rows {
		if err := json.Unmarshal(r.Item, &items[i]); err != nil {
			t.Fatalf("event %d: %v in %s", r.Num, err, r.Item)
		}
		if items[i].Incident != r.Incident {
			t.Errorf("event %d: item says incident %d, row %d", r.Num, items[i].Incident, r.Incident)
		}
	}
	return items
}

func (s *suite) testEventFilters(t *testing.T) {
	ctx := t.Context()
	st, el := s.lister(t)
	srch := search.New(st, s.an)
	all, err := el.CountEvents(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		q    store.EventQuery
	}{
		{"all", store.EventQuery{}},
		{"PLOVER type, any case", store.EventQuery{Types: []string{"assault"}}},
		{"ACLED sub-event type", store.EventQuery{Types: []string{"Air/drone strike"}}},
		{"two types", store.EventQuery{Types: []string{"PROTEST", "Battles"}}},
		{"actor, canonical name", store.EventQuery{Actor: "خليفة حفتر"}},
		{"actor with a clitic", store.EventQuery{Actor: "لحفتر"}},
		{"place", store.EventQuery{Place: "طرابلس"}},
		{"country code", store.EventQuery{Place: "SY"}},
		{"type and place", store.EventQuery{Types: []string{"ASSAULT"}, Place: "ليبيا طرابلس"}},
		{"type, actor and place", store.EventQuery{Types: []string{"ASSAULT"}, Actor: "حفتر", Place: "سرت"}},
		{"outlet", store.EventQuery{Outlet: "الوسط"}},
		{"days", store.EventQuery{From: "2020-06-25", To: "2020-07-02"}},
		{"near Tripoli", store.EventQuery{Near: &store.Circle{Lat: 32.9, Lon: 13.2, Km: 30}}},
		{"type near Tripoli from a day", store.EventQuery{Types: []string{"ASSAULT"}, From: "2020-07-02", Near: &store.Circle{Lat: 32.9, Lon: 13.2, Km: 30}}},
		{"nobody", store.EventQuery{Actor: "زيد عمرو"}},
	}
	for _, tc := range cases {
		f := search.Filter{Types: tc.q.Types, Actor: tc.q.Actor, Place: tc.q.Place, Outlet: tc.q.Outlet, From: tc.q.From, To: tc.q.To}
		if c := tc.q.Near; c != nil {
			f.Near = &search.Near{Lat: c.Lat, Lon: c.Lon, Km: c.Km}
		}
		ef, err := srch.Events(f)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, d := range Corpus() {
			for _, v := range d.Events {
				if ef.Match(d, v) {
					want = append(want, d.ID+"/"+v.ID)
				}
			}
		}
		n, err := el.CountEvents(ctx, tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if n != len(want) {
			t.Errorf("%s: CountEvents = %d, want %d", tc.name, n, len(want))
		}
		// Every way of reading a page gives the same page: without
		// counts (sets), and with them (along the order or a term).
		var pages [][]string
		for _, hint := range []struct{ selected, all int }{{0, 0}, {n, all}, {n, n}} {
			for _, limit := range []int{0, 2} {
				q := tc.q
				q.Selected, q.All, q.Limit, q.Offset = hint.selected, hint.all, limit, 0
				if limit > 0 {
					q.Offset = 1
				}
				rows, err := el.ListEvents(ctx, q)
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				var got []string
				for _, it := range itemsOf(t, rows) {
					got = append(got, it.Doc+"/"+it.ID)
				}
				if limit == 0 {
					pages = append(pages, got)
					continue
				}
				whole := pages[len(pages)-1]
				if w := whole[min(1, len(whole)):min(3, len(whole))]; !slices.Equal(got, w) {
					t.Errorf("%s, hint %v: page 2 of 2 = %v, want %v", tc.name, hint, got, w)
				}
			}
		}
		for _, p := range pages[1:] {
			if !slices.Equal(p, pages[0]) {
				t.Errorf("%s: the pages differ by plan: %v and %v", tc.name, pages[0], p)
			}
		}
		if got := slices.Sorted(slices.Values(pages[0])); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: ListEvents = %v, want %v", tc.name, pages[0], want)
		}
	}
}

func (s *suite) testEventReplace(t *testing.T) {
	ctx := t.Context()
	st, el := s.lister(t)
	last, err := el.LastEvent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := el.EventsVersion(ctx)
	// protest becomes a clash: its event is replaced by another.
	d := Corpus()[len(Corpus())-1]
	if d.ID != "protest" {
		t.Fatalf("the corpus's last article is %s", d.ID)
	}
	d.Events[0].Type, d.Events[0].ACLED = "ASSAULT", clash
	if out, err := st.Put(ctx, d); err != nil || out != store.Updated {
		t.Fatalf("Put = %v, %v", out, err)
	}
	after, _ := el.EventsVersion(ctx)
	if after == before {
		t.Error("EventsVersion did not change when a document was replaced")
	}
	added, removed, err := el.SyncEvents(ctx)
	if err != nil || added != 1 || removed != 1 {
		t.Fatalf("SyncEvents after a replacement = %d, %d, %v; want 1, 1", added, removed, err)
	}
	rows, err := el.EventsAfter(ctx, last, 10)
	if err != nil {
		t.Fatal(err)
	}
	items := itemsOf(t, rows)
	if len(items) != 1 || items[0].Doc != "protest" || items[0].Type != "ASSAULT" || rows[0].Num <= last {
		t.Errorf("EventsAfter(%d) = %+v, want the replaced protest's new event", last, items)
	}
	if n, _ := el.CountEvents(ctx, store.EventQuery{Types: []string{"PROTEST"}}); n != 0 {
		t.Errorf("%d PROTEST events after the replacement", n)
	}
}

func (s *suite) testEventIncidents(t *testing.T) {
	ctx := t.Context()
	_, el := s.lister(t)
	q := store.EventQuery{Place: "سرت"}
	n, err := el.CountIncidents(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	incs, err := el.ListIncidents(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	// sirte-1 and sirte-2 report one strike.
	if n != 1 || len(incs) != 1 || len(incs[0].Events) != 2 {
		t.Fatalf("incidents at Sirte: %d, %+v; want one with two reports", n, incs)
	}
	docs := []string{}
	for _, it := range itemsOf(t, incs[0].Events) {
		docs = append(docs, it.Doc)
	}
	if !slices.Equal(docs, []string{"sirte-1", "sirte-2"}) {
		t.Errorf("the Sirte incident's reports: %v", docs)
	}
	// Tripoli: the shelling and the next day's report are one incident,
	// the later shelling another, listed first.
	incs, err = el.ListIncidents(ctx, store.EventQuery{Place: "طرابلس"})
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 2 || len(incs[0].Events) != 1 || len(incs[1].Events) != 2 {
		t.Fatalf("incidents at Tripoli: %+v", incs)
	}
	if it := itemsOf(t, incs[0].Events); it[0].Doc != "tripoli-later" {
		t.Errorf("newest Tripoli incident reported by %s", it[0].Doc)
	}
	st, err := el.EventStats(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Events != 7 || st.Incidents != 5 || st.PerType["ASSAULT"] != 6 || st.PerType["PROTEST"] != 1 || len(st.PerDay) != 5 {
		t.Errorf("EventStats = %+v", st)
	}
	places, err := el.Places(ctx, store.EventQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != 1 || places[0].Name != "طرابلس" || places[0].Events != 3 {
		t.Errorf("Places, top 1 = %+v; want طرابلس with 3 events", places)
	}
	actors, err := el.Actors(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(actors) == 0 || actors[0].Name != "قوات خليفة حفتر" || actors[0].AsTarget != 2 {
		t.Errorf("Actors = %+v; want قوات خليفة حفتر targeted twice first", actors)
	}
	links, err := el.ActorLinks(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0] != (store.ActorLink{Actor: "مسلحين محليين", Target: "القوات الحكومية", Type: "ASSAULT", Count: 1}) {
		t.Errorf("ActorLinks = %+v", links)
	}
}

func (s *suite) testEventDocuments(t *testing.T) {
	ctx := t.Context()
	st, el := s.lister(t)
	nums, err := el.NewestDocuments(ctx, 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.Published(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(nums, want[:3]) {
		t.Errorf("NewestDocuments(0, 3) = %v, want %v", nums, want[:3])
	}
	sums, err := el.DocumentSummaries(ctx, append([]int64{999999}, want...))
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != len(want) {
		t.Fatalf("%d summaries for %d documents", len(sums), len(want))
	}
	byID := make(map[string]*document.Document)
	for _, d := range Corpus() {
		byID[d.ID] = d
	}
	for i, sum := range sums {
		d := byID[sum.ID]
		if sum.Num != want[i] || d == nil || sum.Events != len(d.Events) || (sum.Outlet == nil) != (d.Outlet == nil) {
			t.Errorf("summary %d: %+v", i, sum)
		}
		if sum.ID == "sirte-2" && sum.StoryID != "sirte-1" {
			t.Errorf("sirte-2's story is %q, want sirte-1", sum.StoryID)
		}
	}
}
