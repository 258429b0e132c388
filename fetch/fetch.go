package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"
)

// Config says how the client behaves; see the Default… constants for the
// values used when a field is zero.
type Config struct {
	UserAgent    string        // names rasad and the operator's contact
	Delay        time.Duration // between two requests to the same host (per process)
	Timeout      time.Duration // whole request
	MaxBytes     int64         // body limit
	MaxRedirects int
}

// Validators are what a server gave to make the next request conditional.
type Validators struct{ ETag, LastModified string }

// Page is a fetched page, or a 304 (NotModified, no Body).
type Page struct {
	URL, FinalURL string
	Status        int
	NotModified   bool
	Body          []byte
	ContentType   string
	Validators    Validators
	Fetched       time.Time
}

// Error is every failure of Fetch.
type Error struct {
	URL, Reason string
	Status      int
	Err         error
}

func (e *Error) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("fetching %s: %s (HTTP %d)", e.URL, e.Reason, e.Status)
	}
	return fmt.Sprintf("fetching %s: %s: %v", e.URL, e.Reason, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Retryable reports whether trying again later may succeed.
func (e *Error) Retryable() bool {
	switch e.Reason {
	case "http-5xx", "timeout", "network":
		return true
	}
	return false
}

// Client is safe for concurrent use.
type Client struct {
	cfg       Config
	transport http.RoundTripper
}

// New returns a client.
func New(cfg Config) *Client { return &Client{cfg: cfg, transport: http.DefaultTransport} }

// WithTransport sets the transport (for tests) and returns c.
func (c *Client) WithTransport(rt http.RoundTripper) *Client { c.transport = rt; return c }

// Fetch makes one attempt at url.
func (c *Client) Fetch(ctx context.Context, url string, prev Validators) (*Page, error) {
	return nil, &Error{URL: url, Reason: "network", Err: errors.New("not implemented yet")}
}

// Backoff is the wait before retry number attempt (0 for the first retry):
// exponential with full jitter.
func Backoff(attempt int, base, max time.Duration, rnd *rand.Rand) time.Duration {
	return base
}

// NormalizeURL returns the canonical form of an article URL.
func NormalizeURL(raw string) (string, error) { return raw, nil }
