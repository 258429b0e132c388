package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rasad/rasad/internal/outlettest"
)

const testAgent = "rasad-test/1 (+mailto:analyst@example.org)"

// outlets starts the test outlets and a client for them.
func outlets(t *testing.T, opts outlettest.Options, cfg Config) (*outlettest.Server, *Client) {
	t.Helper()
	srv, err := outlettest.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	if cfg.UserAgent == "" {
		cfg.UserAgent = testAgent
	}
	if cfg.Delay == 0 {
		cfg.Delay = -1 // none, unless a test says
	}
	return srv, New(cfg)
}

// pageOf returns the first test page of a kind.
func pageOf(t *testing.T, srv *outlettest.Server, kind string) outlettest.Page {
	t.Helper()
	for _, p := range srv.Pages() {
		if p.Kind == kind {
			return p
		}
	}
	t.Fatalf("no page of kind %s", kind)
	return outlettest.Page{}
}

// failure asserts that err is an *Error with the reason and status.
func failure(t *testing.T, err error, reason string, status int, retryable bool) *Error {
	t.Helper()
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *fetch.Error", err, err)
	}
	if fe.Reason != reason || fe.Status != status || fe.Retryable() != retryable {
		t.Errorf("error %q: reason %s, status %d, retryable %v; want %s, %d, %v",
			fe, fe.Reason, fe.Status, fe.Retryable(), reason, status, retryable)
	}
	return fe
}

// Each kind of test page gives the page or the failure it should, with
// robots.txt asked once per outlet and a disallowed page never asked.
func TestFetchKinds(t *testing.T) {
	srv, c := outlets(t, outlettest.Options{SlowDelay: 300 * time.Millisecond}, Config{Timeout: 3 * time.Second})
	ctx := context.Background()
	for _, p := range srv.Pages() {
		t.Run(p.ID+"/"+p.Kind, func(t *testing.T) {
			page, err := c.Fetch(ctx, p.URL, Validators{})
			switch p.Kind {
			case outlettest.KindOK, outlettest.KindSlow, outlettest.KindRedirect, outlettest.KindWindows1256:
				if err != nil {
					t.Fatal(err)
				}
				if page.Status != 200 || page.URL != p.URL || len(page.Body) == 0 || page.Validators.ETag == "" ||
					page.Validators.LastModified != p.Published.Format(http.TimeFormat) {
					t.Errorf("page %+v", page)
				}
				wantFinal := p.URL
				if p.Kind == outlettest.KindRedirect {
					wantFinal = strings.Replace(p.URL, "/go/", "/news/", 1) + ".html"
				}
				if page.FinalURL != wantFinal {
					t.Errorf("final URL %s, want %s", page.FinalURL, wantFinal)
				}
				if p.Kind != outlettest.KindWindows1256 && !strings.Contains(string(page.Body), p.Title) {
					t.Errorf("body lacks the title %q", p.Title)
				}
			case outlettest.KindDisallowed:
				failure(t, err, ReasonDisallowed, 0, false)
			case outlettest.KindServerError:
				failure(t, err, ReasonHTTP5xx, 503, true)
			case outlettest.KindFlaky:
				failure(t, err, ReasonHTTP5xx, 503, true)
				failure(t, func() error { _, err := c.Fetch(ctx, p.URL, Validators{}); return err }(), ReasonHTTP5xx, 503, true)
				if _, err := c.Fetch(ctx, p.URL, Validators{}); err != nil {
					t.Errorf("third try: %v", err)
				}
			case outlettest.KindNotFound:
				failure(t, err, ReasonHTTP4xx, 404, false)
			case outlettest.KindLoop:
				fe := failure(t, err, ReasonRedirects, 0, false)
				if !strings.Contains(fe.Error(), "loop") {
					t.Errorf("error %q does not say loop", fe)
				}
			case outlettest.KindTooLarge:
				failure(t, err, ReasonTooLarge, 200, false)
			case outlettest.KindNotHTML:
				failure(t, err, ReasonNotHTML, 200, false)
			default:
				t.Fatalf("untested kind %s", p.Kind)
			}
			if err != nil {
				var fe *Error
				if errors.As(err, &fe) && fe.URL != p.URL {
					t.Errorf("error URL %s, want %s", fe.URL, p.URL)
				}
			}
		})
	}
	robots := map[string]int{}
	for _, r := range srv.Requests() {
		if r.UserAgent != testAgent {
			t.Errorf("%s sent with User-Agent %q", r.URL, r.UserAgent)
		}
		if strings.HasSuffix(r.URL, "/robots.txt") {
			robots[r.Outlet]++
		}
		if strings.Contains(r.URL, "/private/") {
			t.Errorf("disallowed %s was requested", r.URL)
		}
		if strings.Contains(r.URL, "/news/sahel-007") && !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("%s asked without gzip", r.URL)
		}
	}
	for _, o := range srv.Outlets() {
		if robots[o.Name] != 1 {
			t.Errorf("robots.txt of %s asked %d times, want once", o.Name, robots[o.Name])
		}
	}
}

