package outlettest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// renderPage writes an article page as an outlet's site would, with a
// menu and a footer around the article. Windows-1256 pages whose ID ends
// in an even digit declare their charset in a <meta>, the others only in
// the Content-Type header.
func renderPage(p *Page) ([]byte, string) {
	charset := "utf-8"
	metaCharset := `<meta charset="utf-8">`
	ctype := "text/html; charset=utf-8"
	if p.Kind == KindWindows1256 {
		charset = "windows-1256"
		if last := p.ID[len(p.ID)-1]; last >= '0' && last <= '9' && (last-'0')%2 == 0 {
			metaCharset = `<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`
			ctype = "text/html"
		} else {
			metaCharset = ""
			ctype = "text/html; charset=windows-1256"
		}
	}
	var b strings.Builder
	pub := p.Published.UTC().Format(time.RFC3339)
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
%s
<title>%s | %s</title>
<meta property="og:title" content="%s">
<meta property="article:published_time" content="%s">
</head>
<body>
<header><nav><a href="/">الرئيسية</a> | <a href="/rss.xml">أخبار محلية</a> | <a href="/rss.xml">عربي ودولي</a> | <a href="/rss.xml">اقتصاد</a></nav></header>
<main>
<article>
%s
<div class="byline"><time datetime="%s">%s</time></div>
`, metaCharset, html.EscapeString(p.Title), html.EscapeString(p.Outlet), html.EscapeString(p.Title), pub,
		heading(p.Title), pub, p.Published.UTC().Format("2006-01-02 15:04"))
	for para := range strings.SplitSeq(p.Body, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(para))
		}
	}
	fmt.Fprintf(&b, `</article>
<aside><h2>الأكثر قراءة</h2><ul><li><a href="/rss.xml">تابعونا على الشبكات الاجتماعية</a></li></ul></aside>
</main>
<footer><p>جميع الحقوق محفوظة لموقع %s</p></footer>
</body>
</html>
`, html.EscapeString(p.Outlet))
	if charset == "windows-1256" {
		// Every letter of the articles is in Windows-1256; a letter that
		// is not would be a mistake in the test data.
		enc, err := charmap.Windows1256.NewEncoder().String(b.String())
		if err != nil {
			panic(fmt.Sprintf("outlettest: page %s is not encodable in Windows-1256: %v", p.ID, err))
		}
		return []byte(enc), ctype
	}
	return []byte(b.String()), ctype
}

// heading is the <h1> of a page, none when it has no title.
func heading(title string) string {
	if title == "" {
		return ""
	}
	return "<h1>" + html.EscapeString(title) + "</h1>"
}

// tooLargePage is an article padded past TooLargeBytes with paragraphs
// that compress well, as a page with a huge inline payload would.
func tooLargePage(p *Page) []byte {
	page, _ := renderPage(&Page{Outlet: p.Outlet, ID: p.ID, Title: p.Title, Body: p.Body, Published: p.Published})
	filler := []byte("<p>" + html.EscapeString(p.Body) + "</p>\n")
	var b bytes.Buffer
	b.Grow(TooLargeBytes + len(page))
	b.Write(page[:bytes.Index(page, []byte("</article>"))])
	for b.Len() < TooLargeBytes {
		b.Write(filler)
	}
	b.WriteString("</article></main></body></html>\n")
	return b.Bytes()
}

// esc escapes text for XML.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// summary is the first paragraph of an article.
func summary(p *Page) string {
	first, _, _ := strings.Cut(p.Body, "\n")
	return first
}

// feed renders one page of a feed, newest items first; ok is false past
// the last page. modified is the newest item's date.
func (s *Server) feed(o *outlet, path string, page int) (body []byte, modified time.Time, ok bool) {
	size := s.opts.PageSize
	all := o.visible(time.Now())
	pages := max(1, (len(all)+size-1)/size)
	if path == "/sitemap-index.xml" {
		if page != 0 {
			return nil, time.Time{}, false
		}
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i := range pages {
			lo := i * size
			last := ""
			if lo < len(all) {
				last = all[lo].Published.UTC().Format(time.RFC3339)
			}
			fmt.Fprintf(&b, "<sitemap><loc>%s/sitemap.xml?page=%d</loc><lastmod>%s</lastmod></sitemap>\n", o.BaseURL, i, last)
		}
		b.WriteString("</sitemapindex>\n")
		return []byte(b.String()), lastModified(all), true
	}
	if page >= pages {
		return nil, time.Time{}, false
	}
	items := all[page*size : min(len(all), (page+1)*size)]
	// Every page of a feed changes when an item appears at its head.
	modified = lastModified(all)
	next := ""
	if page+1 < pages {
		next = fmt.Sprintf("%s%s?page=%d", o.BaseURL, path, page+1)
	}
	self := o.BaseURL + path
	if page > 0 {
		self = fmt.Sprintf("%s?page=%d", self, page)
	}
	title := o.Name + ": آخر الأخبار"
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	switch path {
	case "/rss.xml":
		b.WriteString(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` + "\n")
		fmt.Fprintf(&b, "<title>%s</title>\n<link>%s/</link>\n<description>%s</description>\n<language>ar</language>\n",
			esc(title), o.BaseURL, esc("أخبار "+o.Name))
		fmt.Fprintf(&b, `<atom:link rel="self" href="%s"/>`+"\n", esc(self))
		if next != "" {
			fmt.Fprintf(&b, `<atom:link rel="next" href="%s"/>`+"\n", esc(next))
		}
		for _, p := range items {
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"true\">%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
				esc(p.Title), esc(p.URL), esc(p.URL), p.Published.UTC().Format(time.RFC1123Z), esc(summary(p)))
		}
		b.WriteString("</channel></rss>\n")
	case "/atom.xml":
		b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">` + "\n")
		fmt.Fprintf(&b, "<title>%s</title>\n<id>%s/</id>\n<updated>%s</updated>\n<link rel=\"self\" href=\"%s\"/>\n",
			esc(title), o.BaseURL, modified.UTC().Format(time.RFC3339), esc(self))
		if next != "" {
			fmt.Fprintf(&b, "<link rel=\"next\" href=\"%s\"/>\n", esc(next))
		}
		for _, p := range items {
			// Relative links, as many Atom feeds have, resolved against
			// the feed's URL.
			rel := strings.TrimPrefix(p.URL, o.BaseURL)
			fmt.Fprintf(&b, "<entry><title>%s</title><link rel=\"alternate\" href=\"%s\"/><id>%s</id><published>%s</published><updated>%s</updated><summary>%s</summary></entry>\n",
				esc(p.Title), esc(rel), esc(p.URL), p.Published.UTC().Format(time.RFC3339),
				p.Published.UTC().Format(time.RFC3339), esc(summary(p)))
		}
		b.WriteString("</feed>\n")
	case "/rdf.xml":
		b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">` + "\n")
		fmt.Fprintf(&b, "<channel rdf:about=\"%s\"><title>%s</title><link>%s/</link><description>%s</description>",
			esc(self), esc(title), o.BaseURL, esc("أخبار "+o.Name))
		if next != "" {
			fmt.Fprintf(&b, `<atom:link rel="next" href="%s"/>`, esc(next))
		}
		b.WriteString("<items><rdf:Seq>")
		for _, p := range items {
			fmt.Fprintf(&b, `<rdf:li rdf:resource="%s"/>`, esc(p.URL))
		}
		b.WriteString("</rdf:Seq></items></channel>\n")
		for _, p := range items {
			fmt.Fprintf(&b, "<item rdf:about=\"%s\"><title>%s</title><link>%s</link><dc:date>%s</dc:date><description>%s</description></item>\n",
				esc(p.URL), esc(p.Title), esc(p.URL), p.Published.UTC().Format(time.RFC3339), esc(summary(p)))
		}
		b.WriteString("</rdf:RDF>\n")
	case "/sitemap.xml":
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
		for _, p := range items {
			fmt.Fprintf(&b, "<url><loc>%s</loc><lastmod>%s</lastmod><news:news><news:publication><news:name>%s</news:name><news:language>ar</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
				esc(p.URL), p.Published.UTC().Format(time.RFC3339), esc(o.Name), p.Published.UTC().Format(time.RFC3339), esc(p.Title))
		}
		b.WriteString("</urlset>\n")
	}
	return []byte(b.String()), modified, true
}

// lastModified is when a list of pages, newest first, last changed: its
// newest page's date, or when that page appeared if later.
func lastModified(pages []*Page) time.Time {
	if len(pages) == 0 {
		return time.Time{}
	}
	if pages[0].Appears.After(pages[0].Published) {
		return pages[0].Appears
	}
	return pages[0].Published
}

// brokenFeed is an RSS feed cut off in the middle of an item, with a bare
// ampersand before the cut, as a crashed publishing script leaves it.
func brokenFeed(o *outlet) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>` + esc(o.Name) + `: آخر الأخبار</title>
<item><title>أمطار & سيول في الجنوب</title><link>` + o.BaseURL + `/news/cut.html</link>
<description>انقطع الملف هنا`)
}
