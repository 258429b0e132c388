package clean

import (
	"cmp"
	"fmt"
	stdhtml "html"
	"index/suffixarray"
	nurl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/rasad/rasad/document"
)

const (
	// minBodyRunes is how much text an extraction must hold to count as
	// having found the article; below it the fallback extractor is tried.
	// It is trafilatura's own threshold (Config.MinExtractedSize).
	minBodyRunes = 250

	// dumpLineRunes: an extraction whose longest line is this long and holds
	// most of its text is a dump of the whole page (trafilatura's last-resort
	// "baseline" gives one paragraph of all the page's text), not an
	// article's paragraphs; the fallback extractor is tried.
	dumpLineRunes = 1500
)

// HTML cleans a saved web page: the article body and metadata are
// extracted with go-trafilatura, or with go-readability when trafilatura
// finds next to nothing, and the body's lines then go through the same
// boilerplate filter as plain text. pageURL, which may be empty, is where
// the page came from. A page with no article text gives ErrNoText.
func (c *Cleaner) HTML(page, pageURL string) (Result, error) {
	if !utf8.ValidString(page) {
		page = strings.ToValidUTF8(page, "\uFFFD")
	}
	return c.cleanHTML(lighten(page), pageURL)
}

// cleanHTML is HTML on a page of valid UTF-8.
func (c *Cleaner) cleanHTML(page, pageURL string) (Result, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return Result{}, fmt.Errorf("parsing HTML: %w", err)
	}
	pruneUnseen(doc)
	pruneEmpty(doc)
	wrapBrokenText(doc)
	// The page's own lines, before readability (which mutates the tree)
	// may run: what of them the article leaves out is listed as removed.
	pageLines := paragraphs(strings.Join(renderLines(doc), "\n"))
	pruneChrome(doc, false)
	pruneLinkLists(doc, false)
	// The boxes that held only menus and link lists are empty now.
	pruneEmpty(doc)
	u, _ := nurl.Parse(pageURL)
	if u != nil && !u.IsAbs() {
		u = nil
	}

	var res Result
	var lines []string
	opts := trafilatura.Options{
		OriginalURL: u,
		// Recall over precision: a sentence lost here is lost to every
		// later stage, while boilerplate kept is caught by the filter.
		Focus:           trafilatura.FavorRecall,
		ExcludeComments: true,
		// No readability/dom-distiller fallback inside trafilatura: it
		// doubles the time on every page; we run readability ourselves,
		// only when trafilatura finds next to nothing.
		EnableFallback: false,
		// Fast: dates from the page's markup and URL, without the
		// multilingual date parser, which costs more than extraction.
		HtmlDateMode: trafilatura.Fast,
	}
	// We do not use the author, and trafilatura looks for one in the
	// whole page (a fourth copy of the tree searched with dozens of
	// selectors, a third of its metadata pass) unless a <meta> names one.
	target := doc
	light, restore := lightPage(doc)
	if light != nil {
		target = light
	}
	placeholder := addAuthorMeta(target)
	ex, err := trafilatura.ExtractDocument(target, opts)
	if placeholder != nil {
		placeholder.Parent.RemoveChild(placeholder)
	}
	if restore != nil {
		restore()
	}
	if err == nil {
		lines = renderLines(ex.ContentNode)
		m := ex.Metadata
		res.Title, res.Outlet, res.URL = m.Title, m.Sitename, m.URL
		if !m.Date.IsZero() {
			res.Published = m.Date.Format(time.DateOnly)
		}
	}
	if len(lines) == 1 && !weakExtraction(lines) {
		if run := pageRun(lines[0], renderLines(doc)); run != nil {
			lines = run
		}
	}
	if weakExtraction(lines) {
		// Trafilatura's last resort is the page's whole text run together
		// in one paragraph; if readability finds nothing better either, the
		// page's own lines are better input for the boilerplate filter.
		if len(lines) == 1 {
			lines = renderLines(doc)
		}
		parser := readability.NewParser()
		if art, err := parser.ParseAndMutate(doc, u); err == nil && art.Node != nil {
			if alt := renderLines(art.Node); betterExtraction(alt, lines) {
				lines = alt
			}
			res.Title = cmp.Or(res.Title, art.Title())
			res.Outlet = cmp.Or(res.Outlet, art.SiteName())
			if t, err := art.PublishedTime(); err == nil && res.Published == "" {
				res.Published = t.Format(time.DateOnly)
			}
		}
	}
	res.Title, res.Outlet = splitSiteName(tidyField(res.Title), tidyField(res.Outlet))
	res.URL = cmp.Or(strings.TrimSpace(res.URL), pageURL)

	kept, removed := c.rules.filter(paragraphs(strings.Join(lines, "\n")), true, res.Title)
	if len(kept) == 0 {
		return Result{}, ErrNoText
	}
	if res.Published == "" {
		// A page without a date in its markup may show one above the
		// article (2026-03-04 07:00), which the filter took out.
		res.Published = datelineDate(removed)
	}
	res.Text = joinLines(kept)
	res.Removed = append(removedList(removed), c.leftOut(pageLines, res.Text, res.Title, removed)...)
	return res, nil
}

