package alerttest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// Opener opens the database a backend made for one test. The suite calls
// it more than once: to reopen the database after a restart, or to open
// a second handle on it as another process would.
type Opener func(ctx context.Context, opts store.Options) (alert.Store, error)

// Run runs the conformance suite. newDatabase makes an empty database for
// one test and returns how to open it.
func Run(t *testing.T, newDatabase func(t *testing.T) Opener) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	docs, updated := articles(t)
	s := &suite{newDatabase: newDatabase, an: an, docs: docs, updated: updated}
	tests := []struct {
		name string
		fn   func(*testing.T)
	}{
		{"Definitions", s.testDefinitions},
		{"FiresOncePerEvent", s.testFiresOnce},
		{"ConcurrentEngines", s.testConcurrentEngines},
		{"Leases", s.testLeases},
		{"TestRecordsNothing", s.testTestRecordsNothing},
	}
	for _, tc := range tests {
		t.Run(tc.name, tc.fn)
	}
}

type suite struct {
	newDatabase func(t *testing.T) Opener
	an          store.Analyzer
	docs        []*document.Document
	// updated is docs[0] with a paragraph of news added on top.
	updated *document.Document
}

func (s *suite) open(t *testing.T, open Opener) alert.Store {
	t.Helper()
	st, err := open(context.Background(), store.Options{Analyzer: s.an})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func (s *suite) engine(t *testing.T, st alert.Store) *alert.Engine {
	t.Helper()
	e, err := alert.New(st, s.an, alert.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ids(docs []*document.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

func (s *suite) put(t *testing.T, st store.Store, docs []*document.Document) []store.Outcome {
	t.Helper()
	outs, err := st.PutBatch(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

func (s *suite) add(t *testing.T, st alert.Store, a alert.Alert) {
	t.Helper()
	if err := a.Validate(s.an); err != nil {
		t.Fatalf("alert %s: %v", a.Name, err)
	}
	if err := st.AddAlert(context.Background(), a); err != nil {
		t.Fatalf("adding alert %s: %v", a.Name, err)
	}
}

// strikes is the suite's main alert: a query word with clitics attached
// and a type filter, one match per event.
func strikes(sink string) alert.Alert {
	return alert.Alert{Name: "قصف-ليبيا", Query: "بالقصف", Filter: search.Filter{Types: []string{"assault"}},
		On: alert.OnEvents, Sink: sink}
}

// baniWalid fires once per article that has the phrase.
func baniWalid(sink string) alert.Alert {
	return alert.Alert{Name: "bani-walid", Query: `"بني وليد"`, On: alert.OnArticles, Sink: sink}
}

// hit is a match as the suite compares them.
type hit struct {
	alert, doc, event string
}

func (h hit) String() string { return h.alert + "/" + h.doc + "/" + h.event }

// expected works out, without the search code, what the two alerts must
// fire for docs: each ASSAULT event of an article holding a form of قصف,
// and each article holding بني وليد.
func expected(docs []*document.Document) []hit {
	var out []hit
	for _, d := range docs {
		if strings.Contains(d.Text, queryLetters) {
			for _, v := range d.Events {
				if v.Type == "ASSAULT" {
					out = append(out, hit{"قصف-ليبيا", d.ID, v.ID})
				}
			}
		}
		if strings.Contains(d.Text, "بني وليد") {
			out = append(out, hit{"bani-walid", d.ID, ""})
		}
	}
	return sorted(out)
}

func sorted(hs []hit) []hit {
	slices.SortFunc(hs, func(a, b hit) int { return strings.Compare(a.String(), b.String()) })
	return hs
}

// readLines parses the JSON lines of a file sink, failing on any line
// that is not a valid message.
func readLines(t *testing.T, path string) []hit {
	t.Helper()
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []hit
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var m alert.Message
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("%s:%d: not a JSON message: %v\n%s", path, n, err, sc.Text())
		}
		if _, err := time.Parse(time.RFC3339, m.MatchedAt); err != nil {
			t.Errorf("%s:%d: matched_at %q: %v", path, n, m.MatchedAt, err)
		}
		if m.Document.URL == nil || *m.Document.URL != "https://news.example.org/"+m.Document.ID {
			t.Errorf("%s:%d: document url %v", path, n, m.Document.URL)
		}
		h := hit{alert: m.Alert, doc: m.Document.ID}
		if m.Event == nil && !strings.Contains(m.Snippet, "بني وليد") {
			t.Errorf("%s:%d: snippet %q: want the words found", path, n, m.Snippet)
		}
		if m.Event != nil {
			h.event = m.Event.ID
			if m.Event.Type != "ASSAULT" || m.Event.Evidence.Text == "" || m.Event.Day() == "" || m.Event.Incident == 0 {
				t.Errorf("%s:%d: event %+v: want an ASSAULT with its evidence and date", path, n, *m.Event)
			}
		}
		out = append(out, h)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func diff(t *testing.T, what string, got, want []hit) {
	t.Helper()
	got = sorted(slices.Clone(got))
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %d %v\nwant %d %v", what, len(got), got, len(want), want)
	}
}

func (s *suite) testDefinitions(t *testing.T) {
	ctx := context.Background()
	st := s.open(t, s.newDatabase(t))
	near := alert.Alert{Name: "near-sirte", Filter: search.Filter{Near: &search.Near{Lat: 31.2, Lon: 16.59, Km: 50.5},
		Types: []string{"Air/drone strike", "PROTEST"}, Actor: "الجيش الوطني", Place: "ليبيا", From: "2025-01-01",
		To: "2025-12-31", Outlet: "الوسط"}, On: alert.OnArticles, Sink: "https://hooks.example.org/x?y=1", Secret: "s3cret"}
	for _, a := range []alert.Alert{strikes("stdout"), near} {
		s.add(t, st, a)
	}
	if err := st.AddAlert(ctx, strikes("file:/tmp/other")); !errors.Is(err, alert.ErrExists) {
		t.Errorf("adding a second alert with the same name: err = %v, want ErrExists", err)
	}
	as, err := st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 {
		t.Fatalf("%d alerts, want 2", len(as))
	}
	for i, want := range []alert.Alert{strikes("stdout"), near} {
		got := as[i]
		if got.ID == 0 || got.Created.IsZero() {
			t.Errorf("alert %s: id %d, created %v", got.Name, got.ID, got.Created)
		}
		got.ID, got.Created = 0, time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("alert %d read back as\n%+v\nwant\n%+v", i, got, want)
		}
	}
	if err := st.RemoveAlert(ctx, "near-sirte"); err != nil {
		t.Fatal(err)
	}
	if err := st.RemoveAlert(ctx, "near-sirte"); !errors.Is(err, alert.ErrNoAlert) {
		t.Errorf("removing twice: err = %v, want ErrNoAlert", err)
	}
	if as, _ := st.Alerts(ctx); len(as) != 1 || as[0].Name != "قصف-ليبيا" {
		t.Errorf("after removing one: %+v", as)
	}
}

func (s *suite) testFiresOnce(t *testing.T) {
	ctx := context.Background()
	open := s.newDatabase(t)
	st := s.open(t, open)
	out := filepath.Join(t.TempDir(), "alerts.jsonl")
	s.add(t, st, strikes("file:"+out))
	s.add(t, st, baniWalid("file:"+out))

	first, later := s.docs[:4], s.docs[4:]
	want := expected(first)
	// The test means something only if the words and the type filter
	// both leave something out.
	types, words := 0, 0
	for _, d := range first {
		for _, v := range d.Events {
			if v.Type == "ASSAULT" && !strings.Contains(d.Text, queryLetters) {
				types++
			}
			if v.Type != "ASSAULT" && strings.Contains(d.Text, queryLetters) {
				words++
			}
		}
	}
	if len(want) < 3 || types == 0 || words == 0 {
		t.Fatalf("the articles no longer test the alert: %d matches expected, %d ASSAULT events without the word, %d other events with it", len(want), types, words)
	}

	// All four are stored, but only the first two are new for the
	// engine: the others must not fire yet.
	s.put(t, st, first)
	e := s.engine(t, st)
	if err := e.Stored(ctx, ids(first[:2])); err != nil {
		t.Fatal(err)
	}
	diff(t, "after the first two articles", readLines(t, out), expected(first[:2]))
	if err := e.Stored(ctx, ids(first[2:])); err != nil {
		t.Fatal(err)
	}
	diff(t, "after all four", readLines(t, out), want)

	// Stored again, and again after the first article is updated.
	if err := e.Stored(ctx, ids(first)); err != nil {
		t.Fatal(err)
	}
	changed := *first[0]
	title := "تحديث: " + *changed.Title
	changed.Title = &title
	if outs := s.put(t, st, []*document.Document{&changed}); outs[0] != store.Updated {
		t.Fatalf("storing the changed article: %v, want updated", outs[0])
	}
	if err := e.Stored(ctx, ids(first[:1])); err != nil {
		t.Fatal(err)
	}
	diff(t, "after storing again and updating", readLines(t, out), want)

	// The outlet updates the first article with a new strike on top:
	// the events of the new paragraph fire, the others, though their
	// ordinals moved, do not fire again.
	old := make(map[string]bool)
	for _, v := range first[0].Events {
		old[v.Type+"|"+v.Trigger.Text+"|"+v.Evidence.Text] = true
	}
	var news []hit
	for _, v := range s.updated.Events {
		if v.Type == "ASSAULT" && !old[v.Type+"|"+v.Trigger.Text+"|"+v.Evidence.Text] {
			news = append(news, hit{"قصف-ليبيا", s.updated.ID, v.ID})
		}
	}
	if len(news) == 0 || len(news) == len(s.updated.Events) {
		t.Fatalf("the update no longer tests the alert: %d new ASSAULT events of %d", len(news), len(s.updated.Events))
	}
	if outs := s.put(t, st, []*document.Document{s.updated}); outs[0] != store.Updated {
		t.Fatalf("storing the updated article: %v, want updated", outs[0])
	}
	if err := e.Stored(ctx, ids(first[:1])); err != nil {
		t.Fatal(err)
	}
	want = sorted(append(want, news...))
	diff(t, "after the article is updated with a new strike", readLines(t, out), want)

	// A restart: a new handle on the database and a new engine.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = s.open(t, open)
	e = s.engine(t, st)
	if err := e.Stored(ctx, ids(first)); err != nil {
		t.Fatal(err)
	}
	diff(t, "after a restart", readLines(t, out), want)

	// A new article still fires.
	s.put(t, st, later)
	if err := e.Stored(ctx, ids(later)); err != nil {
		t.Fatal(err)
	}
	want = sorted(append(want, expected(later)...))
	diff(t, "after a new article", readLines(t, out), want)
	stats, err := st.Outbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Delivered != len(want) || stats.Pending != 0 || stats.Failed != 0 {
		t.Errorf("outbox %+v, want %d delivered", stats, len(want))
	}
}

// testConcurrentEngines runs two engines, each on its own handle on the
// database as two worker processes would, told about the same articles at
// the same time: every match is delivered once.
func (s *suite) testConcurrentEngines(t *testing.T) {
	ctx := context.Background()
	open := s.newDatabase(t)
	out := filepath.Join(t.TempDir(), "alerts.jsonl")
	st1, st2 := s.open(t, open), s.open(t, open)
	s.add(t, st1, strikes("file:"+out))
	s.add(t, st1, baniWalid("file:"+out))
	s.put(t, st1, s.docs)
	engines := []*alert.Engine{s.engine(t, st1), s.engine(t, st2)}
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(s.docs))
	for _, e := range engines {
		for _, d := range s.docs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Each engine hears of all the articles, one by one
				// and then all at once.
				if err := e.Stored(ctx, []string{d.ID}); err != nil {
					errs <- err
				}
			}()
		}
	}
	wg.Wait()
	for _, e := range engines {
		if err := e.Stored(ctx, ids(s.docs)); err != nil {
			t.Fatal(err)
		}
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	diff(t, "two engines", readLines(t, out), expected(s.docs))
}

// testLeases checks the outbox's claims: a delivery held by one worker is
// not given to another until its lease runs out, and the first then can
// no longer record its attempt.
func (s *suite) testLeases(t *testing.T) {
	ctx := context.Background()
	st := s.open(t, s.newDatabase(t))
	s.add(t, st, strikes("stdout"))
	s.put(t, st, s.docs[:1])
	as, err := st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nums, err := st.DocumentNums(ctx, []string{s.docs[0].ID, "no-such-document"})
	if err != nil || len(nums) != 1 {
		t.Fatalf("DocumentNums = %v, %v; want one number", nums, err)
	}
	t0 := time.Date(2025, 11, 5, 10, 0, 0, 0, time.UTC)
	var ms []alert.Match
	for ev := -1; ev < 3; ev++ {
		ms = append(ms, alert.Match{Alert: as[0].ID, Doc: nums[0], Event: ev, EventKey: fmt.Sprint("k", ev), MatchedAt: t0, Body: []byte(fmt.Sprintf(`{"n":%d}`, ev))})
	}
	got, err := st.RecordMatches(ctx, ms, "a", t0.Add(time.Minute))
	if err != nil || len(got) != len(ms) {
		t.Fatalf("RecordMatches = %d, %v; want %d", len(got), err, len(ms))
	}
	again, err := st.RecordMatches(ctx, append(ms[1:2], alert.Match{Alert: as[0].ID, Doc: nums[0], Event: 7, EventKey: "k7", MatchedAt: t0, Body: []byte(`{}`)}), "b", t0.Add(time.Minute))
	if err != nil || len(again) != 1 || again[0].Event != 7 {
		t.Fatalf("recording one old and one new match: %+v, %v; want the new one only", again, err)
	}
	keys := make(map[string]bool)
	for _, d := range append(got, again...) {
		if len(d.Key) != 32 || keys[d.Key] || d.State != alert.Pending || d.Alert != "قصف-ليبيا" || d.Sink != "stdout" {
			t.Errorf("delivery %+v: want a pending one with its own key", d)
		}
		keys[d.Key] = true
	}

	if ds, err := st.ClaimDeliveries(ctx, "c", t0.Add(30*time.Second), t0.Add(2*time.Minute), 10); err != nil || len(ds) != 0 {
		t.Errorf("claiming while the leases hold: %d, %v; want none", len(ds), err)
	}
	// After the leases end, two claimers share the deliveries.
	at := t0.Add(90 * time.Second)
	c1, err := st.ClaimDeliveries(ctx, "c", at, at.Add(time.Minute), 3)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := st.ClaimDeliveries(ctx, "d", at, at.Add(time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(c1) != 3 || len(c2) != 2 {
		t.Fatalf("claims of 3 and of the rest: got %d and %d of 5", len(c1), len(c2))
	}
	for _, d := range c2 {
		if slices.ContainsFunc(c1, func(o alert.Delivery) bool { return o.ID == d.ID }) {
			t.Errorf("delivery %d claimed twice", d.ID)
		}
	}
	// A delivery given back untried is due again when its owner says,
	// with no attempt counted.
	later := at.Add(30 * time.Second) // before the other leases end
	if held, err := st.ReleaseDelivery(ctx, c2[0], "c", later); err != nil || held {
		t.Errorf("releasing another's delivery: held = %v, %v; want false", held, err)
	}
	if held, err := st.ReleaseDelivery(ctx, c2[0], "d", later); err != nil || !held {
		t.Errorf("releasing: held = %v, %v", held, err)
	}
	if ds, _ := st.ClaimDeliveries(ctx, "f", later.Add(-time.Second), at.Add(time.Minute), 10); len(ds) != 0 {
		t.Errorf("a released delivery was claimed before it was due: %+v", ds)
	}
	if ds, err := st.ClaimDeliveries(ctx, "d", later, at.Add(time.Minute), 10); err != nil || len(ds) != 1 || ds[0].ID != c2[0].ID || ds[0].Attempts != 0 {
		t.Errorf("claiming the released delivery when due: %+v, %v", ds, err)
	}
	if held, err := st.FinishAttempt(ctx, c1[0], "a", alert.Attempt{State: alert.Delivered, At: at}); err != nil || held {
		t.Errorf("finishing with an expired lease: held = %v, %v; want false", held, err)
	}
	retry := at.Add(time.Hour)
	steps := []alert.Attempt{
		{State: alert.Delivered, At: at, NextAt: at},
		{State: alert.Pending, Err: "POST: 503 Service Unavailable", At: at, NextAt: retry},
		{State: alert.Failed, Err: "POST: 400 Bad Request", At: at, NextAt: at},
	}
	for i, a := range steps {
		if held, err := st.FinishAttempt(ctx, c1[i], "c", a); err != nil || !held {
			t.Fatalf("finishing %d: held = %v, %v", i, held, err)
		}
	}
	stats, err := st.Outbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Pending != 3 || stats.Delivered != 1 || stats.Failed != 1 {
		t.Errorf("outbox %+v, want 3 pending, 1 delivered, 1 failed", stats)
	}
	failed, err := st.Deliveries(ctx, alert.Failed, 10)
	if err != nil || len(failed) != 1 || failed[0].LastError != "POST: 400 Bad Request" || failed[0].Attempts != 1 {
		t.Errorf("failed deliveries %+v, %v", failed, err)
	}
	// The one to retry is not due before its time, then it is.
	if ds, _ := st.ClaimDeliveries(ctx, "e", retry.Add(-time.Second), retry.Add(time.Hour), 10); slices.ContainsFunc(ds, func(d alert.Delivery) bool { return d.ID == c1[1].ID }) {
		t.Error("a retry was claimed before it was due")
	}
	ds, err := st.ClaimDeliveries(ctx, "e", retry, retry.Add(time.Hour), 10)
	if err != nil || len(ds) != 1 || ds[0].ID != c1[1].ID || ds[0].Attempts != 1 || ds[0].LastError == "" {
		t.Errorf("claiming the retry when due: %+v, %v", ds, err)
	}
	// Removing the alert drops its matches.
	if err := st.RemoveAlert(ctx, "قصف-ليبيا"); err != nil {
		t.Fatal(err)
	}
	if stats, _ := st.Outbox(ctx); stats != (alert.OutboxStats{}) {
		t.Errorf("outbox after removing the alert: %+v", stats)
	}
}

func (s *suite) testTestRecordsNothing(t *testing.T) {
	ctx := context.Background()
	st := s.open(t, s.newDatabase(t))
	s.add(t, st, strikes("stdout"))
	s.put(t, st, s.docs)
	as, err := st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e := s.engine(t, st)
	var got []hit
	err = e.Test(ctx, as[0], func(m alert.Message) error {
		got = append(got, hit{m.Alert, m.Document.ID, m.Event.ID})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []hit
	for _, h := range expected(s.docs) {
		if h.alert == "قصف-ليبيا" {
			want = append(want, h)
		}
	}
	diff(t, "alert test", got, want)
	if stats, err := st.Outbox(ctx); err != nil || stats != (alert.OutboxStats{}) {
		t.Errorf("outbox after a test: %+v, %v; want empty", stats, err)
	}
}
