package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minBreaks is how many <br> children make an element's text a column of
// paragraphs separated by line breaks.
const minBreaks = 2

// wrapBrokenText rewrites, in the tree under n, every element whose text is
// paragraphs separated by <br> ("<div>first<br>second<br>third</div>", the
// way many Arabic news CMSs store an article) into one <p> per paragraph.
// Extractors score and keep <p> elements; on the original form trafilatura
// either misses the article or returns its paragraphs twice.
func wrapBrokenText(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			wrapBrokenText(c)
		}
	}
	if n.Type != html.ElementNode || !blockElement(tagOf(n)) || tagOf(n) == atom.P || tagOf(n) == atom.Pre {
		return
	}
	breaks, text := 0, false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			breaks++
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			text = true
		}
	}
	if breaks < minBreaks || !text {
		return
	}
	var para *html.Node // the <p> being filled, nil between paragraphs
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			n.RemoveChild(c)
			para = nil
		case c.Type == html.ElementNode && blockElement(tagOf(c)):
			para = nil
		case para == nil && c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
			// White space between paragraphs stays where it is.
		default:
			if para == nil {
				para = &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
				n.InsertBefore(para, c)
			}
			n.RemoveChild(c)
			para.AppendChild(c)
		}
		c = next
	}
}

// pruneUnseen removes from the tree under n what a reader never sees as
// text: scripts (but not JSON-LD, which holds the article's metadata),
// styles, <noscript> fallbacks, templates, HTML comments, and elements
// marked hidden. Extractors then neither mistake it for text nor spend time
// on it.
func pruneUnseen(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if unseen(c) {
			n.RemoveChild(c)
		} else if c.Type == html.ElementNode {
			pruneUnseen(c)
		}
		c = next
	}
}

func unseen(n *html.Node) bool {
	switch n.Type {
	case html.CommentNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	switch n.DataAtom {
	case atom.Style, atom.Noscript, atom.Template:
		return true
	case atom.Script:
		for _, a := range n.Attr {
			if a.Key == "type" && strings.EqualFold(strings.TrimSpace(a.Val), "application/ld+json") {
				return false
			}
		}
		return true
	}
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden":
			return true
		case a.Key == "style":
			if s := strings.ReplaceAll(strings.ToLower(a.Val), " ", ""); strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// pruneEmpty removes from the tree under n the elements that hold no text
// at all (image wrappers, icons, empty layout boxes), except the ones that
// carry metadata (<time>, <meta>, <link>, JSON-LD scripts) or break lines.
// It reports whether n itself holds anything kept. Trafilatura walks and
// clones the whole tree several times; on real pages this cuts its time by
// a fifth without changing what it extracts.
func pruneEmpty(n *html.Node) bool {
	keep := false
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				keep = true
			}
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Time, atom.Meta, atom.Link, atom.Script, atom.Br, atom.Hr, atom.Head, atom.Title:
				keep = true
			default:
				if pruneEmpty(c) {
					keep = true
				} else {
					n.RemoveChild(c)
				}
			}
		}
		c = next
	}
	return keep
}

// pruneChrome removes the page furniture that HTML marks as such — menus,
// headers and footers, sidebars, forms, buttons, embedded frames, and the
// ARIA landmarks of the same roles, cookie dialogs among them — before the
// extractor sees the page. Extractors drop these anyway; removing them
// first spares trafilatura from walking and cloning them several times,
// which on a large modern page is most of its work. Inside <article> and
// <main> only what cannot be article text goes (menus, forms, buttons,
// frames, drawings): a header there holds the title, an aside may hold a
// quote.
func pruneChrome(n *html.Node, inArticle bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if chrome(c, inArticle) {
				n.RemoveChild(c)
			} else {
				pruneChrome(c, inArticle || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
			}
		}
		c = next
	}
}

func chrome(n *html.Node, inArticle bool) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Button, atom.Select, atom.Iframe, atom.Svg, atom.Dialog:
		return true
	case atom.Header, atom.Footer, atom.Aside:
		return !inArticle
	}
	if inArticle {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "role" {
			switch strings.ToLower(strings.TrimSpace(a.Val)) {
			case "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog":
				return true
			}
		}
	}
	return false
}

// pruneLinkLists removes, outside <article> and <main>, the blocks that
// are lists of links: menus, "most read" boxes, tag clouds, related
// stories. A block goes when it holds at least linkListMin links and
// nearly all its text is link text. It returns the text and link-text
// lengths (in bytes) of n's subtree, so that one walk measures everything.
func pruneLinkLists(n *html.Node, inArticle bool) (text, linked int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
			text += len(strings.TrimSpace(c.Data))
		case html.ElementNode:
			t, l := pruneLinkLists(c, inArticle || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
			if c.DataAtom == atom.A {
				l = t
			}
			if !inArticle && c.DataAtom != atom.A && c.DataAtom != atom.Body && c.DataAtom != atom.Html &&
				l > 0 && float64(l) >= linkListDensity*float64(t) && countLinks(c, linkListMin) >= linkListMin {
				n.RemoveChild(c)
			} else {
				text += t
				linked += l
			}
		}
		c = next
	}
	return text, linked
}

const (
	linkListMin     = 4
	linkListDensity = 0.9
)

// countLinks counts the <a> elements under n, stopping at limit.
func countLinks(n *html.Node, limit int) int {
	count := 0
	for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if c.DataAtom == atom.A {
				count++
			} else {
				count += countLinks(c, limit-count)
			}
		}
	}
	return count
}
