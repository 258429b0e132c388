// Package queuetest is the conformance suite of store.Queue: what the
// SQLite and PostgreSQL stores must both do for `rasad watch` (claims under
// a lease, take-over after it runs out, concurrent claimers, retries,
// de-duplication). A backend's test only supplies a constructor.
package queuetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rasad/rasad/store"
)

// Run runs the suite; newQueue opens an empty database for one test.
func Run(t *testing.T, newQueue func(t *testing.T) store.Queue) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Queue)
	}{
		{"PollOncePerInterval", testPollOncePerInterval},
		{"DiscoveredOnce", testDiscoveredOnce},
		{"ClaimAndLease", testClaimAndLease},
		{"LeaseTakeOver", testLeaseTakeOver},
		{"RetryAndFail", testRetryAndFail},
		{"Release", testRelease},
		{"ConcurrentClaimers", testConcurrentClaimers},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newQueue(t)) })
	}
}

// t0 is the suite's clock: every call passes its time explicitly.
var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

func source(t *testing.T, q store.Queue, name string) {
	t.Helper()
	if err := q.SyncSource(t.Context(), store.QueueSource{Name: name, Kind: "feed", Location: "http://127.0.0.1/" + name + ".xml", Country: "LY"}); err != nil {
		t.Fatal(err)
	}
}

func items(n int, prefix string) []store.QueueItem {
	out := make([]store.QueueItem, n)
	for i := range out {
		out[i] = store.QueueItem{Key: fmt.Sprintf("http://127.0.0.1/%s/%03d", prefix, i), Kind: "page", Title: fmt.Sprintf("غارة جوية على سرت %d", i)}
	}
	return out
}

