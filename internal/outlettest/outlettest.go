package outlettest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Kinds of page, saying how an outlet answers for it.
const (
	KindOK          = "ok"            // a 200 page in UTF-8
	KindWindows1256 = "windows-1256"  // a 200 page in Windows-1256 (charset in a <meta>, or only in the header)
	KindDisallowed  = "disallowed"    // under /private/, which robots.txt disallows
	KindSlow        = "slow"          // a 200 page after Options.SlowDelay
	KindServerError = "5xx"           // always 503
	KindFlaky       = "flaky"         // 503 the first Options.FlakyFailures times, then 200
	KindNotFound    = "404"           // 404
	KindRedirect    = "redirect"      // 301 to a 200 page
	KindLoop        = "redirect-loop" // 302s that come back to where they started
	KindTooLarge    = "too-large"     // a 200 page of TooLargeBytes (gzipped on the wire when the client accepts it)
	KindNotHTML     = "not-html"      // a PDF
)

// knownKind reports whether kind is one of the Kind… constants.
func knownKind(kind string) bool {
	switch kind {
	case KindOK, KindWindows1256, KindDisallowed, KindSlow, KindServerError,
		KindFlaky, KindNotFound, KindRedirect, KindLoop, KindTooLarge, KindNotHTML:
		return true
	}
	return false
}

// TooLargeBytes is the size of a too-large page: over fetch's default
// limit of 10 MiB.
const TooLargeBytes = 11 << 20

// Fetched reports whether a page of this kind ends as an article a
// well-behaved watcher stores: ok, Windows-1256, slow, flaky (after
// retries) and redirected pages do; the rest never do.
func Fetched(kind string) bool {
	switch kind {
	case KindOK, KindWindows1256, KindSlow, KindFlaky, KindRedirect:
		return true
	}
	return false
}

// Options configure a Server. The zero value plays the built-in outlets
// with their built-in articles.
type Options struct {
	// Corpora are JSON Lines files (.jsonl or .jsonl.gz, the shared news
	// corpora's format: id, source, date or date_extracted, title,
	// content) whose records become the articles, one outlet per
	// "source", instead of the built-in ones. A record's "kind" says how
	// its page answers (ok when absent).
	Corpora []string
	// PageSize is how many items a feed page or a child sitemap lists
	// (default 100). Feeds are paged newest first: ?page=1 is the next
	// older page, linked from each page with rel="next".
	PageSize int
	// SlowDelay is how long slow pages take (default 2s); SlowAll makes
	// every article page that slow.
	SlowDelay time.Duration
	SlowAll   bool
	// FlakyFailures is how many 503s a flaky page gives before its 200
	// (default 2).
	FlakyFailures int
	// CrawlDelay is the Crawl-delay robots.txt asks (none when zero).
	CrawlDelay time.Duration
	// Addr is host:port for the first outlet's listener, the others
	// taking the following ports, when set; else every outlet listens on
	// a free port of 127.0.0.1.
	Addr string
	// NoRequestLog keeps no log (for long benchmark runs).
	NoRequestLog bool
	// Every, when set, makes the outlets live: they start empty and one
	// article appears every Every, oldest publication date first, across
	// all outlets. Feeds list only the articles that have appeared, and
	// the pages of the others answer 404. Page.Appears says when each
	// appears, to measure how long a watcher takes to store it.
	Every time.Duration
}

// Outlet is one outlet the server plays, on its own host:port, so that
// per-host politeness and robots.txt apply to each separately.
type Outlet struct {
	Name    string
	BaseURL string // http://127.0.0.1:PORT
	// Feeds are the URLs of its feeds by format: "rss", "atom", "rdf",
	// "sitemap" (a news urlset), "sitemap-index" (of every sitemap page).
	// Each lists every page of the outlet.
	Feeds map[string]string
}

// Page is one article page an outlet serves.
type Page struct {
	Outlet    string
	URL       string // as the feeds list it
	Kind      string // Kind…
	ID        string
	Title     string
	Body      string // the article's text, paragraphs separated by "\n"
	Published time.Time
	// Appears is when the page appears in the feeds with Options.Every;
	// zero when it is there from the start.
	Appears time.Time
}