// A feed fetched again with its validators costs a 304 and no body, by
// ETag and by Last-Modified alone.
func TestFetchConditional(t *testing.T) {
	srv, c := outlets(t, outlettest.Options{}, Config{})
	ctx := context.Background()
	feed := srv.Outlets()[0].Feeds["rss"]
	first, err := c.Fetch(ctx, feed, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.Validators.ETag == "" || first.Validators.LastModified == "" {
		t.Fatalf("first fetch %+v", first)
	}
	for _, v := range []Validators{first.Validators, {ETag: first.Validators.ETag}, {LastModified: first.Validators.LastModified}} {
		again, err := c.Fetch(ctx, feed, v)
		if err != nil {
			t.Fatal(err)
		}
		// The 304 repeats both validators, which the page then carries.
		if !again.NotModified || again.Status != 304 || again.Body != nil || again.Validators != first.Validators {
			t.Errorf("with %+v: %+v", v, again)
		}
	}
	// A stale ETag gets the whole feed.
	again, err := c.Fetch(ctx, feed, Validators{ETag: `"stale"`})
	if err != nil || again.NotModified || len(again.Body) != len(first.Body) {
		t.Errorf("with a stale ETag: %+v, %v", again, err)
	}
}

// Requests to one host are one at a time, Delay apart; two hosts are
// served at once.
func TestFetchPoliteness(t *testing.T) {
	const delay = 150 * time.Millisecond
	srv, c := outlets(t, outlettest.Options{}, Config{Delay: delay})
	ctx := context.Background()
	var urls []string
	for _, p := range srv.Pages() {
		if p.Kind == outlettest.KindOK {
			urls = append(urls, p.URL)
		}
	}
	start := time.Now()
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			if _, err := c.Fetch(ctx, u, Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	last := map[string]time.Time{}
	perOutlet := map[string]int{}
	for _, r := range srv.Requests() {
		if prev, ok := last[r.Outlet]; ok && r.Time.Sub(prev) < delay-5*time.Millisecond {
			t.Errorf("%s asked %v after the previous request to its host", r.URL, r.Time.Sub(prev))
		}
		last[r.Outlet] = r.Time
		perOutlet[r.Outlet]++
	}
	most := 0
	for _, n := range perOutlet {
		most = max(most, n)
	}
	// The busiest host (robots.txt and its pages) sets the pace, not
	// the sum of all requests.
	if elapsed > time.Duration(most)*delay+time.Second {
		t.Errorf("%d requests over %d hosts took %v; hosts did not proceed together", len(srv.Requests()), len(perOutlet), elapsed)
	}
}

// robots.txt's Crawl-delay, when longer than Delay, spaces requests.
func TestFetchCrawlDelay(t *testing.T) {
	const crawl = 300 * time.Millisecond
	srv, c := outlets(t, outlettest.Options{CrawlDelay: crawl}, Config{Delay: 10 * time.Millisecond})
	o := srv.Outlets()[0]
	for _, p := range srv.Pages() {
		if p.Outlet == o.Name && p.Kind == outlettest.KindOK {
			if _, err := c.Fetch(context.Background(), p.URL, Validators{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	reqs := srv.Requests()
	if len(reqs) < 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	// The first gap follows robots.txt, read before its Crawl-delay was
	// known; it still waits Delay.
	for i := 2; i < len(reqs); i++ {
		if gap := reqs[i].Time.Sub(reqs[i-1].Time); gap < crawl-5*time.Millisecond {
			t.Errorf("request %d came %v after the one before, want ≥ %v", i, gap, crawl)
		}
	}
}

func TestFetchTimeout(t *testing.T) {
	srv, c := outlets(t, outlettest.Options{SlowDelay: 2 * time.Second}, Config{Timeout: 200 * time.Millisecond})
	p := pageOf(t, srv, outlettest.KindSlow)
	start := time.Now()
	_, err := c.Fetch(context.Background(), p.URL, Validators{})
	failure(t, err, ReasonTimeout, 0, true)
	if d := time.Since(start); d > time.Second {
		t.Errorf("timed out after %v", d)
	}
}

func TestFetchRedirectLimit(t *testing.T) {
	srv, c := outlets(t, outlettest.Options{}, Config{MaxRedirects: -1})
	p := pageOf(t, srv, outlettest.KindRedirect)
	_, err := c.Fetch(context.Background(), p.URL, Validators{})
	fe := failure(t, err, ReasonRedirects, 0, false)
	if !strings.Contains(fe.Error(), "more than 0 redirects") {
		t.Errorf("error %q", fe)
	}
}

func TestFetchBadURL(t *testing.T) {
	c := New(Config{})
	for _, u := range []string{"ftp://example.com/a", "mailto:x@example.com", "/relative", "http://", "::"} {
		_, err := c.Fetch(context.Background(), u, Validators{})
		failure(t, err, ReasonBadURL, 0, false)
	}
}

// handlerHost is a single host whose robots.txt and pages a test writes.
func handlerHost(t *testing.T, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// robots.txt answering 4xx allows everything; 5xx, or a timeout, closes
// the host, and its pages fail as retryable without being requested.
func TestFetchRobotsStatus(t *testing.T) {
	tests := []struct {
		robots       int
		slow         bool
		reason       string
		status       int
		pageAsked    bool
		robotsReason string
	}{
		{robots: 404, pageAsked: true},
		{robots: 403, pageAsked: true},
		{robots: 503, reason: ReasonHTTP5xx, status: 503, robotsReason: ""},
		{robots: 500, reason: ReasonHTTP5xx, status: 500},
		{robots: 200, slow: true, reason: ReasonTimeout, robotsReason: ReasonTimeout},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.robots, tt.slow), func(t *testing.T) {
			var mu sync.Mutex
			asked := 0
			srv := handlerHost(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					if tt.slow {
						select {
						case <-time.After(2 * time.Second):
						case <-r.Context().Done():
						}
					}
					w.WriteHeader(tt.robots)
					return
				}
				mu.Lock()
				asked++
				mu.Unlock()
				fmt.Fprint(w, "<html><body><p>خبر</p></body></html>")
			})
			var infos []Request
			c := New(Config{Delay: -1, Timeout: 300 * time.Millisecond, OnRequest: func(r Request) {
				mu.Lock()
				infos = append(infos, r)
				mu.Unlock()
			}})
			for range 2 {
				_, err := c.Fetch(context.Background(), srv.URL+"/news/1.html", Validators{})
				if tt.reason == "" {
					if err != nil {
						t.Fatal(err)
					}
				} else {
					fe := failure(t, err, tt.reason, tt.status, true)
					if !strings.Contains(fe.Error(), "robots.txt") {
						t.Errorf("error %q does not name robots.txt", fe)
					}
				}
			}
			if (asked > 0) != tt.pageAsked {
				t.Errorf("page asked %d times", asked)
			}
			robots := 0
			for _, in := range infos {
				if in.Robots {
					robots++
					if in.Reason != tt.robotsReason {
						t.Errorf("robots.txt request reported reason %q, want %q", in.Reason, tt.robotsReason)
					}
				}
			}
			if robots != 1 {
				t.Errorf("robots.txt asked %d times, want once (cached)", robots)
			}
		})
	}
}

// A redirect into a disallowed path is not followed, and the robots.txt
// cache expires.
func TestFetchRobotsRedirectAndTTL(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	srv := handlerHost(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: rasad-test\nDisallow: /private/\nDisallow: /drafts/\n")
		case "/go":
			http.Redirect(w, r, "/private/1.html", http.StatusFound)
		default:
			fmt.Fprint(w, "<html><body><p>خبر</p></body></html>")
		}
	})
	c := New(Config{UserAgent: testAgent, Delay: -1, RobotsTTL: 200 * time.Millisecond})
	ctx := context.Background()
	_, err := c.Fetch(ctx, srv.URL+"/go", Validators{})
	fe := failure(t, err, ReasonDisallowed, 0, false)
	if fe.URL != srv.URL+"/go" || !strings.Contains(fe.Error(), "/private/1.html") {
		t.Errorf("error %q should name the URL asked and the redirect", fe)
	}
	// The group for our agent applies, not "*".
	_, err = c.Fetch(ctx, srv.URL+"/drafts/2.html", Validators{})
	failure(t, err, ReasonDisallowed, 0, false)
	time.Sleep(250 * time.Millisecond)
	if _, err := c.Fetch(ctx, srv.URL+"/news/3.html", Validators{}); err != nil {
		t.Fatal(err)
	}
	want := "/robots.txt /go /robots.txt /news/3.html"
	if got := strings.Join(asked, " "); got != want {
		t.Errorf("asked %s, want %s", got, want)
	}
}

// MaxBytes stops at an announced Content-Length, and at what a body
// without one turns out to hold.
func TestFetchTooLarge(t *testing.T) {
	body := strings.Repeat("<p>خبر</p>\n", 200)
	srv := handlerHost(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.WriteHeader(404)
		case "/chunked":
			w.Write([]byte(body[:len(body)/2]))
			w.(http.Flusher).Flush()
			w.Write([]byte(body[len(body)/2:]))
		default:
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.Write([]byte(body))
		}
	})
	c := New(Config{Delay: -1, MaxBytes: 1000})
	for _, path := range []string{"/sized", "/chunked"} {
		_, err := c.Fetch(context.Background(), srv.URL+path, Validators{})
		failure(t, err, ReasonTooLarge, 200, false)
	}
	big := New(Config{Delay: -1, MaxBytes: int64(len(body))})
	for _, path := range []string{"/sized", "/chunked"} {
		page, err := big.Fetch(context.Background(), srv.URL+path, Validators{})
		if err != nil || string(page.Body) != body {
			t.Errorf("%s at the limit: %v", path, err)
		}
	}
}