func polled(t *testing.T, q store.Queue, src string, at time.Time, its []store.QueueItem) int {
	t.Helper()
	n, err := q.Polled(t.Context(), src, at, store.Validators{ETag: `"v1"`, LastModified: "Sat, 14 Mar 2026 08:00:00 GMT"}, its)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func claim(t *testing.T, q store.Queue, owner string, n int, now time.Time) []store.QueueItem {
	t.Helper()
	got, err := q.Claim(t.Context(), owner, n, now, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func testPollOncePerInterval(t *testing.T, q store.Queue) {
	ctx := t.Context()
	source(t, q, "libya-observer")
	v, ok, err := q.ClaimPoll(ctx, "libya-observer", t0, 10*time.Minute, false)
	if err != nil || !ok || v != (store.Validators{}) {
		t.Fatalf("first poll: %v %v %v, want it due with no validators", v, ok, err)
	}
	polled(t, q, "libya-observer", t0, nil)
	for _, tc := range []struct {
		at    time.Time
		force bool
		want  bool
	}{
		{t0.Add(time.Minute), false, false},
		{t0.Add(9 * time.Minute), false, false},
		{t0.Add(9 * time.Minute), true, true}, // --once polls every source now
		{t0.Add(15 * time.Minute), false, false},
		{t0.Add(19*time.Minute + time.Second), false, true},
		{t0.Add(19*time.Minute + 2*time.Second), false, false},
	} {
		v, ok, err := q.ClaimPoll(ctx, "libya-observer", tc.at, 10*time.Minute, tc.force)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tc.want {
			t.Errorf("ClaimPoll at +%v (force %v) = %v, want %v", tc.at.Sub(t0), tc.force, ok, tc.want)
		}
		if ok && v.ETag != `"v1"` {
			t.Errorf("validators %+v, want the ETag recorded by the last poll", v)
		}
	}
	if _, ok, err := q.ClaimPoll(ctx, "no-such-source", t0, time.Minute, true); err != nil || ok {
		t.Errorf("ClaimPoll of an unknown source = %v, %v; want false, nil", ok, err)
	}
}

func testDiscoveredOnce(t *testing.T, q store.Queue) {
	source(t, q, "a")
	source(t, q, "b")
	if n := polled(t, q, "a", t0, items(5, "x")); n != 5 {
		t.Fatalf("first poll added %d, want 5", n)
	}
	// The same stories linked from another feed, and two new ones.
	if n := polled(t, q, "b", t0.Add(time.Minute), items(7, "x")); n != 2 {
		t.Fatalf("second poll added %d, want 2", n)
	}
	st, err := q.QueueStatus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.States[store.StateDiscovered] != 7 || len(st.Sources) != 2 {
		t.Fatalf("status %+v, want 7 discovered in 2 sources", st)
	}
	if st.Sources[0].Name != "a" || st.Sources[0].States[store.StateDiscovered] != 5 || st.Sources[1].States[store.StateDiscovered] != 2 {
		t.Errorf("per source: %+v", st.Sources)
	}
	if st.Sources[0].LastSuccess == nil || !st.Sources[0].LastSuccess.Equal(t0) {
		t.Errorf("last success of a = %v, want %v", st.Sources[0].LastSuccess, t0)
	}
	if err := q.PollFailed(t.Context(), "b", t0.Add(2*time.Minute), "http-5xx: 503 Service Unavailable"); err != nil {
		t.Fatal(err)
	}
	st, _ = q.QueueStatus(t.Context())
	if b := st.Sources[1]; b.LastError != "http-5xx: 503 Service Unavailable" || b.LastErrorAt == nil || !b.LastSuccess.Equal(t0.Add(time.Minute)) {
		t.Errorf("after a failed poll, b = %+v", b)
	}
}

func testClaimAndLease(t *testing.T, q store.Queue) {
	ctx := t.Context()
	source(t, q, "a")
	its := items(3, "p")
	its[1].Published = "2026-03-14T08:30:00Z"
	polled(t, q, "a", t0, its)
	got := claim(t, q, "w1", 2, t0)
	if len(got) != 2 {
		t.Fatalf("claimed %d, want 2", len(got))
	}
	for _, it := range got {
		if it.Attempts != 1 || it.State != store.StateDiscovered || it.Source != "a" || it.Kind != "page" || !it.Discovered.Equal(t0) {
			t.Errorf("claimed %+v", it)
		}
		if it.Key == its[1].Key && (it.Published != its[1].Published || it.Title != its[1].Title) {
			t.Errorf("feed title and date lost: %+v", it)
		}
	}
	// While w1 holds them, w2 gets only the third.
	other := claim(t, q, "w2", 10, t0.Add(time.Second))
	if len(other) != 1 || other[0].Key == got[0].Key || other[0].Key == got[1].Key {
		t.Fatalf("w2 claimed %+v", other)
	}
	body := []byte("<html><body><p>قصفت طائرات مسيرة مواقع قرب سرت</p></body></html>")
	if err := q.Fetched(ctx, "w1", got[0].ID, body, "text/html; charset=utf-8", t0.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := q.Fetched(ctx, "w2", got[1].ID, body, "text/html", t0); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("Fetched by a worker that does not hold the item: %v, want ErrLeaseLost", err)
	}
	if err := q.Stored(ctx, "w1", []int64{got[0].ID, got[1].ID}, []string{"d0", "d1"}, t0.Add(3*time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := q.Stored(ctx, "w2", []int64{other[0].ID}, []string{"d2"}, t0.Add(3*time.Second)); err != nil {
		t.Fatal(err)
	}
	if again := claim(t, q, "w3", 10, t0.Add(time.Hour)); len(again) != 0 {
		t.Errorf("stored items claimed again: %+v", again)
	}
	n, _, err := q.Pending(ctx)
	if err != nil || n != 0 {
		t.Errorf("Pending = %d, %v; want 0", n, err)
	}
	st, _ := q.QueueStatus(ctx)
	if st.States[store.StateStored] != 3 {
		t.Errorf("states %v, want 3 stored", st.States)
	}
}

func testLeaseTakeOver(t *testing.T, q store.Queue) {
	ctx := t.Context()
	source(t, q, "a")
	polled(t, q, "a", t0, items(2, "k"))
	got := claim(t, q, "killed", 2, t0)
	if len(got) != 2 {
		t.Fatalf("claimed %d", len(got))
	}
	body := []byte("<p>نص الصفحة</p>")
	if err := q.Fetched(ctx, "killed", got[0].ID, body, "text/html", t0); err != nil {
		t.Fatal(err)
	}
	n, next, err := q.Pending(ctx)
	if err != nil || n != 2 || !next.Equal(t0.Add(time.Minute)) {
		t.Errorf("Pending = %d, %v, %v; want 2 due when the lease ends at %v", n, next, err, t0.Add(time.Minute))
	}
	// While it lives, the worker renews its leases.
	if err := q.Renew(ctx, "killed", t0.Add(90*time.Second)); err != nil {
		t.Fatal(err)
	}
	if early := claim(t, q, "survivor", 10, t0.Add(80*time.Second)); len(early) != 0 {
		t.Fatalf("claimed %d items whose lease was renewed", len(early))
	}
	// The worker dies: until its lease ends nobody takes its items.
	if early := claim(t, q, "survivor", 10, t0.Add(89*time.Second)); len(early) != 0 {
		t.Fatalf("claimed %d items still leased", len(early))
	}
	late := claim(t, q, "survivor", 10, t0.Add(90*time.Second+time.Millisecond))
	if len(late) != 2 {
		t.Fatalf("after the lease, claimed %d, want 2", len(late))
	}
	for _, it := range late {
		if it.Attempts != 2 {
			t.Errorf("attempts %d, want 2", it.Attempts)
		}
		if it.ID == got[0].ID && (it.State != store.StateFetched || string(it.Body) != string(body) || it.ContentType != "text/html") {
			t.Errorf("the fetched page was not kept: %+v", it)
		}
	}
	if err := q.Stored(ctx, "killed", []int64{got[0].ID}, []string{"d"}, t0); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("the old owner recorded an item taken over: %v", err)
	}
}

func testRetryAndFail(t *testing.T, q store.Queue) {
	ctx := t.Context()
	source(t, q, "a")
	polled(t, q, "a", t0, items(2, "r"))
	got := claim(t, q, "w", 2, t0)
	retry := store.Failure{Reason: "http-5xx", Status: 503, Message: "GET http://127.0.0.1/r/000: 503 Service Unavailable"}
	if err := q.Retry(ctx, "w", got[0].ID, t0.Add(30*time.Second), retry); err != nil {
		t.Fatal(err)
	}
	gone := store.Failure{Reason: "http-4xx", Status: 404, Message: "GET http://127.0.0.1/r/001: 404 Not Found"}
	if err := q.Fail(ctx, "w", got[1].ID, t0.Add(time.Second), gone); err != nil {
		t.Fatal(err)
	}
	if early := claim(t, q, "w", 10, t0.Add(29*time.Second)); len(early) != 0 {
		t.Errorf("claimed before its retry time: %+v", early)
	}
	again := claim(t, q, "w", 10, t0.Add(30*time.Second))
	if len(again) != 1 || again[0].ID != got[0].ID || again[0].Attempts != 2 {
		t.Fatalf("retry claim: %+v", again)
	}
	if err := q.Fail(ctx, "w", again[0].ID, t0.Add(31*time.Second), retry); err != nil {
		t.Fatal(err)
	}
	st, err := q.QueueStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.States[store.StateFailed] != 2 || len(st.Failures) != 2 {
		t.Fatalf("status %+v, want 2 failed", st)
	}
	// Newest first, each with its reason.
	if f := st.Failures[0]; f.Key != got[0].Key || f.Reason != "http-5xx" || f.Status != 503 || f.Attempts != 2 || f.Message != retry.Message {
		t.Errorf("failure 0 = %+v", f)
	}
	if f := st.Failures[1]; f.Key != got[1].Key || f.Reason != "http-4xx" || f.Status != 404 || f.Attempts != 1 {
		t.Errorf("failure 1 = %+v", f)
	}
}

func testRelease(t *testing.T, q store.Queue) {
	ctx := t.Context()
	source(t, q, "a")
	polled(t, q, "a", t0, items(3, "s"))
	got := claim(t, q, "stopping", 3, t0)
	if err := q.Stored(ctx, "stopping", []int64{got[0].ID}, []string{"d"}, t0); err != nil {
		t.Fatal(err)
	}
	if err := q.Release(ctx, "stopping"); err != nil {
		t.Fatal(err)
	}
	again := claim(t, q, "next", 10, t0.Add(time.Second))
	if len(again) != 2 {
		t.Fatalf("after release, claimed %d, want the 2 not stored", len(again))
	}
	for _, it := range again {
		if it.Attempts != 1 {
			t.Errorf("a released attempt was counted: %+v", it)
		}
	}
}

func testConcurrentClaimers(t *testing.T, q store.Queue) {
	ctx := t.Context()
	source(t, q, "a")
	const total = 120
	polled(t, q, "a", t0, items(total, "c"))
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		owner := fmt.Sprintf("worker-%d", w)
		wg.Go(func() {
			for {
				got, err := q.Claim(ctx, owner, 3, t0, time.Minute)
				if err != nil {
					errs <- err
					return
				}
				if len(got) == 0 {
					return
				}
				ids := make([]int64, len(got))
				docs := make([]string, len(got))
				mu.Lock()
				for i, it := range got {
					if prev, ok := seen[it.ID]; ok {
						errs <- fmt.Errorf("item %d claimed by %s and %s", it.ID, prev, owner)
					}
					seen[it.ID] = owner
					ids[i], docs[i] = it.ID, fmt.Sprint("doc", it.ID)
				}
				mu.Unlock()
				if err := q.Stored(ctx, owner, ids, docs, t0); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(seen) != total {
		t.Errorf("%d items claimed, want %d", len(seen), total)
	}
	st, err := q.QueueStatus(context.WithoutCancel(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if st.States[store.StateStored] != total {
		t.Errorf("states %v, want %d stored", st.States, total)
	}
}