// Request is one request the server received.
type Request struct {
	Time      time.Time // when it arrived
	Done      time.Time // when it was answered
	Outlet    string
	Method    string
	URL       string // absolute
	UserAgent string
	Header    http.Header
	Status    int // what it answered
}

// Server is the running outlets. Close it when done.
type Server struct {
	opts    Options
	outlets []*outlet

	mu      sync.Mutex
	log     []Request
	failed  map[string]int // flaky pages: 503s given so far, by URL
	tooBig  []byte         // built once, when first asked for
	tooOnce sync.Once
	// gzips are reused gzip writers: a new one costs a megabyte, more
	// than the page it compresses.
	gzips sync.Pool
}

// outlet is one outlet's state.
type outlet struct {
	Outlet
	srv    *httptest.Server
	pages  []*Page          // newest first
	byPath map[string]*Page // by the path of the URL it is served at
}

// New starts the outlets.
func New(opts Options) (*Server, error) {
	if opts.PageSize <= 0 {
		opts.PageSize = 100
	}
	if opts.SlowDelay <= 0 {
		opts.SlowDelay = 2 * time.Second
	}
	if opts.FlakyFailures <= 0 {
		opts.FlakyFailures = 2
	}
	pages, err := loadPages(opts.Corpora)
	if err != nil {
		return nil, fmt.Errorf("outlettest: %w", err)
	}
	s := &Server{opts: opts, failed: make(map[string]int)}
	byOutlet := make(map[string][]*Page)
	for i := range pages {
		byOutlet[pages[i].Outlet] = append(byOutlet[pages[i].Outlet], &pages[i])
	}
	names := make([]string, 0, len(byOutlet))
	for name := range byOutlet {
		names = append(names, name)
	}
	slices.Sort(names)
	host, port := "127.0.0.1", 0
	if opts.Addr != "" {
		h, p, err := net.SplitHostPort(opts.Addr)
		if err != nil {
			return nil, fmt.Errorf("outlettest: address %q: %w", opts.Addr, err)
		}
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("outlettest: address %q: port: %w", opts.Addr, err)
		}
		host = h
	}
	for i, name := range names {
		addr := net.JoinHostPort(host, "0")
		if port != 0 {
			addr = net.JoinHostPort(host, strconv.Itoa(port+i))
		}
		l, err := net.Listen("tcp", addr)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("outlettest: outlet %s: %w", name, err)
		}
		o := &outlet{Outlet: Outlet{Name: name}, pages: byOutlet[name], byPath: make(map[string]*Page)}
		o.srv = &httptest.Server{Listener: l, Config: &http.Server{Handler: s.handler(o)}}
		o.srv.Start()
		o.BaseURL = o.srv.URL
		o.Feeds = map[string]string{
			"rss":           o.BaseURL + "/rss.xml",
			"atom":          o.BaseURL + "/atom.xml",
			"rdf":           o.BaseURL + "/rdf.xml",
			"sitemap":       o.BaseURL + "/sitemap.xml",
			"sitemap-index": o.BaseURL + "/sitemap-index.xml",
		}
		slices.SortStableFunc(o.pages, func(a, b *Page) int { return olderFirst(b, a) })
		for _, p := range o.pages {
			path := pagePath(p)
			p.URL = o.BaseURL + path
			o.byPath[path] = p
		}
		s.outlets = append(s.outlets, o)
	}
	if opts.Every > 0 {
		order := make([]*Page, len(pages))
		for i := range pages {
			order[i] = &pages[i]
		}
		slices.SortFunc(order, olderFirst)
		start := time.Now()
		for i, p := range order {
			p.Appears = start.Add(time.Duration(i) * opts.Every)
		}
	}
	return s, nil
}