// A caller that gives up while waiting for a host's turn gets its
// context's error.
func TestFetchCanceled(t *testing.T) {
	srv, c := outlets(t, outlettest.Options{SlowDelay: time.Second}, Config{})
	slow := pageOf(t, srv, outlettest.KindSlow)
	var ok string
	for _, p := range srv.Pages() {
		if p.Outlet == slow.Outlet && p.Kind == outlettest.KindOK {
			ok = p.URL
		}
	}
	go c.Fetch(context.Background(), slow.URL, Validators{})
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.Fetch(ctx, ok, Validators{})
	failure(t, err, ReasonTimeout, 0, true)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap the deadline", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = c.Fetch(ctx, ok, Validators{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not wrap the cancellation", err)
	}
}

// OnRequest sees every request with its host and reason.
func TestFetchOnRequest(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv, c := outlets(t, outlettest.Options{}, Config{OnRequest: func(r Request) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, fmt.Sprintf("%s %d %q robots=%v", r.URL, r.Status, r.Reason, r.Robots))
		if r.Host == "" || r.Duration <= 0 {
			t.Errorf("request info %+v", r)
		}
	}})
	nf := pageOf(t, srv, outlettest.KindNotFound)
	c.Fetch(context.Background(), nf.URL, Validators{})
	base := nf.URL[:strings.Index(nf.URL, "/news/")]
	want := []string{
		base + `/robots.txt 200 "" robots=true`,
		nf.URL + ` 404 "http-4xx" robots=false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBackoff(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	const base, ceiling = 100 * time.Millisecond, 5 * time.Second
	for attempt, limit := range []time.Duration{100, 200, 400, 800, 1600, 3200, 5000, 5000} {
		limit *= time.Millisecond
		var sum time.Duration
		const n = 2000
		for range n {
			d := Backoff(attempt, base, ceiling, rnd)
			if d < 0 || d > limit {
				t.Fatalf("Backoff(%d) = %v, outside [0, %v]", attempt, d, limit)
			}
			sum += d
		}
		// Full jitter: uniform on [0, limit], so the mean is near half.
		if mean := sum / n; mean < limit*4/10 || mean > limit*6/10 {
			t.Errorf("Backoff(%d): mean %v, want about %v", attempt, mean, limit/2)
		}
	}
	for _, attempt := range []int{62, 63, 64, 1000} {
		if d := Backoff(attempt, base, ceiling, nil); d < 0 || d > ceiling {
			t.Errorf("Backoff(%d) = %v", attempt, d)
		}
	}
	if d := Backoff(3, 0, ceiling, rnd); d != 0 {
		t.Errorf("no base: %v", d)
	}
}

// SetHostDelay slows one host and leaves the others at Config.Delay.
func TestSetHostDelay(t *testing.T) {
	const slow = 250 * time.Millisecond
	srv, c := outlets(t, outlettest.Options{}, Config{Delay: -1})
	outs := srv.Outlets()
	if err := c.SetHostDelay(outs[0].Feeds["rss"], slow); err != nil {
		t.Fatal(err)
	}
	if err := c.SetHostDelay("ftp://x", slow); err == nil {
		t.Error("no error for an ftp URL")
	}
	for _, o := range outs[:2] {
		for _, f := range []string{"rss", "atom"} {
			if _, err := c.Fetch(context.Background(), o.Feeds[f], Validators{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	last := map[string]time.Time{}
	for _, r := range srv.Requests() {
		if prev, ok := last[r.Outlet]; ok {
			gap := r.Time.Sub(prev)
			if r.Outlet == outs[0].Name && gap < slow-5*time.Millisecond {
				t.Errorf("%s came %v after the one before, want ≥ %v", r.URL, gap, slow)
			}
			if r.Outlet != outs[0].Name && gap > slow {
				t.Errorf("%s came %v after the one before; its host was slowed too", r.URL, gap)
			}
		}
		last[r.Outlet] = r.Time
	}
}

// A 429 is retryable, its Retry-After is reported and pauses the host
// (up to MaxCrawlDelay); a 408 is retryable; other 4xx are not.
func TestFetchTooManyRequests(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := handlerHost(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			w.WriteHeader(404)
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/slow-client":
			w.WriteHeader(http.StatusRequestTimeout)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		default:
			fmt.Fprint(w, "<p>خبر</p>")
		}
	})
	const pause = 300 * time.Millisecond
	c := New(Config{Delay: -1, MaxCrawlDelay: pause})
	ctx := context.Background()
	_, err := c.Fetch(ctx, srv.URL+"/busy", Validators{})
	fe := failure(t, err, ReasonHTTP4xx, 429, true)
	if fe.RetryAfter != 2*time.Minute {
		t.Errorf("RetryAfter %v", fe.RetryAfter)
	}
	if _, err := c.Fetch(ctx, srv.URL+"/news/1.html", Validators{}); err != nil {
		t.Fatal(err)
	}
	if gap := times[2].Sub(times[1]); gap < pause-5*time.Millisecond {
		t.Errorf("the request after a 429 came %v later, want ≥ %v", gap, pause)
	}
	_, err = c.Fetch(ctx, srv.URL+"/slow-client", Validators{})
	failure(t, err, ReasonHTTP4xx, 408, true)
	_, err = c.Fetch(ctx, srv.URL+"/gone", Validators{})
	failure(t, err, ReasonHTTP4xx, 410, false)
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"-5", 0}, {"30", 30 * time.Second}, {"999999999", 24 * time.Hour},
		{"Mon, 02 Mar 2026 10:01:30 GMT", 90 * time.Second},
		{"Mon, 02 Mar 2026 09:00:00 GMT", 0}, {"soon", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// Rules with Arabic paths apply whether robots.txt or the URL writes
// them raw or percent-encoded.
func TestFetchRobotsArabicPaths(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	srv := handlerHost(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.EscapedPath())
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /ar/أرشيف-خاص/\nDisallow: /ar/%D9%85%D8%B3%D9%88%D8%AF%D8%A7%D8%AA/\n")
			return
		}
		fmt.Fprint(w, "<p>خبر</p>")
	})
	c := New(Config{Delay: -1})
	tests := []struct {
		path    string
		allowed bool
	}{
		{"/ar/أرشيف-خاص/1.html", false},
		{"/ar/%D8%A3%D8%B1%D8%B4%D9%8A%D9%81-%D8%AE%D8%A7%D8%B5/1.html", false},
		{"/ar/مسودات/2.html", false},
		{"/ar/%D9%85%D8%B3%D9%88%D8%AF%D8%A7%D8%AA/2.html", false},
		{"/ar/أخبار/3.html", true},
	}
	for _, tt := range tests {
		_, err := c.Fetch(context.Background(), srv.URL+tt.path, Validators{})
		if tt.allowed && err != nil {
			t.Errorf("%s: %v", tt.path, err)
		}
		if !tt.allowed {
			failure(t, err, ReasonDisallowed, 0, false)
		}
	}
	if want := "/robots.txt /ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/3.html"; strings.Join(asked, " ") != want {
		t.Errorf("asked %s, want %s", strings.Join(asked, " "), want)
	}
}

func TestTextual(t *testing.T) {
	for ctype, want := range map[string]bool{
		"":                               true,
		"text/html; charset=utf-8":       true,
		"TEXT/HTML":                      true,
		"application/xhtml+xml":          true,
		"application/rss+xml":            true,
		"application/atom+xml":           true,
		"text/xml; charset=windows-1256": true,
		"application/json":               true,
		"application/x-gzip":             true,
		"text/plain":                     true,
		"image/jpeg":                     false,
		"application/pdf":                false,
		"video/mp4":                      false,
		"application/octet-stream":       false,
		"application/zip":                false,
	} {
		if got := textual(ctype); got != want {
			t.Errorf("textual(%q) = %v, want %v", ctype, got, want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1000: "1000 bytes", 1536: "1.5 KiB", 10 << 20: "10 MiB", 3 << 30: "3072 MiB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}
