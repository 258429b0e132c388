package search

import (
	"strings"

	"github.com/rasad/rasad/kb"
)

// Places turns the place a filter names into what the index matches, so
// that a country or a first-level division stands for everything in it:
// ليبيا selects the events in Libya, not only those placed at the
// country as a whole; محافظة مأرب those in the governorate, wherever the
// article placed them in it. It matches on what every stored document
// already has, the country code and the division's name of each place
// (store.PlaceTerms), so nothing needs re-indexing and every backend
// answers alike. A nil *Places matches names word by word.
type Places struct {
	ix *kb.Index
}

// NewPlaces returns a resolver over the place index ix.
func NewPlaces(ix *kb.Index) *Places { return &Places{ix: ix} }

// PlaceScope is what a place filter selects.
type PlaceScope struct {
	// Kind is kb.Country or kb.Admin1 when the name is that of a
	// country or a first-level division, 0 when it is matched word by
	// word (a town, a region, a name the index does not know).
	Kind kb.Kind
	// Country is the ISO code of the country, or of the division's.
	Country string
	// Admin1 is the division's name as documents' places[].admin1 give
	// it (شمال دارفور for ولاية شمال دارفور), for Kind kb.Admin1.
	Admin1 string
	// Match is the place filter the index is asked for, every word of
	// which an event's place (its name, division and country code) must
	// have: the country code; for a division, the country code and the
	// division's name without its unit word, which its towns carry as
	// their admin1; else the name as given.
	Match string
}

// admin1Units are the words that begin the names of first-level
// divisions in the index (شعبية درنة، محافظة مأرب، ولاية الخرطوم):
// towns of the division carry its name, and news names it, without
// them. Compared after kb.Key.
var admin1Units = keys("محافظة", "ولاية", "الولاية", "شعبية", "مديرية", "قضاء")

// latinAdmin1Units are the English words that say a name is a division's
// (درنة district, Marib governorate), before or after it, lower-cased.
var latinAdmin1Units = map[string]bool{
	"district": true, "governorate": true, "state": true, "province": true,
	"wilaya": true, "wilayah": true, "muhafazah": true, "muhafazat": true, "shabiyat": true,
}

func keys(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[kb.Key(w)] = true
	}
	return m
}

// Resolve says what the place filter name selects. An ISO code (LY, ly)
// and a country's name in any spelling the index knows (ليبيا، لیبیا،
// Libya) select the country; a division's name (محافظة مأرب، ولاية
// شمال دارفور، حضرموت، درنة district) the division. A name that is
// first a town's (مأرب، درنة، طرابلس) stays a town's: it is matched
// word by word, as are regions and names the index does not know.
func (p *Places) Resolve(name string) PlaceScope {
	name = strings.TrimSpace(name)
	scope := PlaceScope{Match: name}
	if p == nil || p.ix == nil || name == "" {
		return scope
	}
	if len(name) == 2 && isASCIILetters(name) {
		if c, ok := p.ix.CountryPlace(strings.ToUpper(name)); ok {
			return PlaceScope{Kind: kb.Country, Country: c.Country, Match: c.Country}
		}
		return scope
	}
	place := p.lookup(name)
	if place == nil {
		return scope
	}
	switch place.Kind {
	case kb.Country:
		return PlaceScope{Kind: kb.Country, Country: place.Country, Match: place.Country}
	case kb.Admin1:
		full := place.Name()
		return PlaceScope{Kind: kb.Admin1, Country: place.Country, Admin1: full,
			Match: place.Country + " " + withoutUnit(full)}
	}
	return scope
}

// lookup returns the place name names first, if it is a country or a
// division; a division's name in English words (درنة district) asks the
// index for the division, as محافظة before the name does.
func (p *Places) lookup(name string) *kb.Place {
	words := strings.Fields(name)
	var rest []string
	unit := false
	for _, w := range words {
		if latinAdmin1Units[strings.ToLower(w)] {
			unit = true
			continue
		}
		rest = append(rest, w)
	}
	if len(rest) == 0 {
		return nil
	}
	query := strings.Join(rest, " ")
	if unit && !isASCIILetters(strings.ReplaceAll(query, " ", "")) {
		query = "محافظة " + query
	}
	res := p.ix.Lookup(query)
	for _, c := range res.Candidates {
		if unit && c.Place.Kind != kb.Admin1 {
			continue // Derna district is the division, not the town
		}
		if c.Place.Kind == kb.Country || c.Place.Kind == kb.Admin1 {
			return c.Place
		}
		return nil // a town (مأرب) or a region before any division
	}
	return nil
}

// withoutUnit drops the unit word a division's name begins with, when a
// name is left after it.
func withoutUnit(name string) string {
	first, rest, ok := strings.Cut(name, " ")
	if ok && admin1Units[kb.Key(first)] && strings.TrimSpace(rest) != "" {
		return strings.TrimSpace(rest)
	}
	return name
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// ResolvePlace returns f with its place replaced by what the index
// matches (PlaceScope.Match): the form store.EventQuery.Place takes.
func (p *Places) ResolvePlace(f Filter) Filter {
	if f.Place != "" {
		f.Place = p.Resolve(f.Place).Match
	}
	return f
}
