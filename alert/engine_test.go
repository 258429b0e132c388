package alert_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/alert/alerttest"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
)

// receiver is a webhook that checks what it is sent and answers each
// delivery by the script of its path: the status of each attempt in turn,
// the last one repeated.
type receiver struct {
	t      *testing.T
	secret string
	script map[string][]int

	mu       sync.Mutex
	attempts map[string][]string // per path, the delivery keys received
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		rc.t.Errorf("reading the body: %v", err)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		rc.t.Errorf("Content-Type %q", got)
	}
	if !alert.VerifySignature(rc.secret, body, r.Header.Get("X-Rasad-Signature")) {
		rc.t.Errorf("bad signature %q for %s", r.Header.Get("X-Rasad-Signature"), body)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var m alert.Message
	if err := json.Unmarshal(body, &m); err != nil || m.Alert == "" || m.Document.ID == "" {
		rc.t.Errorf("body %s: %v", body, err)
	}
	key := r.Header.Get("X-Rasad-Delivery")
	rc.mu.Lock()
	rc.attempts[r.URL.Path] = append(rc.attempts[r.URL.Path], key)
	n := 0
	for _, k := range rc.attempts[r.URL.Path] {
		if k == key {
			n++
		}
	}
	rc.mu.Unlock()
	script := rc.script[r.URL.Path]
	status := script[min(n, len(script))-1]
	if status == 0 {
		time.Sleep(300 * time.Millisecond) // longer than the client waits
		status = http.StatusOK
	}
	w.WriteHeader(status)
	io.WriteString(w, http.StatusText(status))
}

func (rc *receiver) received(path string) []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.attempts[path]...)
}

