package geo

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/kb"
)

// Resolver geocodes names and resolves the place mentions of articles.
// It is immutable and safe for concurrent use; build it once from the
// loaded index and pass it to every stage that needs it.
type Resolver struct {
	ix      *kb.Index
	generic map[string]bool // genericKey of the words in generic.txt
}

//go:embed generic.txt
var genericWords string

// NewResolver returns a resolver over ix.
func NewResolver(ix *kb.Index) *Resolver {
	r := &Resolver{ix: ix, generic: map[string]bool{}}
	for _, line := range strings.Split(genericWords, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			r.generic[genericKey(line)] = true
		}
	}
	return r
}

// genericKey is the form generic words are compared in: normalised,
// without ال.
func genericKey(s string) string {
	k := arabic.Normalize(strings.TrimSpace(s))
	return strings.TrimPrefix(k, "ال")
}

// Index returns the index the resolver reads.
func (r *Resolver) Index() *kb.Index { return r.ix }

// Mention is one place name in an article: the id of its entity and its
// text as written (clitics, article and unit words may be attached).
type Mention struct {
	ID   string
	Text string
}

// Context is what an article says about where it is, beyond its place
// mentions.
type Context struct {
	// Countries the article names in other ways (adjectives such as
	// الليبية, an outlet's country), as ISO 3166-1 alpha-2 codes.
	Countries []string
}

// Evidence weights for the countries an article names.
const (
	voteNamedCountry = 2 // a country mention, a country adjective, a Context country
	voteAdmin1       = 1 // a division mention
	voteOneCountry   = 1 // a mention whose candidates all lie in one country
	anchorMargin     = 1 // a candidate this far ahead of the next is taken as certain
)

type mentionState struct {
	m      Mention
	res    kb.Result
	choice int     // index into res.Candidates, -1 for none
	margin float64 // how far the choice is ahead of the runner-up
}

// ResolveMentions chooses a place for each mention, letting the
// mentions decide between each other's homonyms: countries and divisions
// the article names favour candidates inside them, places it names
// without doubt favour candidates near them. It returns one
// document.Place per place named, in order of first mention, with ids P1,
// P2, … and every mention that names it. Mentions that no place fits are
// left out.
func (r *Resolver) ResolveMentions(ms []Mention, ctx Context) []document.Place {
	states := make([]mentionState, len(ms))
	for i, m := range ms {
		states[i] = mentionState{m: m, res: r.ix.Lookup(m.Text), choice: -1}
		if len(states[i].res.Candidates) > maxCandidates {
			states[i].res.Candidates = states[i].res.Candidates[:maxCandidates]
		}
	}
	// First pass: evidence from what is certain without context; second:
	// from the first pass's choices.
	ev := r.evidence(states, ctx, false)
	for i := range states {
		// Names the sources spell only in Latin letters: الفاشر is
		// Al-Fashir when the article is about Sudan.
		s := &states[i]
		allowed := func(cc string) bool { return ev.votes[cc] > 0 || ev.total == 0 }
		if cs := r.withTranslit(s.m.Text, s.res, ev.total == 0, allowed); len(cs) != len(s.res.Candidates) {
			s.res.Candidates = cs[:min(len(cs), maxCandidates)]
		}
	}
	r.choose(states, ev)
	ev = r.evidence(states, ctx, true)
	r.choose(states, ev)
	dropUnsupportedForeign(states, ctx)
	return r.places(states)
}

// minForeignImportance is the importance (about log10 of the population)
// a settlement outside the region needs to be taken without its country
// named in the article.
const minForeignImportance = 5

// dropUnsupportedForeign unresolves mentions whose place is a small
// settlement outside the region in a country the article does not name:
// such a reading is more often a word the tagger took for a place
// (أوباما, a Japanese town) than the news.
func dropUnsupportedForeign(states []mentionState, ctx Context) {
	named := map[string]bool{}
	for _, cc := range ctx.Countries {
		named[cc] = true
	}
	for i := range states {
		if s := &states[i]; s.choice >= 0 {
			if p := s.res.Candidates[s.choice].Place; p.Kind == kb.Country {
				named[p.Country] = true
			}
		}
	}
	for i := range states {
		s := &states[i]
		if s.choice < 0 {
			continue
		}
		p := s.res.Candidates[s.choice].Place
		if p.Kind.Settlement() && !regionCountries[p.Country] && p.Importance < minForeignImportance && !named[p.Country] {
			s.choice = -1
		}
	}
}

