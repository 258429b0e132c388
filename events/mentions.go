package events

import (
	"sort"
	"strings"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/document"
)

// mention is a stretch of text that may be an event's argument.
type mention struct {
	first, last int // token indexes, inclusive
	arg         document.Argument
	kind        string // armed, civilians, protesters, state, or ""
	place       string // the place id, for toponyms
	named       bool   // a name or a known description, not a group noun
	country     bool   // a place of country precision
}

// mentions gathers the stretches that may be arguments or places: the
// entities, the actor list's names and descriptions, and the group nouns.
func (c *Coder) mentions(d *document.Document) []mention {
	toks := d.Tokens
	placeOf := map[string]string{}
	countries := map[string]bool{}
	for _, p := range d.Places {
		countries[p.ID] = p.Precision == "country"
		for _, id := range p.Mentions {
			placeOf[id] = p.ID
		}
	}
	type candidate struct {
		start, end int
		m          mention
	}
	var places, names, groups []candidate
	for _, e := range d.Entities {
		m := mention{arg: document.Argument{Text: e.Text, Canonical: e.Canonical, Entity: e.ID, KB: e.KB}, named: true}
		if p, ok := placeOf[e.ID]; ok {
			m.place, m.country = p, countries[p]
			places = append(places, candidate{e.Start, e.End, m})
			continue
		}
		if e.Type == document.LOC {
			continue
		}
		if c.actors != nil && strings.HasPrefix(e.KB, actors.KBPrefix) {
			if a, ok := c.actors.ByKB(e.KB); ok {
				m.kind = kindOf(a.Kind)
			}
		}
		names = append(names, candidate{e.Start, e.End, m})
	}
	if c.actors != nil {
		for _, am := range c.actors.Mentions(d.Text, toks, actors.ArticleContext(d)) {
			m := mention{arg: document.Argument{Text: am.Text, Canonical: am.Text}, named: true}
			if best, ok := am.Best(); ok && !am.Ambiguous {
				m.arg.Canonical, m.arg.KB, m.kind = best.Actor.NameAR, best.Actor.KB(), kindOf(best.Actor.Kind)
			}
			// The entity inside the mention, for its id.
			for _, e := range d.Entities {
				if e.Start >= am.Start && e.End <= am.End && e.Type != document.LOC {
					m.arg.Entity = e.ID
					if m.arg.KB == "" {
						m.arg.KB, m.arg.Canonical = e.KB, e.Canonical
					}
				}
			}
			// A single bare word the tagger did not see as a name is more
			// often a common word (فتح تحقيق) than the actor (حركة فتح).
			if first, last := tokenRange(toks, am.Start, am.End); last-first == 1 && m.arg.Entity == "" && !endsWithAl(toks[first].Prefix) {
				continue
			}
			names = append(names, candidate{am.Start, am.End, m})
		}
	}
	for i := range toks {
		for _, g := range c.lex.groups[toks[i].Norm] {
			if !wordsAt(toks, i, g.words) {
				continue
			}
			end := toks[i+len(g.words)-1].End
			start := toks[i].StemStart
			if endsWithAl(toks[i].Prefix) {
				start = toks[i].Start
			}
			// A number or vague quantity in front belongs to the group
			// (ثلاثة مسلحين، مئات المواطنين).
			if i > 0 && (toks[i-1].Kind == document.Number || c.isQuantityWord(toks[i-1].Norm)) {
				start = toks[i-1].StemStart
			}
			text := d.Text[start:end]
			groups = append(groups, candidate{start, end, mention{arg: document.Argument{Text: text, Canonical: text}, kind: g.value}})
			break
		}
	}
	// Places keep their tokens; then the longest names win.
	sort.SliceStable(names, func(a, b int) bool { return names[a].end-names[a].start > names[b].end-names[b].start })
	var out []mention
	taken := make([]bool, len(toks))
	for _, list := range [][]candidate{places, names, groups} {
		for _, cd := range list {
			first, last := tokenRange(toks, cd.start, cd.end)
			if last <= first {
				continue
			}
			free := true
			for k := first; k < last; k++ {
				free = free && !taken[k]
			}
			if !free {
				continue
			}
			for k := first; k < last; k++ {
				taken[k] = true
			}
			m := cd.m
			m.first, m.last = first, last-1
			out = append(out, m)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].first < out[b].first })
	return out
}

// isQuantityWord reports a word counting the group after it.
func (c *Coder) isQuantityWord(n string) bool {
	if _, ok := c.numbers.Vague(n); ok {
		return true
	}
	_, used := c.numbers.Read([]string{n})
	return used == 1 || n == "عددا" || n == "عدد"
}

func kindOf(k actors.Kind) string {
	switch k {
	case actors.Military, actors.Security, actors.Government, actors.State, actors.Ministry:
		return "state"
	case actors.ArmedGroup, actors.PMC, actors.Coalition, actors.Tribe:
		return "armed"
	}
	return ""
}

// tokenRange returns the tokens [first, last) lying within [start, end).
func tokenRange(toks []document.Token, start, end int) (int, int) {
	first := sort.Search(len(toks), func(i int) bool { return toks[i].End > start })
	last := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= end })
	return first, last
}

func insideName(ments []mention, i int) bool {
	for _, m := range ments {
		if i >= m.first && i <= m.last && m.named {
			return true
		}
	}
	return false
}
