package watch

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/rasad/rasad/fetch"
	"github.com/rasad/rasad/internal/outlettest"
	"github.com/rasad/rasad/store"
)

// wantReason is the reason recorded for a page of each kind that is never
// stored.
var wantReason = map[string]string{
	outlettest.KindDisallowed:  fetch.ReasonDisallowed,
	outlettest.KindServerError: fetch.ReasonHTTP5xx,
	outlettest.KindNotFound:    fetch.ReasonHTTP4xx,
	outlettest.KindLoop:        fetch.ReasonRedirects,
	outlettest.KindTooLarge:    fetch.ReasonTooLarge,
	outlettest.KindNotHTML:     fetch.ReasonNotHTML,
}

// TestFeedsOnce watches the test outlets' feeds and sitemaps with --once,
// twice: every article is stored once although two feeds list it, every
// failure is recorded with its reason, no page robots.txt disallows is
// requested, and the second run costs only conditional requests.
func TestFeedsOnce(t *testing.T) {
	srv, err := outlettest.New(outlettest.Options{SlowDelay: 300 * time.Millisecond, FlakyFailures: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var sources []Source
	for _, o := range srv.Outlets() {
		for _, kind := range []string{"rss", "sitemap-index"} {
			sources = append(sources, Source{Name: o.Name + "-" + kind, Outlet: o.Name, Kind: KindFeed, URL: o.Feeds[kind], Interval: time.Minute})
		}
	}
	sources = append(sources, Source{Name: "broken", Kind: KindFeed, URL: srv.BrokenFeedURL(), Interval: time.Minute})
	st := openSQLite(t, filepath.Join(t.TempDir(), "rasad.db"))
	const contact = "rasad-test (+mailto:watch@example.org)"
	reg := prometheus.NewRegistry()
	metrics := NewMetrics(reg, st)
	run := func() Counts {
		var stored storedIDs
		w, err := New(Options{
			Metrics: metrics,
			Store:   st, Pipeline: testPipeline(t), Sources: sources, Once: true, Workers: 4,
			Fetch:       fetch.Config{UserAgent: contact, Delay: 5 * time.Millisecond, Timeout: 5 * time.Second},
			RetryBase:   50 * time.Millisecond,
			RetryMax:    200 * time.Millisecond,
			MaxAttempts: 3,
			OnStored:    stored.add,
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Run(t.Context()); err != nil {
			t.Fatal(err)
		}
		c := w.Counts()
		if int64(len(stored.list())) != c.Stored {
			t.Errorf("OnStored was told of %d documents, %d were stored", len(stored.list()), c.Stored)
		}
		return c
	}
	first := run()
	t.Logf("first run: %+v", first)

	var storable, failing int
	for _, p := range srv.Pages() {
		if outlettest.Fetched(p.Kind) {
			storable++
		} else {
			failing++
		}
	}
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != int64(storable) || first.Stored != int64(storable) {
		t.Errorf("stored %d documents (%d in the store), want %d", first.Stored, stats.Documents, storable)
	}
	qs, err := Status(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	if qs.States[store.StateStored] != storable || qs.States[store.StateFailed] != failing {
		t.Errorf("queue %v, want %d stored and %d failed", qs.States, storable, failing)
	}
	if got := testutil.ToFloat64(metrics.stored.WithLabelValues("added")); got != float64(storable) {
		t.Errorf("rasad_watch_articles_stored_total{outcome=added} = %v, want %d", got, storable)
	}
	if got := testutil.ToFloat64(metrics.failed.WithLabelValues(hostOf(srv.Pages()[0].URL), fetch.ReasonDisallowed)) +
		testutil.ToFloat64(metrics.failed.WithLabelValues(hostOf(srv.Pages()[len(srv.Pages())-1].URL), fetch.ReasonDisallowed)); got == 0 {
		t.Error("no disallowed page counted in rasad_watch_pages_failed_total")
	}
	if err := testutil.GatherAndCompare(reg, strings.NewReader(fmt.Sprintf(`
# HELP rasad_watch_queue_items Items in the watch queue, by state.
# TYPE rasad_watch_queue_items gauge
rasad_watch_queue_items{state="discovered"} 0
rasad_watch_queue_items{state="failed"} %d
rasad_watch_queue_items{state="fetched"} 0
rasad_watch_queue_items{state="stored"} %d
`, failing, storable)), "rasad_watch_queue_items"); err != nil {
		t.Error(err)
	}
	reasons := map[string]string{}
	for _, f := range qs.Failures {
		reasons[f.Key] = f.Reason
		if f.Message == "" {
			t.Errorf("failure without a message: %+v", f)
		}
	}
	for _, p := range srv.Pages() {
		key, _ := fetch.NormalizeURL(p.URL)
		if want, ok := wantReason[p.Kind]; ok && reasons[key] != want {
			t.Errorf("%s page %s: reason %q, want %q", p.Kind, p.URL, reasons[key], want)
		}
	}
	for _, s := range qs.Sources {
		broken := s.Name == "broken"
		if broken != (s.LastError != "") || broken != (s.LastSuccess == nil) {
			t.Errorf("source %s: last success %v, last error %q", s.Name, s.LastSuccess, s.LastError)
		}
	}

	// Politeness: no disallowed page asked for, each page at most once
	// (a flaky one until it answers), our User-Agent on every request.
	requests := srv.Requests()
	perURL := map[string]int{}
	for _, r := range requests {
		perURL[r.URL]++
		if r.UserAgent != contact {
			t.Errorf("request for %s with User-Agent %q", r.URL, r.UserAgent)
		}
	}
	for _, p := range srv.Pages() {
		n := perURL[p.URL]
		switch p.Kind {
		case outlettest.KindDisallowed:
			if n != 0 {
				t.Errorf("disallowed page %s requested %d times", p.URL, n)
			}
		case outlettest.KindFlaky:
			if n != 2 {
				t.Errorf("flaky page %s requested %d times, want 2 (a 503, then the page)", p.URL, n)
			}
		case outlettest.KindServerError:
			if n != 3 {
				t.Errorf("failing page %s requested %d times, want --max-attempts 3", p.URL, n)
			}
		default:
			if n != 1 {
				t.Errorf("%s page %s requested %d times, want once", p.Kind, p.URL, n)
			}
		}
	}

	// The second run: the feeds answer 304, nothing is fetched or stored.
	before := len(requests)
	second := run()
	if second.Stored != 0 || second.Fetched != 0 || second.Queued != 0 {
		t.Errorf("second run: %+v, want nothing new", second)
	}
	for _, r := range srv.Requests()[before:] {
		u, _ := url.Parse(r.URL)
		if r.Status != 304 && !strings.HasSuffix(u.Path, "robots.txt") && r.URL != srv.BrokenFeedURL() {
			t.Errorf("second run asked for %s (answered %d); want only conditional requests of the feeds", r.URL, r.Status)
		}
	}
	stats, _ = st.Stats(t.Context())
	if stats.Documents != int64(storable) {
		t.Errorf("after the second run %d documents, want %d", stats.Documents, storable)
	}
}

// TestStopReleases stops a watch while its workers wait for slow pages:
// Run returns, and the items they held are given back at once, their
// attempt not counted, for the next watch to take.
func TestStopReleases(t *testing.T) {
	srv, err := outlettest.New(outlettest.Options{SlowAll: true, SlowDelay: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	o := srv.Outlets()[0]
	st := openSQLite(t, filepath.Join(t.TempDir(), "rasad.db"))
	w, err := New(Options{
		Store: st, Pipeline: testPipeline(t), Workers: 2, Lease: time.Hour,
		Sources: []Source{{Name: o.Name, Kind: KindFeed, URL: o.Feeds["rss"], Interval: time.Hour}},
		Fetch:   fetch.Config{Delay: -1, Timeout: 10 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	q := st.(store.Queue)
	// Wait until the workers hold pages.
	for {
		n, _, err := q.Pending(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 && w.Counts().Queued > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	stopped := time.Now()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if d := time.Since(stopped); d > 2*time.Second {
		t.Errorf("Run took %v to stop", d)
	}
	pending, _, _ := q.Pending(t.Context())
	got, err := q.Claim(t.Context(), "next", 100, time.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != pending || pending == 0 {
		t.Fatalf("after stopping, %d of %d pending items could be claimed", len(got), pending)
	}
	for _, it := range got {
		if it.Attempts != 1 {
			t.Errorf("%s: attempts %d, want 1 (the stopped attempt is not counted)", it.Key, it.Attempts)
		}
	}
}

// TestOneRequestPerHost watches two feeds of one outlet, each source with
// its own delay, with four workers and slow pages: the requests to the
// outlet's host never overlap, and the gentler of the two delays
// separates them.
func TestOneRequestPerHost(t *testing.T) {
	srv, err := outlettest.New(outlettest.Options{SlowDelay: 80 * time.Millisecond, FlakyFailures: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	o := srv.Outlets()[0]
	const gentle = 30 * time.Millisecond
	st := openSQLite(t, filepath.Join(t.TempDir(), "rasad.db"))
	w, err := New(Options{
		Store: st, Pipeline: testPipeline(t), Once: true, Workers: 4,
		Sources: []Source{
			{Name: "rss", Kind: KindFeed, URL: o.Feeds["rss"], Interval: time.Minute, Delay: 10 * time.Millisecond},
			{Name: "atom", Kind: KindFeed, URL: o.Feeds["atom"], Interval: time.Minute, Delay: gentle},
		},
		Fetch:     fetch.Config{Delay: -1, Timeout: 5 * time.Second},
		RetryBase: 10 * time.Millisecond, RetryMax: 20 * time.Millisecond, MaxAttempts: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	var mine []outlettest.Request
	for _, r := range srv.Requests() {
		if r.Outlet == o.Name {
			mine = append(mine, r)
		}
	}
	if len(mine) < 5 {
		t.Fatalf("%d requests to %s; the test needs more", len(mine), o.Name)
	}
	slices.SortFunc(mine, func(a, b outlettest.Request) int { return a.Time.Compare(b.Time) })
	for i := 1; i < len(mine); i++ {
		prev, r := mine[i-1], mine[i]
		if r.Time.Before(prev.Done) {
			t.Errorf("%s began %v before %s was answered", r.URL, prev.Done.Sub(r.Time), prev.URL)
		} else if gap := r.Time.Sub(prev.Done); gap < gentle-5*time.Millisecond {
			// The client measures from when it read the answer, a
			// little after the server's Done.
			t.Errorf("%s began %v after %s, want at least %v", r.URL, gap, prev.URL, gentle)
		}
	}
}