type evidence struct {
	votes   map[string]float64 // country → weight
	total   float64
	admin1  map[string]bool // ids of divisions named
	anchors []anchor
}

type anchor struct {
	mention int
	place   *kb.Place
}

func (r *Resolver) evidence(states []mentionState, ctx Context, fromChoices bool) evidence {
	ev := evidence{votes: map[string]float64{}, admin1: map[string]bool{}}
	vote := func(cc string, w float64) {
		ev.votes[cc] += w
		ev.total += w
	}
	for _, cc := range ctx.Countries {
		vote(cc, voteNamedCountry)
	}
	for i := range states {
		s := &states[i]
		cs := s.res.Candidates
		if len(cs) == 0 {
			continue
		}
		if s.res.Country != "" {
			vote(s.res.Country, voteNamedCountry)
		}
		var top kb.Candidate
		sure := false
		if fromChoices {
			if s.choice < 0 {
				continue
			}
			top, sure = cs[s.choice], s.margin >= anchorMargin
		} else {
			top = cs[0]
			sure = len(cs) == 1 || cs[0].Score-cs[1].Score >= anchorMargin
		}
		switch {
		case top.Place.Kind == kb.Country && sure:
			vote(top.Place.Country, voteNamedCountry)
		case top.Place.Kind == kb.Admin1 && sure:
			ev.admin1[top.Place.ID] = true
			vote(top.Place.Country, voteAdmin1)
		default:
			if fromChoices || oneCountry(cs) {
				vote(top.Place.Country, voteOneCountry)
			}
			if sure && (top.Place.Kind.Settlement() || top.Place.Kind == kb.Site) {
				ev.anchors = append(ev.anchors, anchor{mention: i, place: top.Place})
			}
		}
	}
	return ev
}

func oneCountry(cs []kb.Candidate) bool {
	for _, c := range cs[1:] {
		if c.Place.Country != cs[0].Place.Country {
			return false
		}
	}
	return true
}

func (r *Resolver) choose(states []mentionState, ev evidence) {
	for i := range states {
		s := &states[i]
		s.choice, s.margin = -1, 0
		best, second := -1e9, -1e9
		for j, c := range s.res.Candidates {
			t := c.Score + kindBonus(s.res.Kind, c.Place.Kind) + regionPrior(c.Place.Country)
			if ev.total > 0 {
				t += weightCountryHint * ev.votes[c.Place.Country] / ev.total
			}
			if ev.admin1[c.Place.Admin1] {
				t += weightAdmin1
			}
			near := 0.0
			for _, a := range ev.anchors {
				if a.mention == i || a.place == c.Place {
					continue
				}
				d := kb.DistanceKm(a.place.Lat, a.place.Lon, c.Place.Lat, c.Place.Lon)
				near = max(near, weightAnchor*expDecay(d, anchorScaleKm))
			}
			t += near
			switch {
			case t > best:
				second, best, s.choice = best, t, j
			case t > second:
				second = t
			}
		}
		if s.choice >= 0 {
			s.margin = best - second
		}
	}
}

func (r *Resolver) places(states []mentionState) []document.Place {
	var out []document.Place
	byKB := map[string]int{}
	for i := range states {
		s := &states[i]
		if s.choice < 0 {
			continue
		}
		p := s.res.Candidates[s.choice].Place
		if k, ok := byKB[p.ID]; ok {
			out[k].Mentions = append(out[k].Mentions, s.m.ID)
			continue
		}
		byKB[p.ID] = len(out)
		dp := r.DocumentPlace(p)
		if len(p.Names) == 0 {
			// The index knows it only by its Latin name: the article's
			// own spelling is the better name to print.
			dp.Name = s.m.Text
		}
		dp.ID = fmt.Sprintf("P%d", len(out)+1)
		dp.Mentions = []string{s.m.ID}
		out = append(out, dp)
	}
	return out
}