// olderFirst orders pages by publication date, then ID: the order in
// which they appear with Options.Every; feeds list them the other way.
func olderFirst(a, b *Page) int {
	if c := a.Published.Compare(b.Published); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// visible returns the outlet's pages that have appeared by now, newest
// first.
func (o *outlet) visible(now time.Time) []*Page {
	// Newest first is latest to appear first, so those that have
	// appeared are a tail.
	k, _ := slices.BinarySearchFunc(o.pages, now, func(p *Page, now time.Time) int {
		if p.Appears.After(now) {
			return -1
		}
		return 1
	})
	return o.pages[k:]
}

// Start starts the outlets for a test and closes them when it ends.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s, err := New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Close)
	return s
}

// pagePath is where the feeds say a page is.
func pagePath(p *Page) string {
	switch p.Kind {
	case KindDisallowed:
		return "/private/" + p.ID + ".html"
	case KindRedirect:
		return "/go/" + p.ID
	case KindLoop:
		return "/loop/" + p.ID
	case KindNotHTML:
		return "/files/" + p.ID + ".pdf"
	}
	return "/news/" + p.ID + ".html"
}

// Close stops every outlet.
func (s *Server) Close() {
	for _, o := range s.outlets {
		o.srv.Close()
	}
}

// Outlets lists the outlets, by name.
func (s *Server) Outlets() []Outlet {
	out := make([]Outlet, len(s.outlets))
	for i, o := range s.outlets {
		out[i] = o.Outlet
		out[i].Feeds = make(map[string]string, len(o.Feeds))
		for k, v := range o.Feeds {
			out[i].Feeds[k] = v
		}
	}
	return out
}

// Pages lists every article page, outlet by outlet, newest first.
func (s *Server) Pages() []Page {
	var out []Page
	for _, o := range s.outlets {
		for _, p := range o.pages {
			out = append(out, *p)
		}
	}
	return out
}

// BrokenFeedURL is a feed (of the first outlet) that is not XML a parser
// can read: it stops in the middle of an item.
func (s *Server) BrokenFeedURL() string {
	if len(s.outlets) == 0 {
		return ""
	}
	return s.outlets[0].BaseURL + "/broken.xml"
}

// Requests returns a copy of the request log, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Requested reports how many requests asked for the absolute URL (with
// its query, if any).
func (s *Server) Requested(url string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.log {
		if r.URL == url {
			n++
		}
	}
	return n
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// handler serves one outlet and logs every request.
func (s *Server) handler(o *outlet) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		at := time.Now()
		s.serve(o, sw, r)
		if s.opts.NoRequestLog {
			return
		}
		s.mu.Lock()
		s.log = append(s.log, Request{
			Time: at, Done: time.Now(), Outlet: o.Name, Method: r.Method, URL: o.BaseURL + r.URL.RequestURI(),
			UserAgent: r.UserAgent(), Header: r.Header.Clone(), Status: sw.status,
		})
		s.mu.Unlock()
	})
}

func (s *Server) serve(o *outlet, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	path := r.URL.Path
	page := 0
	if v := r.URL.Query().Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			http.Error(w, "bad page", http.StatusBadRequest)
			return
		}
		page = n
	}
	switch path {
	case "/robots.txt":
		s.send(w, r, "text/plain; charset=utf-8", []byte(s.robots(o)), time.Time{})
		return
	case "/rss.xml", "/atom.xml", "/rdf.xml", "/sitemap.xml", "/sitemap-index.xml":
		body, modified, ok := s.feed(o, path, page)
		if !ok {
			http.NotFound(w, r)
			return
		}
		ctype := "application/xml; charset=utf-8"
		switch path {
		case "/rss.xml":
			ctype = "application/rss+xml; charset=utf-8"
		case "/atom.xml":
			ctype = "application/atom+xml; charset=utf-8"
		case "/rdf.xml":
			ctype = "application/rdf+xml; charset=utf-8"
		}
		s.send(w, r, ctype, body, modified)
		return
	case "/broken.xml":
		s.send(w, r, "application/rss+xml; charset=utf-8", brokenFeed(o), time.Time{})
		return
	}
	if p, ok := o.byPath[path]; ok && !p.Appears.After(time.Now()) {
		s.article(o, p, w, r)
		return
	}
	// The second hops of redirects.
	switch {
	case strings.HasPrefix(path, "/news/") && strings.HasSuffix(path, ".html"):
		id := strings.TrimSuffix(strings.TrimPrefix(path, "/news/"), ".html")
		if p, ok := o.byPath["/go/"+id]; ok && !p.Appears.After(time.Now()) {
			s.sendPage(w, r, p, false)
			return
		}
	case strings.HasPrefix(path, "/loop/") && strings.HasSuffix(path, "/again"):
		if _, ok := o.byPath[strings.TrimSuffix(path, "/again")]; ok {
			http.Redirect(w, r, strings.TrimSuffix(path, "/again"), http.StatusFound)
			return
		}
	}
	http.NotFound(w, r)
}

