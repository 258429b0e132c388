package clean

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const (
	// paragraphRunes is the shortest text of a block, in runes, that
	// counts as a paragraph when looking for where the article is.
	paragraphRunes = 80
	// paragraphLinkShare is the largest share of a paragraph's text that
	// may be link text (a teaser of a related story is all link).
	paragraphLinkShare = 0.3
	// articleMinParagraphs and articleMinRunes: below these the page is
	// too short to guess from, and trafilatura gets all of it.
	articleMinParagraphs = 3
	articleMinRunes      = 600
	// articleShare is how much of the page's paragraph text the chosen
	// subtree must hold; when the paragraphs are spread over the page
	// (teasers as long as the article's paragraphs) the guess is unsure.
	articleShare = 0.8
	// subtreeMaxShare: a subtree holding more than this share of the
	// page's elements saves too little to be worth the guess.
	subtreeMaxShare = 0.6
)

// articleSubtree guesses the element of the page that holds the article:
// each block with a paragraph's worth of text, mostly not links, gives its
// length to its parent and half of it to its grandparent (as readability
// scores), the best-scored element's grandparent (else its parent) is
// taken, for a margin of blocks around (the title, a lead in a box of its
// own, a short paragraph, a quote), and it is
// returned when it holds nearly all the paragraph text of the page and
// is well smaller than the page. nil means unsure: use the whole page.
// On a modern news page, where the article is a twentieth of the markup,
// trafilatura then copies, cleans and searches a small tree instead of
// the whole page three times over.
func articleSubtree(body *html.Node) *html.Node {
	score := map[*html.Node]int{}
	var scored []*html.Node // in the order first scored, for a stable choice
	add := func(n *html.Node, runes int) {
		if _, ok := score[n]; !ok {
			scored = append(scored, n)
		}
		score[n] += runes
	}
	var total, count, elements int
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			elements++
			if blockElement(tagOf(c)) {
				runes, linked, arabic := inlineText(c)
				if runes >= paragraphRunes && arabic && float64(linked) <= paragraphLinkShare*float64(runes) {
					total += runes
					count++
					if p := c.Parent; p != nil {
						add(p, runes)
						if g := p.Parent; g != nil {
							add(g, runes/2)
						}
					}
				}
			}
			walk(c)
		}
	}
	walk(body)
	if count < articleMinParagraphs || total < articleMinRunes {
		return nil
	}
	var best *html.Node
	for _, n := range scored {
		s := score[n]
		if best == nil || s > score[best] || s == score[best] && contains(n, best) {
			best = n
		}
	}
	if best == nil || best == body || best.Parent == nil || best.Parent == body {
		return nil
	}
	candidate := best.Parent
	held, inside := paragraphText(candidate)
	// One more level when it is still well smaller than the page: a lead
	// paragraph or a standfirst is often in a box of its own, beside the
	// box of the body's paragraphs.
	if g := candidate.Parent; g != nil && g != body {
		if h, e := paragraphText(g); float64(e) <= subtreeMaxShare*float64(elements) {
			candidate, held, inside = g, h, e
		}
	}
	if float64(held) < articleShare*float64(total) || float64(inside) > subtreeMaxShare*float64(elements) {
		return nil
	}
	return candidate
}

// contains reports whether n is an ancestor of m.
func contains(n, m *html.Node) bool {
	for p := m.Parent; p != nil; p = p.Parent {
		if p == n {
			return true
		}
	}
	return false
}

// paragraphText returns the paragraph text (as articleSubtree counts it)
// under n, and its number of elements.
func paragraphText(n *html.Node) (runes, elements int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		elements++
		if blockElement(tagOf(c)) {
			r, linked, arabic := inlineText(c)
			if r >= paragraphRunes && arabic && float64(linked) <= paragraphLinkShare*float64(r) {
				runes += r
			}
		}
		r, e := paragraphText(c)
		runes += r
		elements += e
	}
	return runes, elements
}

// inlineText measures the text that a block shows on its own lines: its
// text and that of its inline elements, not of the blocks inside it. It
// returns its length and that of its link text, in runes, and whether it
// holds an Arabic letter.
func inlineText(n *html.Node) (runes, linked int, arabic bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t := strings.TrimSpace(c.Data)
			runes += utf8.RuneCountInString(t)
			arabic = arabic || hasArabic(t)
		case html.ElementNode:
			tag := tagOf(c)
			if blockElement(tag) || hiddenElement(tag) {
				continue
			}
			r, l, a := inlineText(c)
			if tag == atom.A {
				l = r
			}
			runes += r
			linked += l
			arabic = arabic || a
		}
	}
	return runes, linked, arabic
}

// lightPage returns a document holding the page's head, the guessed
// article subtree and the JSON-LD scripts of the body (metadata), moved
// out of doc; restore puts them back where they were. It returns nil when
// the page has no head or body, or when the article cannot be guessed.
func lightPage(doc *html.Node) (light *html.Node, restore func()) {
	root := findElement(doc, atom.Html)
	if root == nil {
		return nil, nil
	}
	head, body := findElement(root, atom.Head), findElement(root, atom.Body)
	if head == nil || body == nil {
		return nil, nil
	}
	article := articleSubtree(body)
	if article == nil {
		return nil, nil
	}
	moved := []*html.Node{head, article}
	var scripts func(n *html.Node)
	scripts = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c == article || c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Script {
				moved = append(moved, c)
				continue
			}
			scripts(c)
		}
	}
	scripts(body)
	// Each moved node leaves a comment in its place (pruneUnseen has
	// removed the page's own), where restore puts it back.
	marks := make([]*html.Node, len(moved))
	light = &html.Node{Type: html.DocumentNode}
	lroot := &html.Node{Type: html.ElementNode, Data: "html", DataAtom: atom.Html, Attr: root.Attr}
	lbody := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body, Attr: body.Attr}
	light.AppendChild(lroot)
	for i, n := range moved {
		marks[i] = &html.Node{Type: html.CommentNode}
		n.Parent.InsertBefore(marks[i], n)
		n.Parent.RemoveChild(n)
		if i == 0 {
			lroot.AppendChild(n)
			lroot.AppendChild(lbody)
		} else {
			lbody.AppendChild(n)
		}
	}
	return light, func() {
		for i, n := range moved {
			n.Parent.RemoveChild(n)
			marks[i].Parent.InsertBefore(n, marks[i])
			marks[i].Parent.RemoveChild(marks[i])
		}
	}
}