// addAuthorMeta adds to the page's head a <meta name="author"> whose
// content trafilatura accepts as a name, and returns it; nil when the page
// has no head.
func addAuthorMeta(doc *html.Node) *html.Node {
	head := findElement(doc, atom.Head)
	if head == nil {
		return nil
	}
	meta := &html.Node{Type: html.ElementNode, Data: "meta", DataAtom: atom.Meta,
		Attr: []html.Attribute{{Key: "name", Val: "author"}, {Key: "content", Val: "Unused Placeholder"}}}
	head.AppendChild(meta)
	return meta
}

// findElement returns the first element with the tag under n, looking
// no deeper than the children of <html>.
func findElement(n *html.Node, tag atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == tag {
			return c
		}
		if c.DataAtom == atom.Html {
			if f := findElement(c, tag); f != nil {
				return f
			}
		}
	}
	return nil
}

// leftOut lists, in page order and once each, the lines of the page that
// are neither in the article's text nor already listed as removed: menus,
// banners, related links, comments and footers that the extractor dropped
// wholesale. Each gets the reason of the boilerplate rule it matches, and
// page-chrome when none does, so that a reader can see everything that was
// taken out, and notice article text an extractor lost.
func (c *Cleaner) leftOut(pageLines []string, text, title string, listed []removal) []document.Removed {
	// Lines are compared without white space: the extractor and the
	// filter may have moved it (a cut credit leaves "الريفي ." behind).
	flat := squeeze(text)
	// Hundreds of lines are looked for in the text: strings.Contains
	// scans it for each, slowly since every other byte of Arabic text is
	// the first byte of a letter of the line; a suffix array finds them
	// in a few comparisons.
	index := suffixarray.New([]byte(flat))
	inText := func(s string) bool { return s == "" || len(index.Lookup([]byte(s), 1)) > 0 }
	seen := map[string]bool{squeeze(title): true}
	listedKeys := make([]string, len(listed))
	for i, r := range listed {
		listedKeys[i] = squeeze(r.Text)
		seen[listedKeys[i]] = true
	}
	var rest []string
	for _, l := range pageLines {
		key := squeeze(l)
		// A line the filter cut a credit out of is in the text without it.
		cut := key
		for _, k := range listedKeys {
			cut = strings.Replace(cut, k, "", 1)
		}
		if key == "" || seen[key] || inText(key) || cut != key && inText(cut) {
			continue
		}
		seen[key] = true
		rest = append(rest, l)
	}
	if len(rest) == 0 {
		return nil
	}
	reasons := make([]string, len(rest))
	_, matched := c.rules.filter(rest, true, "")
	for _, r := range matched {
		reasons[r.line] = r.Reason
	}
	out := make([]document.Removed, 0, len(rest))
	for i, l := range rest {
		out = append(out, document.Removed{Text: l, Reason: cmp.Or(reasons[i], document.ReasonPageChrome)})
	}
	return out
}

// weakExtraction reports whether an extraction found next to nothing, or
// only a dump of the whole page.
func weakExtraction(lines []string) bool {
	total, longest := 0, 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l)
		total += n
		longest = max(longest, n)
	}
	return total < minBodyRunes || (longest >= dumpLineRunes && 2*longest > total)
}

// betterExtraction reports whether the fallback's lines should replace the
// first extractor's weak ones: when they hold more text, or, when the first
// is a page dump, when they hold an article's worth in paragraphs.
func betterExtraction(alt, lines []string) bool {
	runes := func(ls []string) int {
		n := 0
		for _, l := range ls {
			n += utf8.RuneCountInString(l)
		}
		return n
	}
	a, b := runes(alt), runes(lines)
	if b < minBodyRunes {
		return a > b
	}
	return len(alt) > 1 && a >= minBodyRunes
}

