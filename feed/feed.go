package feed

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
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
	Summary    string    // plain text (markup removed)
}

// MaxUnzipped is the most a gzipped sitemap may hold once unzipped: the
// sitemap protocol's own limit.
const MaxUnzipped = 50 << 20

// Why a body is not a feed. Parse wraps them with the details.
var (
	ErrEmpty     = errors.New("empty document")
	ErrHTML      = errors.New("an HTML page, not a feed")
	ErrTruncated = errors.New("the document ends before its root element closes (cut off?)")
	ErrUnknown   = errors.New("not RSS, Atom, RDF, JSON Feed or a sitemap")
)

// Parse parses an RSS 2.0, Atom, RDF (RSS 1.0) or JSON feed, a sitemap
// (with news:news entries) or a sitemap index, gzipped or not. Relative
// URLs are resolved against baseURL; items without a URL are left out.
// A body that is not one of these, or is cut off, is an error that says
// why.
func Parse(body []byte, baseURL string) (*Feed, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("feed: base URL %q: %w", baseURL, err)
	}
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		if body, err = gunzip(body); err != nil {
			return nil, fmt.Errorf("feed: %w", err)
		}
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	trimmed = bytes.TrimPrefix(trimmed, []byte("\xEF\xBB\xBF"))
	if len(bytes.TrimSpace(trimmed)) == 0 {
		return nil, fmt.Errorf("feed: %w", ErrEmpty)
	}
	if trimmed[0] == '{' {
		return parseGofeed(body, base, "")
	}
	s, err := scan(body)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	switch s.root {
	case "urlset":
		return parseURLSet(body, base)
	case "sitemapindex":
		return parseSitemapIndex(body, base)
	case "rss", "RDF", "feed":
		return parseGofeed(body, base, s.next)
	case "html":
		return nil, fmt.Errorf("feed: %w", ErrHTML)
	}
	return nil, fmt.Errorf("feed: root element <%s>: %w", s.root, ErrUnknown)
}

// gunzip unzips a gzipped feed or sitemap, up to MaxUnzipped bytes.
func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, MaxUnzipped+1))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if len(out) > MaxUnzipped {
		return nil, fmt.Errorf("gzip: more than %d bytes unzipped", MaxUnzipped)
	}
	return out, nil
}

// scanned is what a first pass over the XML finds.
type scanned struct {
	root string // local name of the root element
	next string // href of a rel="next" link outside the items, as written
}

// scan reads the whole document leniently (bare ampersands and HTML
// entities, which real feeds are full of, pass) and reports
// its root element and its next-page link, or why it is not XML at all:
// gofeed itself would accept a feed cut off half-way and return the items
// before the cut, hiding that the rest are lost.
func scan(body []byte) (scanned, error) {
	var s scanned
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	depth, inItem := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if s.root == "" {
				return s, ErrUnknown
			}
			if depth > 0 {
				line, _ := d.InputPos()
				return s, fmt.Errorf("line %d: %w", line, ErrTruncated)
			}
			return s, nil
		}
		var syn *xml.SyntaxError
		if errors.As(err, &syn) && syn.Msg == "unexpected EOF" && s.root != "" {
			return s, fmt.Errorf("line %d: %w", syn.Line, ErrTruncated)
		}
		if err != nil {
			return s, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if s.root != "" {
					return s, fmt.Errorf("a second root element <%s> after <%s>", t.Name.Local, s.root)
				}
				s.root = t.Name.Local
				if s.root == "html" || s.root == "HTML" {
					return scanned{root: "html"}, nil
				}
			}
			depth++
			switch t.Name.Local {
			case "item", "entry":
				inItem++
			case "link":
				if inItem == 0 && s.next == "" {
					if attr(t, "rel") == "next" {
						s.next = attr(t, "href")
					}
				}
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "item" || t.Name.Local == "entry" {
				inItem = max(0, inItem-1)
			}
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// parseGofeed parses RSS, Atom, RDF and JSON feeds with gofeed.
func parseGofeed(body []byte, base *url.URL, next string) (*Feed, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("feed: %w", ErrUnknown)
		}
		return nil, fmt.Errorf("feed: %w", err)
	}
	out := &Feed{Title: strings.TrimSpace(f.Title)}
	if next != "" {
		out.Next = resolve(base, next)
	}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		if link == "" && looksLikeURL(it.GUID) {
			link = strings.TrimSpace(it.GUID)
		}
		u := resolve(base, link)
		if u == "" {
			continue
		}
		item := Item{URL: u, Title: plain(it.Title), Summary: plain(it.Description)}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

func looksLikeURL(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// resolve makes ref absolute against base; "" when ref is empty or
// cannot be a web address.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	u = base.ResolveReference(u)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// plain turns a title or summary that may hold markup or entities into
// plain text with its white space collapsed.
func plain(s string) string {
	if strings.ContainsAny(s, "<&") {
		var b strings.Builder
		z := html.NewTokenizer(strings.NewReader(s))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			switch tt {
			case html.TextToken:
				b.Write(z.Text())
			case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
				b.WriteByte(' ')
			}
		}
		s = b.String()
	}
	return strings.Join(strings.Fields(s), " ")
}