func TestWebhookRetries(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rasad.db"), store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs := alerttest.Articles(t)
	if _, err := st.PutBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}

	const secret = "مفتاح-سري-123"
	rc := &receiver{t: t, secret: secret, attempts: make(map[string][]string), script: map[string][]int{
		"/flaky":   {500, 503, 200},
		"/refused": {400},
		"/down":    {502},
		"/slow":    {0, 200}, // the first attempt times out
		// Every ASSAULT event goes here.
		"/down-many": {503},
		"/env":       {200},
	}}
	srv := httptest.NewServer(rc) // listens on 127.0.0.1
	defer srv.Close()
	for _, path := range []string{"/flaky", "/refused", "/down", "/slow", "/down-many", "/env", "/env-unset"} {
		a := alert.Alert{Name: "hook" + strings.ReplaceAll(path, "/", "-"), Query: `"بني وليد"`, On: alert.OnArticles,
			Sink: srv.URL + path, Secret: secret}
		switch path {
		case "/down-many":
			a.Query, a.Filter.Types, a.On = "", []string{"ASSAULT"}, alert.OnEvents
		case "/env":
			// The database keeps the variable's name, not the key.
			a.Secret = alert.SecretFromEnv("HOOK_KEY")
		case "/env-unset":
			a.Secret = alert.SecretFromEnv("UNSET_KEY")
		}
		if err := a.Validate(an); err != nil {
			t.Fatal(err)
		}
		if err := st.AddAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	const maxAttempts = 4
	e, err := alert.New(st, an, alert.Options{
		Timeout: 100 * time.Millisecond, MaxAttempts: maxAttempts,
		BackoffBase: 20 * time.Millisecond, BackoffMax: 80 * time.Millisecond, Poll: 20 * time.Millisecond,
		Getenv: func(name string) string {
			if name == "HOOK_KEY" {
				return secret
			}
			return ""
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	if err := e.Stored(ctx, ids); err != nil {
		t.Fatal(err)
	}
	if err := e.Flush(ctx); err != nil {
		t.Fatal(err)
	}

	// One article has the phrase: each hook is sent one delivery, under
	// the same key on every attempt.
	for _, tc := range []struct {
		path     string
		attempts int
		state    alert.State
		err      string
	}{
		{"/flaky", 3, alert.Delivered, ""},
		{"/refused", 1, alert.Failed, "400 Bad Request"},
		{"/down", maxAttempts, alert.Failed, "gave up after 4 attempts"},
		{"/slow", 2, alert.Delivered, ""},
		{"/env", 1, alert.Delivered, ""},
	} {
		keys := rc.received(tc.path)
		if len(keys) != tc.attempts {
			t.Errorf("%s: %d requests, want %d", tc.path, len(keys), tc.attempts)
			continue
		}
		for _, k := range keys {
			if k != keys[0] || len(k) != 32 {
				t.Errorf("%s: delivery keys %q: want one and the same", tc.path, keys)
				break
			}
		}
		ds, err := st.Deliveries(ctx, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range ds {
			if d.Key != keys[0] {
				continue
			}
			found = true
			if d.State != tc.state || d.Attempts != tc.attempts || !strings.Contains(d.LastError, tc.err) || (tc.err == "") != (d.LastError == "") {
				t.Errorf("%s: delivery %s: state %s after %d attempts, last error %q; want %s after %d, error with %q",
					tc.path, d.Key, d.State, d.Attempts, d.LastError, tc.state, tc.attempts, tc.err)
			}
		}
		if !found {
			t.Errorf("%s: delivery %s not in the outbox", tc.path, keys[0])
		}
	}
	// A webhook that is down is sent one request per pass: the other
	// deliveries wait, uncounted, while one is tried, so each is tried
	// its attempts in a row before the next one starts.
	assaults := 0
	for _, d := range docs {
		for _, v := range d.Events {
			if v.Type == "ASSAULT" {
				assaults++
			}
		}
	}
	keys := rc.received("/down-many")
	runs := 0
	for i := 0; i < len(keys); i += maxAttempts {
		runs++
		for k := i; k < i+maxAttempts; k++ {
			if k >= len(keys) || keys[k] != keys[i] {
				t.Fatalf("/down-many: requests for deliveries %q: want each %d times in a row", keys, maxAttempts)
			}
		}
	}
	if runs != assaults || assaults < 3 {
		t.Errorf("/down-many: %d deliveries tried, want one per ASSAULT event, %d", runs, assaults)
	}
	// A secret in a variable that is not set: nothing sent unsigned.
	if got := rc.received("/env-unset"); len(got) != 0 {
		t.Errorf("/env-unset: %d requests, want none without the key", len(got))
	}
	failed, err := st.Deliveries(ctx, alert.Failed, 100)
	if err != nil || len(failed) != assaults+3 {
		t.Errorf("%d failed deliveries (%v), want %d", len(failed), err, assaults+3)
	}
	for _, d := range failed {
		if strings.HasSuffix(d.Sink, "/env-unset") && !strings.Contains(d.LastError, "UNSET_KEY") {
			t.Errorf("/env-unset: last error %q does not name the variable", d.LastError)
		}
	}

	// Nothing more is sent: not by a later pass, nor for the same
	// articles stored again.
	if err := e.Stored(ctx, ids); err != nil {
		t.Fatal(err)
	}
	if n, err := e.Deliver(ctx); err != nil || n != 0 {
		t.Errorf("a later pass attempted %d deliveries (%v), want none", n, err)
	}
	if got := rc.received("/refused"); len(got) != 1 {
		t.Errorf("the refused hook was sent %d requests, want 1", len(got))
	}
}

func TestSignature(t *testing.T) {
	body := []byte(`{"alert":"قصف"}`)
	// The HMAC-SHA256 of body keyed with "key", as openssl computes it:
	// printf '%s' '{"alert":"قصف"}' | openssl dgst -sha256 -hmac key
	const want = "sha256=1887a3c29b5a2d3a881b82770f23d032af2fbebf6b3c63edcd07d0b526eb0173"
	got := alert.Signature("key", body)
	if got != want {
		t.Fatalf("Signature = %q, want %q", got, want)
	}
	if !alert.VerifySignature("key", body, got) {
		t.Error("a signature does not verify")
	}
	for _, bad := range []struct {
		secret string
		body   []byte
		header string
	}{
		{"other", body, got},
		{"key", append(body, ' '), got},
		{"key", body, strings.ToUpper(got)},
		{"key", body, ""},
	} {
		if alert.VerifySignature(bad.secret, bad.body, bad.header) {
			t.Errorf("VerifySignature(%q, %q, %q) = true", bad.secret, bad.body, bad.header)
		}
	}
}

func TestValidate(t *testing.T) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	ok := alert.Alert{Name: "غارات-ليبيا", Query: "والغارات", On: alert.OnEvents, Sink: "stdout"}
	for _, tc := range []struct {
		name string
		edit func(*alert.Alert)
		want string // "" for valid
	}{
		{"valid", func(*alert.Alert) {}, ""},
		{"filter alone", func(a *alert.Alert) { a.Query, a.Filter.Place = "", "ليبيا" }, ""},
		{"file sink", func(a *alert.Alert) { a.Sink = "file:/var/tmp/alerts.jsonl" }, ""},
		{"webhook with secret", func(a *alert.Alert) { a.Sink, a.Secret = "https://hooks.example.org/rasad", "s" }, ""},
		{"empty name", func(a *alert.Alert) { a.Name = "" }, "the name is empty"},
		{"space in name", func(a *alert.Alert) { a.Name = "غارات ليبيا" }, `name "غارات ليبيا" has a space or control character at byte 10`},
		{"nothing to match", func(a *alert.Alert) { a.Query = "" }, "give words to look for or a filter"},
		{"punctuation only", func(a *alert.Alert) { a.Query = "،،" }, "give words to look for or a filter"},
		{"open quote", func(a *alert.Alert) { a.Query = "«المجلس الرئاسي" }, "is never closed"},
		{"bad day", func(a *alert.Alert) { a.Filter.From = "2025-02-30" }, `from date "2025-02-30"`},
		{"days reversed", func(a *alert.Alert) { a.Filter.From, a.Filter.To = "2025-06-02", "2025-06-01" }, "is after to date"},
		{"bad near", func(a *alert.Alert) { a.Filter.Near = &search.Near{Lat: 95, Lon: 13, Km: 10} }, "want a latitude"},
		{"wordless actor", func(a *alert.Alert) { a.Filter.Actor = "«»" }, `actor "«»" has no words`},
		{"fires on what", func(a *alert.Alert) { a.On = "quotes" }, `fires on "quotes"`},
		{"relative file", func(a *alert.Alert) { a.Sink = "file:alerts.jsonl" }, "want file:/absolute/path"},
		{"unknown sink", func(a *alert.Alert) { a.Sink = "mailto:x@example.org" }, "want stdout, file:PATH or an http(s):// webhook URL"},
		{"hostless URL", func(a *alert.Alert) { a.Sink, a.Secret = "https:///x", "s" }, "not a URL with a host"},
		{"webhook without secret", func(a *alert.Alert) { a.Sink = "https://hooks.example.org/rasad" }, "needs a secret"},
		{"webhook with secret in a variable", func(a *alert.Alert) {
			a.Sink, a.Secret = "https://hooks.example.org/rasad", alert.SecretFromEnv("RASAD_HOOK_1")
		}, ""},
		{"secret in a badly named variable", func(a *alert.Alert) {
			a.Sink, a.Secret = "https://hooks.example.org/rasad", alert.SecretFromEnv("1 KEY")
		}, "not the name of an environment variable"},
	} {
		a := ok
		tc.edit(&a)
		err := a.Validate(an)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, alert.ErrInvalid)):
			t.Errorf("%s: err = %v, want ErrInvalid with %q", tc.name, err, tc.want)
		}
	}
}

