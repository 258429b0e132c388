package actors

import (
	"strconv"
	"strings"
	"time"

	"github.com/rasad/rasad/document"
)

// ArticleContext is the country and date an article's names are resolved
// in: the country its places name most often, and its publication day.
func ArticleContext(d *document.Document) Context {
	var ctx Context
	if d.Published != nil {
		if t, err := time.Parse(time.DateOnly, *d.Published); err == nil {
			ctx.Date = t
		}
	}
	counts := map[string]int{}
	best := 0
	for _, p := range d.Places {
		if p.Country == "" {
			continue
		}
		counts[p.Country] += len(p.Mentions)
		// Ties go to the country named first.
		if counts[p.Country] > best {
			best, ctx.Country = counts[p.Country], p.Country
		}
	}
	return ctx
}

// Link ties the document's person and organisation entities to the actors
// they name, in the article's country and at its date: each linked entity
// gets the actor's knowledge-base id and canonical Arabic name. A name that
// two actors fit nearly as well (rival governments, a title two people
// held at once) is left unlinked rather than guessed.
//
// It also adds, as entities, the actors' proper names that the tagger
// missed, where they overlap no entity; descriptions such as "القيادة
// العامة" are left to the event stage, which resolves them as arguments.
func (l *List) Link(d *document.Document) {
	ctx := ArticleContext(d)
	ms := l.Mentions(d.Text, d.Tokens, ctx)
	ctx.Sides = l.articleSides(d, ms, ctx)
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Type != document.PER && e.Type != document.ORG || e.KB != "" {
			continue
		}
		// The canonical form is fuller where the text lost a letter to a
		// clitic (للأمم المتحدة → أمم المتحدة) or named only part.
		r := l.Resolve(e.Text, ctx)
		if _, ok := r.Best(); !ok && e.Canonical != e.Text {
			r = l.Resolve(e.Canonical, ctx)
		}
		best, ok := r.Best()
		if !ok || r.Ambiguous {
			continue
		}
		e.KB = best.Actor.KB()
		e.Canonical = best.Actor.NameAR
	}

	// A one-word name is added only when the article also names the same
	// actor in full: alone, words like بري، فتح، البرهان are more often
	// ordinary words than names.
	type found struct {
		m     Mention
		actor *Actor
		words int
	}
	var candidates []found
	fullyNamed := map[*Actor]bool{}
	for _, m := range ms {
		best, ok := m.Best()
		if !ok || m.Ambiguous || best.Role != nil || best.Alias != nil && best.Alias.described() {
			continue
		}
		f := found{m, best.Actor, len(strings.Fields(m.Text))}
		if f.words > 1 {
			fullyNamed[f.actor] = true
		}
		candidates = append(candidates, f)
	}
	var added []document.Entity
	next := len(d.Entities) + 1
	for _, f := range candidates {
		typ := entityType(f.actor.Kind)
		if typ == "" || f.words == 1 && !fullyNamed[f.actor] || overlapsEntity(d.Entities, f.m.Start, f.m.End) {
			continue
		}
		added = append(added, document.Entity{
			ID: "T" + strconv.Itoa(next), Type: typ, Start: f.m.Start, End: f.m.End, Text: f.m.Text,
			Canonical: f.actor.NameAR, KB: f.actor.KB(), Confidence: 0.6,
		})
		next++
	}
	d.Entities = append(d.Entities, added...)
}

// Weights of the evidence for a camp: an actor the article names, more
// when it speaks (a speaker's "الجيش" is their own side's).
const (
	sideNamed   = 1
	sideSpeaker = 2
	sideVoice   = 2 // an alias only one camp's media use
)

// speechVerbs introduce or follow a speaker, by token norm.
var speechVerbs = map[string]bool{
	"قال": true, "اكد": true, "اعلن": true, "صرح": true, "اوضح": true, "اضاف": true,
	"ذكر": true, "اتهم": true, "نفي": true, "حذر": true, "طالب": true, "دعا": true,
}

// articleSides weighs the camps of the actors d names by a proper name
// (entities and the names Mentions found), so that descriptions rival
// camps share can follow the article's lean.
func (l *List) articleSides(d *document.Document, ms []Mention, ctx Context) map[string]float64 {
	var sides map[string]float64
	add := func(a *Actor, start, end int) {
		side := l.SideAt(a, ctx.Date)
		if side == "" {
			return
		}
		if sides == nil {
			sides = map[string]float64{}
		}
		w := float64(sideNamed)
		if speaks(d.Tokens, start, end) {
			w = sideSpeaker
		}
		sides[side] += w
	}
	covered := func(start, end int) bool {
		for _, m := range ms {
			if m.Start <= start && end <= m.End {
				return true
			}
		}
		return false
	}
	for _, e := range d.Entities {
		if e.Type != document.PER && e.Type != document.ORG || covered(e.Start, e.End) {
			continue
		}
		if best, ok := l.Resolve(e.Text, ctx).Best(); ok && !best.Described() && (best.Alias == nil || best.Alias.Voice == "") {
			add(best.Actor, e.Start, e.End)
		}
	}
	for _, m := range ms {
		best, ok := m.Best()
		if !ok || m.Ambiguous {
			continue
		}
		if best.Alias != nil && best.Alias.Voice != "" {
			// The article speaks with one camp's words for the other.
			if sides == nil {
				sides = map[string]float64{}
			}
			sides[best.Alias.Voice] += sideVoice
			continue
		}
		if !best.Described() {
			add(best.Actor, m.Start, m.End)
		}
	}
	return sides
}

// speaks reports whether the words at start..end are next to a speech
// verb: "وقال المسماري"، "المسماري أكد".
func speaks(tokens []document.Token, start, end int) bool {
	for i, t := range tokens {
		if t.End <= start && i+1 < len(tokens) && tokens[i+1].Start >= start {
			if speechVerbs[t.Norm] {
				return true
			}
		}
		if t.Start >= end {
			return speechVerbs[t.Norm]
		}
	}
	return false
}

// entityType is the entity type of a name of an actor of kind k; states
// are places to the tagger and are left to it.
func entityType(k Kind) string {
	switch k {
	case Person:
		return document.PER
	case State:
		return ""
	}
	return document.ORG
}

func overlapsEntity(es []document.Entity, start, end int) bool {
	for _, e := range es {
		if e.Start < end && start < e.End {
			return true
		}
	}
	return false
}
