package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

// robots is what a host's robots.txt says to us.
type robots struct {
	data       *robotstxt.RobotsData // nil: everything allowed
	crawlDelay time.Duration
	// fail is set when robots.txt could not be read (5xx, timeout,
	// network): until it can, the host is closed, as Google does, and
	// its pages fail with this reason, retryable.
	fail *Error
}

// allowed reports whether u may be requested. Rules are matched as
// written, so a rule with a raw Arabic path would not match the
// percent-encoded path of the request: the path is tested in both
// spellings, and is allowed only when both are.
func (r *robots) allowed(u *url.URL, agent string) bool {
	if r.data == nil {
		return true
	}
	escaped, raw := u.EscapedPath(), u.Path
	if escaped == "" {
		escaped, raw = "/", "/"
	}
	if u.RawQuery != "" {
		escaped += "?" + u.RawQuery
		if q, err := url.QueryUnescape(u.RawQuery); err == nil {
			raw += "?" + q
		} else {
			raw += "?" + u.RawQuery
		}
	}
	if !r.data.TestAgent(escaped, agent) {
		return false
	}
	return raw == escaped || r.data.TestAgent(raw, agent)
}

// robotsFor returns the robots.txt rules of u's origin, from the cache or
// asked for now; the caller holds h's turn. It fails when robots.txt
// could not be read, so that no page of the host is requested.
func (c *Client) robotsFor(ctx context.Context, u *url.URL, h *host, begin time.Time) (*robots, *Error) {
	if h.robots == nil || !c.now().Before(h.robotsUntil) {
		h.robots = c.readRobots(ctx, u, h, begin)
		ttl := c.cfg.RobotsTTL
		if h.robots.fail != nil {
			ttl = c.cfg.RobotsRetry
		}
		h.robotsUntil = c.now().Add(ttl)
		if ctx.Err() != nil {
			// The caller gave up while robots.txt was being read: this
			// says nothing about the host, so ask again next time.
			h.robotsUntil = time.Time{}
		}
	}
	if f := h.robots.fail; f != nil {
		return nil, &Error{URL: u.String(), Reason: f.Reason, Status: f.Status, Err: f}
	}
	return h.robots, nil
}

// robotsRedirects is how many redirects of robots.txt are followed
// (Google's figure) before the file counts as missing.
const robotsRedirects = 5

// readRobots asks for robots.txt: 2xx gives its rules, 4xx (or too many
// redirects) allows everything, 5xx, a timeout or a network failure
// closes the host for now.
func (c *Client) readRobots(ctx context.Context, u *url.URL, h *host, begin time.Time) *robots {
	target := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	for range robotsRedirects + 1 {
		if err := c.waitDelay(ctx, h, 0); err != nil {
			return &robots{fail: ctxError(target.String(), err)}
		}
		status, body, next, ferr := c.getRobots(ctx, target, h, begin)
		begin = c.now()
		switch {
		case ferr != nil:
			return &robots{fail: ferr}
		case next != nil:
			target = next
			continue
		case status >= 200 && status < 300:
			data, err := robotstxt.FromBytes(body)
			if err != nil {
				// A file with lines the parser rejects is treated as
				// no file, like one that is missing, rather than closing
				// the site for good.
				return &robots{}
			}
			r := &robots{data: data}
			if g := data.FindGroup(c.cfg.UserAgent); g != nil {
				r.crawlDelay = g.CrawlDelay
			}
			return r
		case status >= 400 && status < 500:
			return &robots{}
		default:
			return &robots{fail: &Error{URL: target.String(), Reason: ReasonHTTP5xx, Status: status,
				Err: fmt.Errorf("robots.txt answered %d: the host is closed for now", status)}}
		}
	}
	return &robots{}
}

// getRobots makes one request for a robots.txt.
func (c *Client) getRobots(ctx context.Context, target *url.URL, h *host, begin time.Time) (int, []byte, *url.URL, *Error) {
	started := c.now()
	info := Request{URL: target.String(), Host: target.Host, Robots: true, Waited: started.Sub(begin)}
	report := func(status int, reason string, n int) {
		h.last = c.now()
		if c.cfg.OnRequest != nil {
			info.Status, info.Reason, info.Bytes, info.Duration = status, reason, int64(n), h.last.Sub(started)
			c.cfg.OnRequest(info)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		report(0, ReasonBadURL, 0)
		return 0, nil, nil, &Error{URL: target.String(), Reason: ReasonBadURL, Err: err}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		e := transportError(target.String(), err)
		e.Err = fmt.Errorf("robots.txt: %w", e.Err)
		report(0, e.Reason, 0)
		return 0, nil, nil, e
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		next, err := target.Parse(resp.Header.Get("Location"))
		report(resp.StatusCode, "", 0)
		if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
			return http.StatusNotFound, nil, nil, nil
		}
		return resp.StatusCode, nil, next, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
	if err != nil {
		e := transportError(target.String(), err)
		e.Err = fmt.Errorf("robots.txt: %w", e.Err)
		report(resp.StatusCode, e.Reason, len(body))
		return 0, nil, nil, e
	}
	report(resp.StatusCode, "", len(body))
	return resp.StatusCode, body, nil, nil
}
