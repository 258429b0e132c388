package outlettest_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/temoto/robotstxt"

	"github.com/rasad/rasad/feed"
	"github.com/rasad/rasad/internal/outlettest"
	"github.com/rasad/rasad/internal/shared"
)

func start(t testing.TB, opts outlettest.Options) *outlettest.Server {
	t.Helper()
	return outlettest.Start(t, opts)
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

type answer struct {
	status   int
	header   http.Header
	body     []byte
	took     time.Duration
	wireSize int
}

func ask(t *testing.T, url string, header ...string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", "outlettest-test")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	start := time.Now()
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, body: body, took: time.Since(start), wireSize: len(body)}
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		if a.body, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// Every kind of page answers as its constant says.
func TestKinds(t *testing.T) {
	const slow = 200 * time.Millisecond
	srv := start(t, outlettest.Options{SlowDelay: slow, FlakyFailures: 2})
	seen := map[string]bool{}
	for _, p := range srv.Pages() {
		seen[p.Kind] = true
		t.Run(p.ID, func(t *testing.T) {
			a := ask(t, p.URL, "Accept-Encoding", "gzip")
			wantPage := func(a answer) {
				t.Helper()
				if a.status != 200 {
					t.Fatalf("status %d", a.status)
				}
				text := string(a.body)
				if p.Kind == outlettest.KindWindows1256 {
					if utf8.Valid(a.body) {
						t.Error("a Windows-1256 page is valid UTF-8")
					}
					return
				}
				if !strings.Contains(text, "<h1>"+p.Title+"</h1>") || !strings.Contains(text, p.Published.Format(time.RFC3339)) {
					t.Errorf("page lacks its title or date:\n%s", text)
				}
			}
			switch p.Kind {
			case outlettest.KindOK, outlettest.KindDisallowed, outlettest.KindWindows1256:
				wantPage(a)
			case outlettest.KindSlow:
				wantPage(a)
				if a.took < slow {
					t.Errorf("slow page took %v", a.took)
				}
			case outlettest.KindServerError:
				if a.status != 503 || ask(t, p.URL).status != 503 || ask(t, p.URL).status != 503 {
					t.Errorf("status %d", a.status)
				}
			case outlettest.KindFlaky:
				if a.status != 503 || ask(t, p.URL).status != 503 {
					t.Errorf("status %d", a.status)
				}
				wantPage(ask(t, p.URL))
			case outlettest.KindNotFound:
				if a.status != 404 {
					t.Errorf("status %d", a.status)
				}
			case outlettest.KindRedirect:
				if a.status != 301 {
					t.Fatalf("status %d", a.status)
				}
				loc := a.header.Get("Location")
				if loc != "/news/"+p.ID+".html" {
					t.Errorf("Location %q", loc)
				}
				wantPage(ask(t, p.URL[:strings.Index(p.URL, "/go/")]+loc))
			case outlettest.KindLoop:
				base := p.URL[:strings.Index(p.URL, "/loop/")]
				loc := a.header.Get("Location")
				b := ask(t, base+loc)
				if a.status != 302 || b.status != 302 || base+b.header.Get("Location") != p.URL {
					t.Errorf("%d to %s, then %d to %s", a.status, loc, b.status, b.header.Get("Location"))
				}
			case outlettest.KindTooLarge:
				if a.status != 200 || len(a.body) < outlettest.TooLargeBytes || a.wireSize > 1<<20 {
					t.Errorf("status %d, %d bytes, %d on the wire", a.status, len(a.body), a.wireSize)
				}
			case outlettest.KindNotHTML:
				if a.status != 200 || a.header.Get("Content-Type") != "application/pdf" {
					t.Errorf("status %d, type %s", a.status, a.header.Get("Content-Type"))
				}
			default:
				t.Errorf("untested kind %s", p.Kind)
			}
		})
	}
	if len(seen) != 11 {
		t.Errorf("the built-in outlets have %d kinds of page, want all 11", len(seen))
	}
	for _, r := range srv.Requests() {
		if r.UserAgent != "outlettest-test" || r.Status == 0 || r.Outlet == "" || r.Method != "GET" {
			t.Errorf("logged %+v", r)
		}
	}
}

func TestRobots(t *testing.T) {
	srv := start(t, outlettest.Options{CrawlDelay: 1500 * time.Millisecond})
	for _, o := range srv.Outlets() {
		a := ask(t, o.BaseURL+"/robots.txt")
		r, err := robotstxt.FromStatusAndBytes(a.status, a.body)
		if err != nil {
			t.Fatal(err)
		}
		g := r.FindGroup("rasad")
		if g.Test("/private/x.html") || !g.Test("/news/x.html") || g.CrawlDelay != 1500*time.Millisecond {
			t.Errorf("%s robots.txt:\n%s", o.Name, a.body)
		}
		if r.TestAgent("/news/x.html", "BadBot") {
			t.Errorf("BadBot is allowed")
		}
		if len(r.Sitemaps) != 1 || r.Sitemaps[0] != o.Feeds["sitemap-index"] {
			t.Errorf("sitemaps %q", r.Sitemaps)
		}
	}
	for _, p := range srv.Pages() {
		if p.Kind == outlettest.KindDisallowed && !strings.Contains(p.URL, "/private/") {
			t.Errorf("disallowed page at %s", p.URL)
		}
	}
}

// Feeds and pages answer 304 to their ETag and to their Last-Modified.
func TestConditional(t *testing.T) {
	srv := start(t, outlettest.Options{})
	o := srv.Outlets()[0]
	for _, u := range []string{o.Feeds["rss"], o.Feeds["sitemap-index"], srv.Pages()[0].URL} {
		a := ask(t, u)
		etag, lm := a.header.Get("ETag"), a.header.Get("Last-Modified")
		if a.status != 200 || etag == "" || lm == "" {
			t.Fatalf("%s: %d, ETag %q, Last-Modified %q", u, a.status, etag, lm)
		}
		if s := ask(t, u, "If-None-Match", etag).status; s != 304 {
			t.Errorf("%s with its ETag: %d", u, s)
		}
		if s := ask(t, u, "If-Modified-Since", lm).status; s != 304 {
			t.Errorf("%s with its Last-Modified: %d", u, s)
		}
		if s := ask(t, u, "If-None-Match", `"other"`, "If-Modified-Since", lm).status; s != 200 {
			t.Errorf("%s with another ETag: %d (the ETag decides)", u, s)
		}
		old := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)
		if s := ask(t, u, "If-Modified-Since", old).status; s != 200 {
			t.Errorf("%s modified since 2000: %d", u, s)
		}
	}
}

