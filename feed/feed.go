package feed

import (
	"errors"
	"time"
)

// Feed is what one feed or sitemap announces.
type Feed struct {
	Title string
	Items []Item
	// Sitemaps are the child sitemaps of a sitemap index, absolute.
	Sitemaps []string
	// Next is the URL of the next (older) page of a paged feed (an
	// <atom:link rel="next">, RFC 5005), absolute; "" when there is none.
	Next string
}

// Item is one announced article.
type Item struct {
	URL, Title string
	Published  time.Time // zero when the feed gives none
	Summary    string
}

// Parse parses an RSS 2.0, Atom or RDF feed, a sitemap (with news:news
// entries) or a sitemap index. Relative URLs are resolved against baseURL.
func Parse(body []byte, baseURL string) (*Feed, error) {
	return nil, errors.New("feed.Parse: not implemented yet")
}