// DocumentPlace is p in the document's form, without id or mentions.
func (r *Resolver) DocumentPlace(p *kb.Place) document.Place {
	lat, lon := p.Lat, p.Lon
	return document.Place{
		Name:      p.Name(),
		Lat:       &lat,
		Lon:       &lon,
		Country:   p.Country,
		Admin1:    r.Admin1Name(p),
		Precision: Precision(p.Kind),
		KB:        p.ID,
		Mentions:  []string{},
	}
}

// Admin1Name is the name of the first-level division p lies in (p's own
// for a division), "" when unknown.
func (r *Resolver) Admin1Name(p *kb.Place) string {
	if p.Kind == kb.Admin1 {
		return p.Name()
	}
	if a, ok := r.ix.ByID(p.Admin1); ok {
		return a.Name()
	}
	return ""
}

// Resolve resolves the LOC entities of d: it appends one Place per place
// they name to d.Places (ids continuing from those already there) and
// sets the knowledge-base id of each entity it resolved. Countries named
// by adjectives in d's MISC entities (الليبية) count as context.
func (r *Resolver) Resolve(d *document.Document) {
	var ms []Mention
	var ctx Context
	byID := map[string]int{}
	for i := range d.Entities {
		if d.Entities[i].Type == document.LOC {
			r.extendMention(d, i)
		}
		e := d.Entities[i]
		switch e.Type {
		case document.LOC:
			if r.generic[genericKey(e.Text)] {
				continue
			}
			ms = append(ms, Mention{ID: e.ID, Text: e.Text})
			byID[e.ID] = i
		case document.MISC:
			words := strings.Fields(e.Text)
			if len(words) == 0 {
				continue
			}
			if cc, ok := r.ix.AdjectiveCountry(words[len(words)-1]); ok {
				ctx.Countries = append(ctx.Countries, cc)
			}
		}
	}
	if len(ms) == 0 {
		return
	}
	places := r.ResolveMentions(ms, ctx)
	for _, p := range places {
		p.ID = fmt.Sprintf("P%d", len(d.Places)+1)
		for _, id := range p.Mentions {
			if e := &d.Entities[byID[id]]; e.KB == "" {
				e.KB = p.KB
			}
		}
		d.Places = append(d.Places, p)
	}
}

// extendMention lengthens LOC entity i of d by the word after it when
// the two words are a place's name in the index and the one alone is
// not that place: the tagger cuts خور مكسر to خور (Qatar's Al Khor) and
// دير الزور to دير. The word must follow after one space and belong to no
// other entity.
func (r *Resolver) extendMention(d *document.Document, i int) {
	e := &d.Entities[i]
	if e.End < 0 || e.End >= len(d.Text) || d.Text[e.End] != ' ' {
		return
	}
	start := e.End + 1
	end := start
	for end < len(d.Text) {
		c, size := utf8.DecodeRuneInString(d.Text[end:])
		if !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) {
			break
		}
		end += size
	}
	if end == start {
		return
	}
	for j := range d.Entities {
		if o := &d.Entities[j]; j != i && o.Start < end && o.End > e.Start {
			return
		}
	}
	longer := d.Text[e.Start:end]
	res := r.ix.Lookup(longer)
	if len(res.Candidates) == 0 || res.Kind != 0 || res.Country != "" {
		return
	}
	best := res.Candidates[0]
	if best.Match != kb.MatchExact && best.Match != kb.MatchClitic {
		return
	}
	for _, c := range r.ix.Lookup(e.Text).Candidates {
		if c.Place == best.Place {
			return // the short name already names it; the word is not part of it
		}
	}
	e.End, e.Text = end, longer
	if e.Canonical != "" {
		e.Canonical += " " + d.Text[start:end]
	}
}