// TestDeliveredAfterWorkerDies records matches as a worker does before it
// delivers them, leaves them there as a worker killed at that moment
// would, and checks that another engine delivers each of them, once, when
// the dead worker's lease has run out, and not before.
func TestDeliveredAfterWorkerDies(t *testing.T) {
	ctx := context.Background()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rasad.db"), store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs := alerttest.Articles(t)
	if _, err := st.PutBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := st.AddAlert(ctx, alert.Alert{Name: "strikes", Query: "بالقصف", Filter: search.Filter{Types: []string{"ASSAULT"}},
		On: alert.OnEvents, Sink: "stdout"}); err != nil {
		t.Fatal(err)
	}
	as, err := st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nums, err := st.DocumentNums(ctx, []string{docs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	ms := []alert.Match{
		{Alert: as[0].ID, Doc: nums[0], Event: 0, EventKey: "a", MatchedAt: t0, Body: []byte(`{"n":1}`)},
		{Alert: as[0].ID, Doc: nums[0], Event: 1, EventKey: "b", MatchedAt: t0, Body: []byte(`{"n":2}`)},
	}
	const lease = time.Minute
	if got, err := st.RecordMatches(ctx, ms, "dead-worker", t0.Add(lease)); err != nil || len(got) != 2 {
		t.Fatalf("RecordMatches = %d, %v", len(got), err)
	}
	var out strings.Builder
	now := t0.Add(lease / 2)
	e, err := alert.New(st, an, alert.Options{Stdout: &out, Lease: lease, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := e.Deliver(ctx); err != nil || n != 0 {
		t.Fatalf("while the lease holds: %d attempted (%v), want none", n, err)
	}
	now = t0.Add(lease + time.Second)
	for range 2 {
		if _, err := e.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if out.String() != "{\"n\":1}\n{\"n\":2}\n" {
		t.Errorf("delivered %q, want each line once", out.String())
	}
}

// TestStopGivesBack stops Run while it holds deliveries, one of them
// under way to a webhook that does not answer: they are given back at
// once, uncounted, so that a Flush right after (what rasad watch --once
// does) delivers them all without waiting for their leases to run out.
func TestStopGivesBack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rasad.db"), store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs := alerttest.Articles(t)
	if _, err := st.PutBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}
	var hang atomic.Bool
	hang.Store(true)
	arrived := make(chan struct{}, 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		arrived <- struct{}{}
		if hang.Load() {
			<-r.Context().Done() // until the client gives up
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	a := alert.Alert{Name: "assaults", Filter: search.Filter{Types: []string{"ASSAULT"}}, On: alert.OnEvents, Sink: srv.URL + "/hook", Secret: "k"}
	if err := a.Validate(an); err != nil {
		t.Fatal(err)
	}
	if err := st.AddAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	// A lease far longer than the test: held deliveries would not come
	// back in time.
	e, err := alert.New(st, an, alert.Options{Lease: time.Hour, Timeout: time.Minute, Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		e.Run(runCtx)
	}()
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	if err := e.Stored(ctx, ids); err != nil {
		t.Fatal(err)
	}
	select {
	case <-arrived:
	case <-ctx.Done():
		t.Fatal("no delivery was attempted")
	}
	stop()
	<-ran
	hang.Store(false)
	fctx, fcancel := context.WithTimeout(ctx, 30*time.Second)
	defer fcancel()
	if err := e.Flush(fctx); err != nil {
		t.Fatalf("Flush after stopping Run: %v", err)
	}
	ds, err := st.Deliveries(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) < 2 {
		t.Fatalf("%d deliveries; the test needs several", len(ds))
	}
	for _, d := range ds {
		if d.State != alert.Delivered || d.Attempts != 1 {
			t.Errorf("delivery %s: %s after %d attempts, want delivered after 1 (the stopped one not counted)", d.Key, d.State, d.Attempts)
		}
	}
}
