package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// urlset is a sitemap, with the news extension
// (https://www.google.com/schemas/sitemap-news/0.9).
type urlset struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    *struct {
			PublicationDate string `xml:"publication_date"`
			Title           string `xml:"title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
}

type sitemapIndex struct {
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func decodeXML(body []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	return d.Decode(v)
}

// parseURLSet reads a sitemap: every <url> is an item, its date the news
// publication date, else its lastmod.
func parseURLSet(body []byte, base *url.URL) (*Feed, error) {
	var set urlset
	if err := decodeXML(body, &set); err != nil {
		return nil, fmt.Errorf("feed: sitemap: %w", err)
	}
	out := &Feed{}
	for _, u := range set.URLs {
		loc := resolve(base, u.Loc)
		if loc == "" {
			continue
		}
		item := Item{URL: loc}
		date := u.LastMod
		if u.News != nil {
			item.Title = plain(u.News.Title)
			if d := strings.TrimSpace(u.News.PublicationDate); d != "" {
				date = d
			}
		}
		item.Published, _ = parseW3CDate(date)
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// parseSitemapIndex reads a sitemap index into its children.
func parseSitemapIndex(body []byte, base *url.URL) (*Feed, error) {
	var idx sitemapIndex
	if err := decodeXML(body, &idx); err != nil {
		return nil, fmt.Errorf("feed: sitemap index: %w", err)
	}
	out := &Feed{}
	for _, s := range idx.Sitemaps {
		if loc := resolve(base, s.Loc); loc != "" {
			out.Sitemaps = append(out.Sitemaps, loc)
		}
	}
	return out, nil
}

// parseW3CDate parses a sitemap date; a date without a zone is UTC.
func parseW3CDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	// The forms of the W3C date-time profile that sitemaps use, and a
	// space instead of the "T" as some write it.
	layouts := [...]string{
		time.RFC3339Nano,
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05",
		"2006-01-02",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
