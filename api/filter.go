package api

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// Paging limits of list endpoints.
const (
	defaultLimit = 50
	maxLimit     = 500
	// maxOffset bounds how deep a client may page: a deeper page of a
	// text search ranks and loads every article before it.
	maxOffset = 100_000
)

// listQuery is what a list endpoint's query string asks for.
type listQuery struct {
	Text          string // q: words and "quoted phrases"
	Filter        search.Filter
	Limit, Offset int
}

// filterParams are the query parameters every list endpoint reads.
var filterParams = []string{"q", "type", "actor", "place", "near", "from", "to", "outlet", "limit", "offset"}

// parseListQuery reads the filters and paging of a list endpoint, with
// the semantics of rasad search's flags; extra names the endpoint's own
// parameters. Unknown parameters are refused, so that a misspelt filter
// does not silently list everything.
func parseListQuery(v url.Values, an store.Analyzer, extra ...string) (listQuery, error) {
	for name := range v {
		if !contains(filterParams, name) && !contains(extra, name) {
			return listQuery{}, badRequest("unknown parameter %q (filters: type, actor, place, near, from, to, outlet; q; limit, offset)", name)
		}
	}
	for _, name := range []string{"q", "actor", "place", "near", "from", "to", "outlet", "limit", "offset"} {
		if len(v[name]) > 1 {
			return listQuery{}, badRequest("parameter %q given %d times; give it once", name, len(v[name]))
		}
	}
	q := listQuery{
		Text: strings.TrimSpace(v.Get("q")),
		Filter: search.Filter{
			Actor:  strings.TrimSpace(v.Get("actor")),
			Place:  strings.TrimSpace(v.Get("place")),
			From:   strings.TrimSpace(v.Get("from")),
			To:     strings.TrimSpace(v.Get("to")),
			Outlet: strings.TrimSpace(v.Get("outlet")),
		},
		Limit: defaultLimit,
	}
	for _, t := range v["type"] {
		for part := range strings.SplitSeq(t, ",") {
			if part = strings.TrimSpace(part); part != "" {
				q.Filter.Types = append(q.Filter.Types, part)
			}
		}
	}
	if s := v.Get("near"); s != "" {
		n, err := parseNear(s)
		if err != nil {
			return listQuery{}, err
		}
		q.Filter.Near = n
	}
	if err := q.Filter.Validate(); err != nil {
		return listQuery{}, badRequest("%v", err)
	}
	for _, name := range []struct{ what, v string }{{"actor", q.Filter.Actor}, {"place", q.Filter.Place}, {"outlet", q.Filter.Outlet}} {
		if name.v != "" && len(store.Terms(an, name.v)) == 0 {
			return listQuery{}, badRequest("%s %q has no words", name.what, name.v)
		}
	}
	var err error
	if q.Limit, err = intParam(v, "limit", defaultLimit, 1, maxLimit); err != nil {
		return listQuery{}, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, maxOffset); err != nil {
		return listQuery{}, err
	}
	return q, nil
}

// parseNear reads LAT,LON,KM.
func parseNear(s string) (*search.Near, error) {
	parts := strings.Split(s, ",")
	var v [3]float64
	ok := len(parts) == 3
	for i := 0; ok && i < 3; i++ {
		var err error
		v[i], err = strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		// NaN would pass every range check, and match nothing.
		ok = err == nil && !math.IsNaN(v[i]) && !math.IsInf(v[i], 0)
	}
	if !ok {
		return nil, badRequest("near %q: want LAT,LON,KM, such as 32.89,13.19,25", s)
	}
	return &search.Near{Lat: v[0], Lon: v[1], Km: v[2]}, nil
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s %q: want a whole number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// eventQuery is the store's form of the filter, its place resolved by
// places as the searcher resolves it, so that the event listing selects
// what search and export do.
func eventQuery(f search.Filter, places *search.Places) store.EventQuery {
	f = places.ResolvePlace(f)
	q := store.EventQuery{Types: f.Types, Actor: f.Actor, Place: f.Place, Outlet: f.Outlet, From: f.From, To: f.To}
	if f.Near != nil {
		q.Near = &store.Circle{Lat: f.Near.Lat, Lon: f.Near.Lon, Km: f.Near.Km}
	}
	return q
}

// key is a canonical form of the query for caches.
func (q listQuery) key() string {
	f := q.Filter
	near := ""
	if f.Near != nil {
		near = strconv.FormatFloat(f.Near.Lat, 'g', -1, 64) + "," + strconv.FormatFloat(f.Near.Lon, 'g', -1, 64) + "," + strconv.FormatFloat(f.Near.Km, 'g', -1, 64)
	}
	return strings.Join([]string{q.Text, strings.Join(f.Types, ","), f.Actor, f.Place, near, f.From, f.To, f.Outlet}, "\x00")
}