// article answers for a page as its kind says.
func (s *Server) article(o *outlet, p *Page, w http.ResponseWriter, r *http.Request) {
	switch p.Kind {
	case KindServerError:
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
		return
	case KindFlaky:
		s.mu.Lock()
		n := s.failed[p.URL]
		if n < s.opts.FlakyFailures {
			s.failed[p.URL] = n + 1
		}
		s.mu.Unlock()
		if n < s.opts.FlakyFailures {
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
	case KindNotFound:
		http.NotFound(w, r)
		return
	case KindRedirect:
		http.Redirect(w, r, "/news/"+p.ID+".html", http.StatusMovedPermanently)
		return
	case KindLoop:
		http.Redirect(w, r, "/loop/"+p.ID+"/again", http.StatusFound)
		return
	case KindNotHTML:
		s.send(w, r, "application/pdf", []byte("%PDF-1.4\n% rasad test file\n"), p.Published)
		return
	case KindTooLarge:
		s.tooOnce.Do(func() { s.tooBig = tooLargePage(p) })
		s.send(w, r, "text/html; charset=utf-8", s.tooBig, p.Published)
		return
	}
	s.sendPage(w, r, p, p.Kind == KindSlow)
}

// sendPage writes an article page, after SlowDelay when slow.
func (s *Server) sendPage(w http.ResponseWriter, r *http.Request, p *Page, slow bool) {
	if slow || s.opts.SlowAll {
		t := time.NewTimer(s.opts.SlowDelay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	body, ctype := renderPage(p)
	s.send(w, r, ctype, body, p.Published)
}

// send writes body with validators (an ETag of its bytes, Last-Modified
// when modified is set), answering 304 to a request that has them, and
// gzipped when the client accepts it.
func (s *Server) send(w http.ResponseWriter, r *http.Request, ctype string, body []byte, modified time.Time) {
	h := fnv.New64a()
	h.Write(body)
	etag := fmt.Sprintf(`"%016x"`, h.Sum64())
	w.Header().Set("ETag", etag)
	if !modified.IsZero() {
		w.Header().Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if notModified(r, etag, modified) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Vary", "Accept-Encoding")
	if len(body) > 1024 && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var buf bytes.Buffer
		zw, ok := s.gzips.Get().(*gzip.Writer)
		if ok {
			zw.Reset(&buf)
		} else {
			zw, _ = gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		}
		zw.Write(body)
		zw.Close()
		s.gzips.Put(zw)
		body = buf.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notModified applies If-None-Match, else If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for tag := range strings.SplitSeq(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == etag || tag == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.Truncate(time.Second).After(t)
	}
	return false
}

// robots is an outlet's robots.txt: /private/ disallowed to all, the
// whole site to BadBot, the Crawl-delay of the options, and the sitemap
// index.
func (s *Server) robots(o *outlet) string {
	var b strings.Builder
	b.WriteString("# Outlets played by rasad's tests.\nUser-agent: *\nDisallow: /private/\nAllow: /\n")
	if s.opts.CrawlDelay > 0 {
		fmt.Fprintf(&b, "Crawl-delay: %g\n", s.opts.CrawlDelay.Seconds())
	}
	b.WriteString("\nUser-agent: BadBot\nDisallow: /\n")
	fmt.Fprintf(&b, "\nSitemap: %s\n", o.Feeds["sitemap-index"])
	return b.String()
}