// Two servers play the same outlets byte for byte, but for their ports.
func TestDeterministic(t *testing.T) {
	a, b := start(t, outlettest.Options{PageSize: 4}), start(t, outlettest.Options{PageSize: 4})
	if len(a.Outlets()) != 3 || len(b.Outlets()) != 3 {
		t.Fatalf("%d and %d outlets", len(a.Outlets()), len(b.Outlets()))
	}
	for i, oa := range a.Outlets() {
		ob := b.Outlets()[i]
		for _, kind := range []string{"rss", "atom", "rdf", "sitemap", "sitemap-index"} {
			for _, page := range []string{"", "?page=1"} {
				fa := strings.ReplaceAll(string(ask(t, oa.Feeds[kind]+page).body), oa.BaseURL, "BASE")
				fb := strings.ReplaceAll(string(ask(t, ob.Feeds[kind]+page).body), ob.BaseURL, "BASE")
				if fa != fb {
					t.Errorf("%s %s%s differs between two servers", oa.Name, kind, page)
				}
			}
		}
	}
}

func TestBadArticles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ content, want string }{
		{`{"id":"a","source":"s","date":"2026-03-01 10:00:00","title":"ت","content":"نص"}` + "\n" + `{"id":`,
			"bad.jsonl:2: unexpected end of JSON input"},
		{`{"id":"a","source":"s","date":"أمس","title":"ت","content":"نص"}`, `bad.jsonl:1: date "أمس"`},
		{`{"id":"a","source":"s","date":"2026-03-01 10:00:00","title":"ت","content":"  "}`, "bad.jsonl:1: a record needs id, source and content"},
		{`{"id":"a","source":"s","kind":"odd","date":"2026-03-01 10:00:00","title":"ت","content":"نص"}`, `bad.jsonl:1: unknown kind "odd"`},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, "bad.jsonl")
		if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		srv, err := outlettest.New(outlettest.Options{Corpora: []string{path}})
		if err == nil {
			srv.Close()
			t.Errorf("no error for %s", tt.content)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %q, want it to contain %q", err, tt.want)
		}
	}
}

