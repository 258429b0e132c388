package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults for the fields of Config left zero.
const (
	DefaultUserAgent    = "rasad/1 (+https://github.com/rasad/rasad)"
	DefaultDelay        = 2 * time.Second
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultRobotsTTL    = 24 * time.Hour
	// DefaultRobotsRetry is how long a robots.txt that could not be read
	// (5xx, timeout, network) keeps its host closed before it is asked
	// for again.
	DefaultRobotsRetry = 5 * time.Minute
	// DefaultMaxCrawlDelay caps the Crawl-delay a robots.txt asks for, so
	// that a site asking for an hour is still watched.
	DefaultMaxCrawlDelay = time.Minute
)

// robotsMaxBytes is how much of a robots.txt is read; Google reads 500 KiB.
const robotsMaxBytes = 500 << 10

// Reasons a fetch fails, as Error.Reason and as the label of metrics.
const (
	ReasonDisallowed = "disallowed" // robots.txt forbids the URL: it was not requested
	ReasonHTTP4xx    = "http-4xx"   // the server answered 4xx (Error.Status says which)
	ReasonHTTP5xx    = "http-5xx"   // the server (or its robots.txt) answered 5xx
	ReasonTimeout    = "timeout"    // connect, headers or body took too long
	ReasonTooLarge   = "too-large"  // the body, decompressed, passed MaxBytes
	ReasonRedirects  = "redirects"  // too many redirects, a loop, or a redirect without a target
	ReasonNetwork    = "network"    // DNS, refused connection, reset, or the caller's context ended
	ReasonBadURL     = "bad-url"    // not an http or https URL, or unparsable
	ReasonNotHTML    = "not-html"   // a Content-Type that is neither a page nor a feed (image, PDF, …)
)

// Config says how the client behaves. Fields left zero take the Default…
// values.
type Config struct {
	UserAgent    string        // names rasad and the operator's contact
	Delay        time.Duration // between two requests to the same host (per process); < 0 means none
	Timeout      time.Duration // whole request: connect, headers and body
	MaxBytes     int64         // body limit, counted after decompression
	MaxRedirects int           // < 0 means none followed

	// RobotsTTL is how long a host's robots.txt is kept before it is
	// asked for again.
	RobotsTTL time.Duration
	// RobotsRetry is how long an unreadable robots.txt (5xx, timeout)
	// keeps the host closed.
	RobotsRetry time.Duration
	// MaxCrawlDelay caps the Crawl-delay of robots.txt, which otherwise
	// replaces Delay when it is longer.
	MaxCrawlDelay time.Duration

	// OnRequest, when set, is called after every HTTP request the client
	// makes (robots.txt, each redirect hop, the page), for metrics and
	// logs. It must be safe for concurrent use and quick.
	OnRequest func(Request)
}

// Request describes one HTTP request the client made, for OnRequest.
type Request struct {
	URL      string
	Host     string // host[:port], the unit of politeness
	Robots   bool   // a request for robots.txt
	Status   int    // 0 when no response arrived
	Reason   string // "" on success (2xx, 304, a followed redirect), else a Reason…
	Bytes    int64  // body bytes read (decompressed)
	Duration time.Duration
	Waited   time.Duration // from the call to the request: the host's turn, Delay, robots.txt
}

// Validators are what a server gave to make the next request conditional.
type Validators struct{ ETag, LastModified string }

// Page is a fetched page. NotModified pages (HTTP 304) have no Body, and
// their Validators are the ones sent, updated by any the 304 carries. URL
// is the URL asked for, FinalURL the one that answered after redirects.
type Page struct {
	URL, FinalURL string
	Status        int
	NotModified   bool
	Body          []byte
	ContentType   string
	Validators    Validators
	Fetched       time.Time
}

