package search

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/store"
)

// Clause is one thing a document must contain: a word, or a phrase whose
// words must stand next to each other in that order. Each word is a slot
// of alternative index terms, any of which matches.
type Clause struct {
	Text  string     // as the user typed it
	Slots [][]string // per word: the analyser's term first, then variants
}

// Phrase says whether the clause needs its words to be adjacent.
func (c Clause) Phrase() bool { return len(c.Slots) > 1 }

// quoteMarks open and close a phrase: ASCII quotes, and the Arabic and
// typographic quotation marks people paste from articles.
var quoteMarks = map[rune]rune{'"': '"', '«': '»', '“': '”'}

// ParseQuery splits a query into clauses: each word outside quotation
// marks, each quoted phrase. Words are analysed as the index analysed the
// text, so that a query word matches it with clitics attached and across
// spelling variants of hamza, alef maqsura, ta marbuta and diacritics.
// Words that yield no term (punctuation alone) are dropped.
func ParseQuery(an store.Analyzer, q string) ([]Clause, error) {
	var clauses []Clause
	add := func(text string, phrase bool) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		if phrase {
			if slots := querySlots(an, text); len(slots) > 0 {
				clauses = append(clauses, Clause{Text: text, Slots: slots})
			}
			return
		}
		for _, w := range strings.Fields(text) {
			// A word the analyser splits (a number with a unit
			// attached, a hyphenated name) is a phrase of its parts.
			if slots := querySlots(an, w); len(slots) > 0 {
				clauses = append(clauses, Clause{Text: w, Slots: slots})
			}
		}
	}
	rest := q
	for rest != "" {
		i := strings.IndexFunc(rest, func(r rune) bool { _, ok := quoteMarks[r]; return ok })
		if i < 0 {
			add(rest, false)
			break
		}
		add(rest[:i], false)
		open, size := utf8.DecodeRuneInString(rest[i:])
		body := rest[i+size:]
		j := strings.IndexRune(body, quoteMarks[open])
		if j < 0 {
			return nil, fmt.Errorf("%w: %q: quotation mark %q at byte %d is never closed", ErrBadQuery, q, open, i)
		}
		add(body[:j], true)
		rest = body[j+utf8.RuneLen(quoteMarks[open]):]
	}
	return clauses, nil
}

// The clitic segmenter cannot always tell a final ه of the stem (ta
// marbuta written without its dots, as informal text often has it) from
// the enclitic pronoun ه, nor whether a word-initial ال is the article;
// and it decides from the word alone, so the same word may be segmented
// one way in an article and another in a query. A query word therefore
// also matches the terms of its other readings.
const (
	article = "ال"
	haa     = "ه"
)

// querySlots returns the slots of the words of text.
func querySlots(an store.Analyzer, text string) [][]string {
	tokens, _ := an.Analyze(text)
	var slots [][]string
	for _, t := range tokens {
		term, ok := store.TermOf(t, text)
		if !ok {
			continue
		}
		slots = append(slots, variants(t, term))
	}
	return slots
}

// variants returns the term and the terms of the word's other readings.
func variants(t document.Token, term string) []string {
	alts := []string{term}
	if t.Kind != document.Word {
		return alts
	}
	add := func(v string) {
		if utf8.RuneCountInString(v) >= 2 && !contains(alts, v) {
			alts = append(alts, v)
		}
	}
	// ة written ه and read as a pronoun: مدينه → مدين + ه.
	if t.Suffix == haa || t.Suffix == "ة" {
		add(term + haa)
	}
	if strings.HasSuffix(term, haa) {
		add(strings.TrimSuffix(term, haa))
	}
	// The article left on the stem, or split off.
	if strings.HasSuffix(t.Prefix, article) {
		add(article + term)
	}
	if strings.HasPrefix(term, article) {
		bare := strings.TrimPrefix(term, article)
		add(bare)
		if strings.HasSuffix(bare, haa) {
			add(strings.TrimSuffix(bare, haa))
		}
	}
	return alts
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
