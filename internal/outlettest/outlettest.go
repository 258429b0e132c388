package outlettest

import (
	"net/http"
	"sync"
	"time"
)

// Kinds of page, saying how an outlet answers for it.
const (
	KindOK          = "ok"           // a 200 page in UTF-8
	KindWindows1256 = "windows-1256" // a 200 page in Windows-1256
	KindDisallowed  = "disallowed"   // under a path robots.txt disallows
	KindSlow        = "slow"         // answers after Options.SlowDelay
	KindServerError = "5xx"          // always 503
	KindFlaky       = "flaky"        // 503 the first Options.FlakyFailures times, then 200
	KindNotFound    = "404"          // 404
	KindRedirect    = "redirect"     // 301 to an ok page (counts as ok)
	KindLoop        = "redirect-loop"
)

// Options configure a Server. The zero value plays the built-in outlets
// with their built-in articles.
type Options struct {
	// Corpora are JSON Lines files (.jsonl or .jsonl.gz, the shared news
	// corpora's format) whose records become the articles, one outlet per
	// "source", instead of the built-in ones; with them the outlets serve
	// only ok pages.
	Corpora []string
	// PageSize is how many items a feed page or child sitemap lists
	// (default 100).
	PageSize int
	// SlowDelay is how long slow pages take (default 2s); SlowAll makes
	// every article page that slow.
	SlowDelay time.Duration
	SlowAll   bool
	// FlakyFailures is how many 503s a flaky page gives before its 200
	// (default 2).
	FlakyFailures int
	// CrawlDelay is what robots.txt asks (default none).
	CrawlDelay time.Duration
	// Addr is host:port for the first outlet's listener (the others take
	// the following ports) when not empty; else each outlet listens on a
	// free port of 127.0.0.1.
	Addr string
}

// Outlet is one outlet the server plays, on its own host:port.
type Outlet struct {
	Name    string
	BaseURL string // http://127.0.0.1:PORT
	// Feeds are the URLs of its feeds by format: "rss", "atom", "rdf",
	// "sitemap" (a news urlset), "sitemap-index".
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
}

// Request is one request the server received.
type Request struct {
	Time      time.Time
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
	outlets []Outlet
	pages   []Page
	mu      sync.Mutex
	log     []Request
}

// New starts the outlets.
func New(opts Options) (*Server, error) { return &Server{opts: opts}, nil }

// Close stops every outlet.
func (s *Server) Close() {}

// Outlets lists the outlets in a fixed order.
func (s *Server) Outlets() []Outlet { return s.outlets }

// Pages lists every article page in a fixed order.
func (s *Server) Pages() []Page { return s.pages }

// BrokenFeedURL is a feed that is not XML a parser can read.
func (s *Server) BrokenFeedURL() string { return "" }

// Requests returns a copy of the request log, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}