// Error is every failure of Fetch. Reason is one of the Reason… constants.
type Error struct {
	URL, Reason string
	Status      int
	Err         error
	// RetryAfter is how long the server asked us to wait (its
	// Retry-After header on a 429 or 503), zero when it did not say.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	msg := "fetching " + e.URL + ": " + e.Reason
	if e.Status != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Retryable reports whether trying again later may succeed: after a 5xx,
// a timeout or a network failure yes; after a 4xx, a disallowed or bad URL,
// a page too large or a redirect loop no, except for the two 4xx that ask
// for a later try: 408 Request Timeout and 429 Too Many Requests.
func (e *Error) Retryable() bool {
	if e.Reason == ReasonHTTP4xx && (e.Status == http.StatusRequestTimeout || e.Status == http.StatusTooManyRequests) {
		return true
	}
	switch e.Reason {
	case ReasonHTTP5xx, ReasonTimeout, ReasonNetwork:
		return true
	}
	return false
}

// Client fetches pages politely. It is safe for concurrent use; requests
// to one host wait for each other.
type Client struct {
	cfg  Config
	http *http.Client
	now  func() time.Time

	mu    sync.Mutex
	hosts map[string]*host
}

// host is the state kept per origin (scheme://host[:port]).
type host struct {
	// turn holds one token: whoever has taken it may send a request to
	// the host. A channel rather than a mutex so that waiting ends with
	// the caller's context.
	turn chan struct{}
	// delay replaces Config.Delay when not zero (SetHostDelay); guarded
	// by Client.mu.
	delay time.Duration
	// Guarded by turn.
	last        time.Time // end of the last request
	pauseUntil  time.Time // no request before this (a Retry-After)
	robots      *robots
	robotsUntil time.Time
}

// New returns a client for cfg.
func New(cfg Config) *Client {
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.Delay == 0 {
		cfg.Delay = DefaultDelay
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.MaxRedirects == 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.RobotsTTL <= 0 {
		cfg.RobotsTTL = DefaultRobotsTTL
	}
	if cfg.RobotsRetry <= 0 {
		cfg.RobotsRetry = DefaultRobotsRetry
	}
	if cfg.MaxCrawlDelay <= 0 {
		cfg.MaxCrawlDelay = DefaultMaxCrawlDelay
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	connect := min(cfg.Timeout, 10*time.Second)
	tr.DialContext = (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = connect
	tr.ResponseHeaderTimeout = cfg.Timeout
	tr.MaxIdleConnsPerHost = 2
	return &Client{
		cfg: cfg,
		http: &http.Client{
			Transport: tr,
			// Redirects are followed by Fetch itself, so that each hop is
			// checked against robots.txt and waits for its host's turn.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		now:   time.Now,
		hosts: make(map[string]*host),
	}
}

// WithTransport makes the client send its requests through rt (for
// tests) and returns it. Call it before the first Fetch.
func (c *Client) WithTransport(rt http.RoundTripper) *Client {
	c.http.Transport = rt
	return c
}

// Fetch makes one attempt at rawURL: robots.txt is checked first (cached
// per host; a disallowed URL is never requested), requests to one host
// are made one at a time with Config.Delay (or the robots.txt Crawl-delay
// when longer) between them, the request is conditional on prev, and
// redirects are followed up to Config.MaxRedirects, each hop checked
// like the first. Every failure is an *Error; when ctx ends, the error
// wraps ctx.Err() with reason "network" (or "timeout" for a deadline).
func (c *Client) Fetch(ctx context.Context, rawURL string, prev Validators) (*Page, error) {
	u, err := parseHTTP(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Reason: ReasonBadURL, Err: err}
	}
	seen := map[string]bool{u.String(): true}
	for hop := 0; ; hop++ {
		page, next, err := c.attempt(ctx, u, prev)
		if err != nil {
			if err.URL != rawURL && err.Err != nil {
				err.Err = fmt.Errorf("after redirect to %s: %w", err.URL, err.Err)
			}
			err.URL = rawURL
			return nil, err
		}
		if next == nil {
			page.URL = rawURL
			return page, nil
		}
		if hop >= c.cfg.MaxRedirects {
			return nil, &Error{URL: rawURL, Reason: ReasonRedirects,
				Err: fmt.Errorf("more than %d redirects (last to %s)", max(c.cfg.MaxRedirects, 0), next)}
		}
		if seen[next.String()] {
			return nil, &Error{URL: rawURL, Reason: ReasonRedirects, Err: fmt.Errorf("redirect loop back to %s", next)}
		}
		seen[next.String()] = true
		// Validators belong to the URL that was asked; a redirect target
		// is fetched unconditionally.
		u, prev = next, Validators{}
	}
}

// parseHTTP parses an absolute http or https URL.
func parseHTTP(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("scheme %q is not http or https", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("no host")
	}
	return u, nil
}

// attempt makes the request for one hop. It returns the page, or the
// URL a redirect points to, or the failure.
func (c *Client) attempt(ctx context.Context, u *url.URL, prev Validators) (*Page, *url.URL, *Error) {
	h := c.host(u.Scheme + "://" + u.Host)
	begin := c.now()
	if err := c.takeTurn(ctx, h); err != nil {
		return nil, nil, ctxError(u.String(), err)
	}
	defer c.giveTurn(h)

	rb, rerr := c.robotsFor(ctx, u, h, begin)
	if rerr != nil {
		return nil, nil, rerr
	}
	if !rb.allowed(u, c.cfg.UserAgent) {
		return nil, nil, &Error{URL: u.String(), Reason: ReasonDisallowed, Err: errors.New("robots.txt disallows it")}
	}
	if err := c.waitDelay(ctx, h, rb.crawlDelay); err != nil {
		return nil, nil, ctxError(u.String(), err)
	}
	return c.get(ctx, u, h, prev, begin)
}

// get sends the request for the page itself; the caller holds h's turn.
func (c *Client) get(ctx context.Context, u *url.URL, h *host, prev Validators, begin time.Time) (*Page, *url.URL, *Error) {
	started := c.now()
	info := Request{URL: u.String(), Host: u.Host, Waited: started.Sub(begin)}
	report := func(status int, reason string, n int64) {
		h.last = c.now()
		if c.cfg.OnRequest != nil {
			info.Status, info.Reason, info.Bytes, info.Duration = status, reason, n, h.last.Sub(started)
			c.cfg.OnRequest(info)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		report(0, ReasonBadURL, 0)
		return nil, nil, &Error{URL: u.String(), Reason: ReasonBadURL, Err: err}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		e := transportError(u.String(), err)
		report(0, e.Reason, 0)
		return nil, nil, e
	}
	defer resp.Body.Close()
	status := resp.StatusCode
	switch {
	case status == http.StatusNotModified:
		report(status, "", 0)
		return &Page{FinalURL: u.String(), Status: status, NotModified: true,
			Validators: mergeValidators(prev, resp.Header), Fetched: c.now()}, nil, nil
	case status >= 300 && status < 400:
		loc := resp.Header.Get("Location")
		next, err := u.Parse(loc)
		if loc == "" || err != nil {
			report(status, ReasonRedirects, 0)
			return nil, nil, &Error{URL: u.String(), Reason: ReasonRedirects, Status: status,
				Err: fmt.Errorf("redirect with a bad or missing Location %q", loc)}
		}
		if next.Scheme != "http" && next.Scheme != "https" {
			report(status, ReasonBadURL, 0)
			return nil, nil, &Error{URL: u.String(), Reason: ReasonBadURL, Status: status,
				Err: fmt.Errorf("redirect to %s, not http or https", next)}
		}
		next.Fragment, next.RawFragment = "", ""
		report(status, "", 0)
		return nil, next, nil
	case status >= 400:
		reason := ReasonHTTP5xx
		if status < 500 {
			reason = ReasonHTTP4xx
		}
		report(status, reason, 0)
		e := &Error{URL: u.String(), Reason: reason, Status: status, Err: errors.New(http.StatusText(status))}
		if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
			e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), c.now())
			// The host asked for a pause: its next request, whatever
			// the URL, waits for it (up to MaxCrawlDelay).
			if e.RetryAfter > 0 {
				h.pauseUntil = c.now().Add(min(e.RetryAfter, c.cfg.MaxCrawlDelay))
			}
		}
		return nil, nil, e
	case status < 200:
		report(status, ReasonHTTP5xx, 0)
		return nil, nil, &Error{URL: u.String(), Reason: ReasonHTTP5xx, Status: status, Err: errors.New(http.StatusText(status))}
	}
	ctype := resp.Header.Get("Content-Type")
	if !textual(ctype) {
		report(status, ReasonNotHTML, 0)
		return nil, nil, &Error{URL: u.String(), Reason: ReasonNotHTML, Status: status, Err: fmt.Errorf("content type %q", ctype)}
	}
	body, rerr := readLimited(resp, c.cfg.MaxBytes)
	if rerr != nil {
		rerr.URL = u.String()
		rerr.Status = status
		report(status, rerr.Reason, int64(len(body)))
		return nil, nil, rerr
	}
	report(status, "", int64(len(body)))
	return &Page{FinalURL: u.String(), Status: status, Body: body, ContentType: ctype,
		Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
		Fetched:    c.now()}, nil, nil
}

// readLimited reads the body, decompressed (net/http undoes the gzip it
// asked for), failing with too-large past limit bytes.
func readLimited(resp *http.Response, limit int64) ([]byte, *Error) {
	// A plain body's announced length says at once what reading would.
	if !resp.Uncompressed && resp.ContentLength > limit {
		return nil, &Error{Reason: ReasonTooLarge, Err: fmt.Errorf("Content-Length %d is over the limit of %s", resp.ContentLength, size(limit))}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		e := transportError("", err)
		return body, e
	}
	if int64(len(body)) > limit {
		return body[:limit], &Error{Reason: ReasonTooLarge, Err: fmt.Errorf("body (decompressed) is over the limit of %s", size(limit))}
	}
	return body, nil
}

// size writes a byte count for a person: "512 bytes", "10 MiB", "1.5 KiB".
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', -1, 64) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// textual reports whether a Content-Type can be a page or a feed: text,
// HTML, XML or JSON, a gzip file (a sitemap.xml.gz, which feed.Parse
// unzips), or none at all (left to the parsers to judge).
func textual(ctype string) bool {
	if strings.TrimSpace(ctype) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return true // a malformed header says nothing either way
	}
	return strings.HasPrefix(mt, "text/") || strings.Contains(mt, "html") ||
		strings.Contains(mt, "xml") || strings.Contains(mt, "json") ||
		mt == "application/gzip" || mt == "application/x-gzip"
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// mergeValidators keeps the validators sent unless a 304 brings new ones.
func mergeValidators(prev Validators, h http.Header) Validators {
	if v := h.Get("ETag"); v != "" {
		prev.ETag = v
	}
	if v := h.Get("Last-Modified"); v != "" {
		prev.LastModified = v
	}
	return prev
}

// transportError classifies a failure of the request itself.
func transportError(u string, err error) *Error {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &Error{URL: u, Reason: ReasonTimeout, Err: err}
	default:
		return &Error{URL: u, Reason: ReasonNetwork, Err: err}
	}
}

// ctxError is the failure when the caller's context ends while waiting.
func ctxError(u string, err error) *Error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{URL: u, Reason: ReasonTimeout, Err: err}
	}
	return &Error{URL: u, Reason: ReasonNetwork, Err: err}
}

