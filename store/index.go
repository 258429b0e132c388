package store

import (
	"strings"

	"github.com/rasad/rasad/document"
)

// The index holds two kinds of term. Word terms are the normalised stems
// of the text's tokens, with their positions, and are what BM25 ranks.
// Filter terms carry a prefix ending in ':' (which no word term contains,
// since the analyser splits punctuation off) and say that a document has
// an event of a type, names an actor or a place, or comes from an outlet;
// they have no positions and do not count in a document's length.
const (
	typePrefix   = "type:"
	actorPrefix  = "actor:"
	placePrefix  = "place:"
	outletPrefix = "outlet:"
)

// Index is what one document adds to the search index.
type Index struct {
	// Offsets are the byte offsets of the indexed tokens, in text order;
	// their count is the document's length.
	Offsets []document.Range
	// Words maps each word term to its positions (indexes into Offsets).
	Words map[string][]int
	// Filters lists the document's filter terms, each once.
	Filters []string
}

// NewIndex computes the index entries of d: from d.Tokens when the
// pipeline tokenised it, else from an's analysis of d.Text.
func NewIndex(d *document.Document, an Analyzer) Index {
	tokens := d.Tokens
	if tokens == nil && d.Text != "" {
		tokens, _ = an.Analyze(d.Text)
	}
	ix := Index{Words: make(map[string][]int)}
	for _, t := range tokens {
		term, ok := TermOf(t, d.Text)
		if !ok {
			continue
		}
		ix.Words[term] = append(ix.Words[term], len(ix.Offsets))
		ix.Offsets = append(ix.Offsets, document.Range{t.Start, t.End})
	}

	seen := make(map[string]bool)
	add := func(terms ...string) {
		for _, t := range terms {
			if !seen[t] {
				seen[t] = true
				ix.Filters = append(ix.Filters, t)
			}
		}
	}
	if d.Outlet != nil {
		if t := OutletTerm(an, *d.Outlet); t != "" {
			add(t)
		}
	}
	for _, e := range d.Entities {
		switch e.Type {
		case document.PER, document.ORG:
			add(ActorTerms(an, e.Text)...)
			add(ActorTerms(an, e.Canonical)...)
		case document.LOC:
			add(PlaceTerms(an, e.Text)...)
			add(PlaceTerms(an, e.Canonical)...)
		}
	}
	for _, p := range d.Places {
		add(PlaceTerms(an, p.Name)...)
		add(PlaceTerms(an, p.Admin1)...)
		add(PlaceTerms(an, p.Country)...)
	}
	for _, v := range d.Events {
		add(TypeTerms(v.Type)...)
		if v.ACLED != nil {
			add(TypeTerms(v.ACLED.EventType, v.ACLED.SubEventType)...)
		}
		for _, a := range eventArguments(v) {
			add(ActorTerms(an, a.Text)...)
			add(ActorTerms(an, a.Canonical)...)
		}
	}
	for _, q := range d.Quotes {
		if !q.Speaker.Anonymous {
			add(ActorTerms(an, q.Speaker.Canonical)...)
		}
	}
	return ix
}

// eventArguments lists the event's actor, target and participants.
func eventArguments(v document.Event) []document.Argument {
	var args []document.Argument
	if v.Actor != nil {
		args = append(args, *v.Actor)
	}
	if v.Target != nil {
		args = append(args, *v.Target)
	}
	return append(args, v.Participants...)
}

// TermOf returns the index term of a token of text: its normalised stem
// (in lower case for Latin script), or for a token the analyser left
// without one, its surface form. Punctuation and symbols are not indexed.
func TermOf(t document.Token, text string) (string, bool) {
	switch t.Kind {
	case document.Word, document.LatinWord, document.Number:
	default:
		return "", false
	}
	term := t.Norm
	if term == "" && t.Start >= 0 && t.End <= len(text) && t.Start < t.End {
		term = text[t.Start:t.End]
	}
	if t.Kind == document.LatinWord {
		term = strings.ToLower(term)
	}
	return term, term != ""
}

// Terms returns the word terms of text in order, as the index holds them:
// what a query word must be turned into to be looked up.
func Terms(an Analyzer, text string) []string {
	tokens, _ := an.Analyze(text)
	var terms []string
	for _, t := range tokens {
		if term, ok := TermOf(t, text); ok {
			terms = append(terms, term)
		}
	}
	return terms
}

// TypeTerms returns the filter terms of event types: PLOVER types such as
// ASSAULT and ACLED types and sub-event types such as "Battles" alike,
// compared without regard to case.
func TypeTerms(types ...string) []string {
	var terms []string
	for _, t := range types {
		if t = strings.ToLower(strings.Join(strings.Fields(t), " ")); t != "" {
			terms = append(terms, typePrefix+t)
		}
	}
	return terms
}

// ActorTerms returns the filter terms of a name of an actor: one per word,
// so that a filter on "حفتر" finds "خليفة حفتر" and "المشير حفتر".
func ActorTerms(an Analyzer, name string) []string {
	return prefixed(actorPrefix, Terms(an, name))
}

// PlaceTerms returns the filter terms of a place name (or country code),
// one per word.
func PlaceTerms(an Analyzer, name string) []string {
	return prefixed(placePrefix, Terms(an, name))
}

// OutletTerm returns the filter term of an outlet: its whole normalised
// name, so that outlets match exactly. It is empty for an empty name.
func OutletTerm(an Analyzer, outlet string) string {
	terms := Terms(an, outlet)
	if len(terms) == 0 {
		return ""
	}
	return outletPrefix + strings.Join(terms, " ")
}

func prefixed(prefix string, terms []string) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = prefix + t
	}
	return out
}