// siteNameMaxWords is the longest site name splitSiteName cuts off a title.
const siteNameMaxWords = 4

// splitSiteName removes the site's name from a page title written
// "headline | site" or "site :: headline", and returns the headline and the
// outlet (the site name found, when outlet was empty). With " - " or a dash
// the cut is made only when one side is the outlet already known, since
// headlines themselves contain dashes.
func splitSiteName(title, outlet string) (string, string) {
	outletKey := strings.Join(fold(outlet), " ")
	for _, sep := range []string{" | ", " :: ", " - ", " – ", " — "} {
		parts := strings.Split(title, sep)
		if len(parts) != 2 {
			continue
		}
		a, b := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
		wa, wb := fold(a), fold(b)
		switch {
		case outletKey != "" && strings.Join(wb, " ") == outletKey:
			return a, outlet
		case outletKey != "" && strings.Join(wa, " ") == outletKey:
			return b, outlet
		case sep == " - " || sep == " – " || sep == " — ":
			continue
		case len(wb) <= siteNameMaxWords && len(wa) > len(wb):
			return a, cmp.Or(outlet, b)
		case len(wa) <= siteNameMaxWords && len(wb) > len(wa):
			return b, cmp.Or(outlet, a)
		}
	}
	return title, outlet
}

// tidyField decodes entities left in a metadata value (pages often escape
// their <meta> content twice) and tidies its white space.
func tidyField(s string) string {
	if strings.Contains(s, "&") {
		s = stdhtml.UnescapeString(s)
	}
	return strings.Join(paragraphs(s), " ")
}

// renderLines returns the text a reader sees in the tree under n, one line
// for each block: text of block elements (paragraphs, headings, list items,
// table cells, divs) starts a new line, <br> breaks a line, and the content
// of scripts, styles and other non-text elements is left out. Entities are
// decoded by the HTML parser; white space is tidied later (paragraphs).
func renderLines(n *html.Node) []string {
	if n == nil {
		return nil
	}
	var lines []string
	var b strings.Builder
	flush := func() {
		if s := strings.TrimSpace(b.String()); s != "" {
			lines = append(lines, s)
		}
		b.Reset()
	}
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				for i, part := range strings.Split(n.Data, "\n") {
					if i > 0 {
						flush()
					}
					b.WriteString(part)
				}
				return
			}
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			tag := tagOf(n)
			if hiddenElement(tag) {
				return
			}
			if tag == atom.Br || tag == atom.Hr {
				flush()
				return
			}
		case html.CommentNode, html.DoctypeNode, html.RawNode:
			return
		}
		tag := tagOf(n)
		block := n.Type == html.ElementNode && blockElement(tag)
		if block {
			flush()
		}
		pre = pre || tag == atom.Pre || tag == atom.Textarea
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre)
		}
		if block {
			flush()
		}
	}
	walk(n, false)
	flush()
	return lines
}

// tagOf returns an element's tag; the elements that trafilatura builds
// have only a name.
func tagOf(n *html.Node) atom.Atom {
	if n.DataAtom == 0 && n.Type == html.ElementNode {
		return atom.Lookup([]byte(n.Data))
	}
	return n.DataAtom
}

// hiddenElement reports whether an element's content is never shown as
// text.
func hiddenElement(tag atom.Atom) bool {
	switch tag {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head,
		atom.Svg, atom.Math, atom.Iframe, atom.Object, atom.Embed, atom.Canvas,
		atom.Select, atom.Option, atom.Audio, atom.Video, atom.Input, atom.Img, atom.Picture, atom.Source:
		return true
	}
	return false
}

// blockElement reports whether an element starts and ends a line.
func blockElement(tag atom.Atom) bool {
	switch tag {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote,
		atom.Pre, atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption,
		atom.Figure, atom.Figcaption, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Nav, atom.Aside, atom.Main, atom.Address, atom.Form, atom.Fieldset, atom.Legend,
		atom.Details, atom.Summary, atom.Center, atom.Body, atom.Html, atom.Textarea, atom.Button, atom.Label:
		return true
	}
	return false
}