// The shared corpora played as outlets: every article reachable through
// the sitemap index and through the paged RSS feed of its outlet, dated
// as its record.
func TestCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 44,000 articles")
	}
	paths := []string{
		shared.Path(t, "news-egypt2013/articles.jsonl.gz"),
		shared.Path(t, "news-saudinewsnet/articles.jsonl.gz"),
	}
	// Every record is counted; one in 50 is decoded for its date, which
	// keeps the test quick while any systematic error in dates shows.
	records := 0
	want := map[string]time.Time{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 64<<20)
		for ; sc.Scan(); records++ {
			if records%50 != 0 {
				continue
			}
			var r struct{ ID, Date, Date_extracted string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			d := r.Date
			if d == "" {
				d = r.Date_extracted
			}
			tm, err := time.Parse("2006-01-02 15:04:05", d)
			if err != nil {
				t.Fatal(err)
			}
			want[r.ID] = tm
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	srv := start(t, outlettest.Options{Corpora: paths, PageSize: 500, NoRequestLog: true})
	if n := len(srv.Pages()); n != records {
		t.Fatalf("%d pages, %d records", n, records)
	}
	for _, format := range []string{"sitemap-index", "rss"} {
		got := map[string]time.Time{}
		for _, o := range srv.Outlets() {
			queue := []string{o.Feeds[format]}
			for len(queue) > 0 {
				u := queue[0]
				queue = queue[1:]
				a := ask(t, u, "Accept-Encoding", "gzip")
				f, err := feed.Parse(a.body, u)
				if err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				queue = append(queue, f.Sitemaps...)
				if f.Next != "" {
					queue = append(queue, f.Next)
				}
				for _, it := range f.Items {
					id := strings.TrimSuffix(it.URL[strings.LastIndex(it.URL, "/")+1:], ".html")
					got[id] = it.Published
				}
			}
		}
		if len(got) != records {
			t.Errorf("%s: %d articles reachable, want %d", format, len(got), records)
		}
		for id, w := range want {
			if g, ok := got[id]; !ok || !g.Equal(w) {
				t.Errorf("%s: %s dated %v (listed: %v), want %v", format, id, g, ok, w)
				break
			}
		}
	}
}

// With Every, articles appear one at a time, oldest first, in the feeds
// and as pages; Page.Appears says when.
func TestLive(t *testing.T) {
	const every = 150 * time.Millisecond
	srv := start(t, outlettest.Options{Every: every})
	pages := srv.Pages()
	for _, p := range pages {
		if p.Appears.IsZero() {
			t.Fatalf("%s has no appearance time", p.ID)
		}
	}
	byAppearance := append([]outlettest.Page(nil), pages...)
	slices.SortFunc(byAppearance, func(a, b outlettest.Page) int { return a.Appears.Compare(b.Appears) })
	first, third := byAppearance[0], byAppearance[2]
	for i := 1; i < len(byAppearance); i++ {
		if gap := byAppearance[i].Appears.Sub(byAppearance[i-1].Appears); gap != every {
			t.Fatalf("%s appears %v after %s", byAppearance[i].ID, gap, byAppearance[i-1].ID)
		}
		if byAppearance[i].Published.Before(byAppearance[i-1].Published) {
			t.Errorf("%s appears after the newer %s", byAppearance[i].ID, byAppearance[i-1].ID)
		}
	}
	countItems := func() int {
		n := 0
		for _, o := range srv.Outlets() {
			f, err := feed.Parse(ask(t, o.Feeds["rss"]).body, o.Feeds["rss"])
			if err != nil {
				t.Fatal(err)
			}
			n += len(f.Items)
		}
		return n
	}
	if time.Until(third.Appears) < 50*time.Millisecond {
		t.Skip("the machine is too slow for this test's timing")
	}
	if n := countItems(); n < 1 || n > 2 {
		t.Errorf("%d items at the start, want 1 or 2", n)
	}
	if s := ask(t, third.URL).status; s != 404 {
		t.Errorf("%s before it appears: %d", third.URL, s)
	}
	if first.Kind == outlettest.KindOK {
		if s := ask(t, first.URL).status; s != 200 {
			t.Errorf("%s after it appeared: %d", first.URL, s)
		}
	}
	time.Sleep(time.Until(third.Appears) + 10*time.Millisecond)
	if n := countItems(); n < 3 {
		t.Errorf("%d items once the third appeared", n)
	}
	if third.Kind == outlettest.KindOK {
		if s := ask(t, third.URL).status; s != 200 {
			t.Errorf("%s after it appeared: %d", third.URL, s)
		}
	}
}