func (c *Client) host(name string) *host {
	name = strings.ToLower(name)
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.hosts[name]
	if !ok {
		h = &host{turn: make(chan struct{}, 1)}
		h.turn <- struct{}{}
		c.hosts[name] = h
	}
	return h
}

// SetHostDelay sets the delay between two requests to the origin
// (scheme://host[:port]) of rawURL, in place of Config.Delay (a source
// that asks to be polled more gently); 0 restores Config.Delay and a
// negative delay means none. One client for all sources keeps requests
// to a host one at a time even when several sources share it.
func (c *Client) SetHostDelay(rawURL string, d time.Duration) error {
	u, err := parseHTTP(rawURL)
	if err != nil {
		return &Error{URL: rawURL, Reason: ReasonBadURL, Err: err}
	}
	h := c.host(u.Scheme + "://" + u.Host)
	c.mu.Lock()
	h.delay = d
	c.mu.Unlock()
	return nil
}

// takeTurn waits until no other request to h is under way.
func (c *Client) takeTurn(ctx context.Context, h *host) error {
	select {
	case <-h.turn:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) giveTurn(h *host) { h.turn <- struct{}{} }

// waitDelay waits, holding h's turn, until the delay since the last
// request to h has passed.
func (c *Client) waitDelay(ctx context.Context, h *host, crawlDelay time.Duration) error {
	c.mu.Lock()
	base := h.delay
	c.mu.Unlock()
	if base == 0 {
		base = c.cfg.Delay
	}
	d := max(base, min(crawlDelay, c.cfg.MaxCrawlDelay))
	if h.last.IsZero() || d <= 0 {
		d = 0
	}
	wait := max(h.last.Add(d).Sub(c.now()), h.pauseUntil.Sub(c.now()))
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
