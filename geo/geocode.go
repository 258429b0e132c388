package geo

import (
	"math"
	"slices"

	"github.com/rasad/rasad/kb"
)

// Weights of the evidence that ranks candidates, in units of importance
// (about a factor of ten in population each).
const (
	weightCountryHint = 3   // the candidate lies in the country the caller or the article names
	weightNear        = 3   // at most, for a candidate at the --near point
	nearScaleKm       = 150 // the nearness bonus falls to 1/e at this distance
	weightKindHint    = 2   // the query's unit word (مدينة, محافظة) asks for this kind
	weightAdmin1      = 1.5 // the candidate lies in a division the article names
	weightAnchor      = 1.5 // at most, for a candidate beside a place the article names without doubt
	anchorScaleKm     = 150
	maxCandidates     = 20
	// weightRegion favours the Arab world and the Sahel, the region
	// whose news rasad reads, over homonyms elsewhere: زنجبار in Abyan
	// before Zanzibar, سنجار before Iran's Sonqor. It is worth a factor
	// of about thirty in population, less than a country the article
	// names.
	weightRegion = 1.5
)

// regionCountries are the Arab League's members and the Sahel and Horn
// countries whose wars Arabic news follows.
var regionCountries = map[string]bool{
	"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true, "JO": true, "KW": true,
	"LB": true, "LY": true, "MR": true, "MA": true, "OM": true, "PS": true, "QA": true, "SA": true,
	"SO": true, "SD": true, "SY": true, "TN": true, "AE": true, "YE": true, "EH": true,
	"TD": true, "NE": true, "ML": true, "BF": true, "SS": true, "IL": true,
}

// regionPrior is the bonus of a candidate in country cc.
func regionPrior(cc string) float64 {
	if regionCountries[cc] {
		return weightRegion
	}
	return 0
}

// Hints are what a caller knows beyond the name.
type Hints struct {
	// Country is an ISO 3166-1 alpha-2 code the place is likely in.
	Country string
	// Near is a point the place is likely close to; nil when unknown.
	Near *Point
}

// Point is a latitude and longitude in degrees.
type Point struct{ Lat, Lon float64 }

// Scored is a candidate with its final score.
type Scored struct {
	kb.Candidate
	Total float64
}

// Answer is the ranked reading of one name.
type Answer struct {
	Query      string
	Candidates []Scored // best first; empty when nothing fits
}

// Best returns the best candidate, if any.
func (a *Answer) Best() (Scored, bool) {
	if len(a.Candidates) == 0 {
		return Scored{}, false
	}
	return a.Candidates[0], true
}

// Precision is the places[].precision value for a kind of place.
func Precision(k kb.Kind) string {
	switch k {
	case kb.Country:
		return "country"
	case kb.Admin1:
		return "admin1"
	case kb.Region:
		return "region"
	case kb.Site:
		return "site"
	default:
		return "city"
	}
}

// Geocode ranks the places name may refer to: the surest way of matching
// first (kb.Index.Lookup), then importance, the country hint and nearness
// to the hinted point.
func (r *Resolver) Geocode(name string, h Hints) Answer {
	res := r.ix.Lookup(name)
	cands := r.withTranslit(name, res, h.Country == "", func(cc string) bool { return h.Country == "" || cc == h.Country })
	ans := Answer{Query: name, Candidates: make([]Scored, 0, min(len(cands), maxCandidates))}
	for i, c := range cands {
		if i == maxCandidates {
			break
		}
		s := c.Score + kindBonus(res.Kind, c.Place.Kind) + regionPrior(c.Place.Country)
		if h.Country != "" && c.Place.Country == h.Country {
			s += weightCountryHint
		}
		if res.Country != "" && c.Place.Country == res.Country {
			s += weightCountryHint
		}
		if h.Near != nil {
			s += weightNear * expDecay(kb.DistanceKm(h.Near.Lat, h.Near.Lon, c.Place.Lat, c.Place.Lon), nearScaleKm)
		}
		ans.Candidates = append(ans.Candidates, Scored{Candidate: c, Total: s})
	}
	sortScored(ans.Candidates)
	return ans
}

func kindBonus(want, got kb.Kind) float64 {
	switch {
	case want == 0:
		return 0
	case want == got, want.Settlement() && got.Settlement():
		return weightKindHint
	}
	return 0
}

func sortScored(cs []Scored) {
	slices.SortStableFunc(cs, func(a, b Scored) int {
		switch {
		case a.Total > b.Total:
			return -1
		case a.Total < b.Total:
			return 1
		}
		return 0
	})
}

func expDecay(d, scale float64) float64 { return math.Exp(-d / scale) }

// withTranslit returns the candidates of res, or, when none of them lies
// in a country the context allows, the transliteration candidates that
// do. strict is for callers with no country to check against (see
// kb.Index.LookupTranslit).
func (r *Resolver) withTranslit(name string, res kb.Result, strict bool, allowed func(country string) bool) []kb.Candidate {
	for _, c := range res.Candidates {
		if allowed(c.Place.Country) {
			return res.Candidates
		}
	}
	var out []kb.Candidate
	for _, c := range r.ix.LookupTranslit(name, strict) {
		if allowed(c.Place.Country) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return res.Candidates
	}
	return append(out, res.Candidates...)
}
