package search

import (
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/store"
)

// Filter narrows a search or an export. Zero fields do not filter.
type Filter struct {
	// Types are event types, PLOVER (ASSAULT) or ACLED (Battles, "Air/drone
	// strike"), in any case; an article or event of any of them passes.
	Types []string
	// Actor is a name that must be among an event's actor, target and
	// participants (or, for an article, any person or organisation it
	// names); every word of it must match.
	Actor string
	// Place is a place name (or ISO country code) every word of which
	// the event's place (or one the article names) must match, once a
	// Searcher with Places has turned the name of a country or a
	// first-level division into that country's code and division's name,
	// so that it selects what lies in them.
	Place string
	// Near keeps what has a place within Km kilometres of Lat, Lon.
	Near *Near
	// From and To bound the day (2006-01-02), inclusive: the article's
	// publication day, and for an event its own date where it has one.
	From, To string
	// Outlet is the outlet's name, matched whole after normalisation.
	Outlet string
}

// Near is a circle on the map.
type Near struct {
	Lat, Lon, Km float64
}

// IsZero says whether f filters nothing.
func (f Filter) IsZero() bool {
	return len(f.Types) == 0 && f.Actor == "" && f.Place == "" && f.Near == nil && f.From == "" && f.To == "" && f.Outlet == ""
}

// Validate checks the filter's values, with messages fit for a user.
func (f Filter) Validate() error {
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			return fmt.Errorf("%s date %q: want a day such as 2020-06-22", d.name, d.v)
		}
	}
	for _, t := range f.Types {
		if !KnownType(t) {
			return fmt.Errorf("type %q: want a PLOVER type (ASSAULT, PROTEST, …) or an ACLED event or sub-event type (Battles, \"Air/drone strike\", …)", t)
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return fmt.Errorf("from date %s is after to date %s", f.From, f.To)
	}
	if n := f.Near; n != nil {
		if !(n.Lat >= -90 && n.Lat <= 90 && n.Lon >= -180 && n.Lon <= 180 && n.Km > 0) || math.IsInf(n.Km, 1) {
			return fmt.Errorf("near %g,%g,%g: want a latitude in [-90, 90], a longitude in [-180, 180] and a positive distance", n.Lat, n.Lon, n.Km)
		}
	}
	return nil
}

// Documents returns, sorted, the numbers of the stored documents that pass
// f, or nil when f filters nothing.
func (s *Searcher) Documents(ctx context.Context, f Filter) ([]int64, error) {
	set, _, err := s.documents(ctx, f)
	return set, err
}

// documents is Documents, and also returns, when it had to read them,
// the documents in the filter's date range newest first.
func (s *Searcher) documents(ctx context.Context, f Filter) (set, newest []int64, err error) {
	if err := f.Validate(); err != nil {
		return nil, nil, err
	}
	if f.IsZero() {
		return nil, nil, nil
	}
	f = s.places.ResolvePlace(f)
	first := true
	narrow := func(nums []int64) {
		if first {
			set, first = nums, false
			return
		}
		set = Intersect(set, nums)
	}
	// within is what later lookups may restrict themselves to.
	within := func() []int64 {
		if first {
			return nil
		}
		if set == nil {
			return []int64{}
		}
		return set
	}

	if f.From != "" || f.To != "" {
		newest, err = s.st.Published(ctx, f.From, f.To)
		if err != nil {
			return nil, nil, err
		}
		narrow(slices.Sorted(slices.Values(newest)))
	}
	if f.Near != nil {
		nums, err := s.st.Near(ctx, f.Near.Lat, f.Near.Lon, f.Near.Km)
		if err != nil {
			return nil, nil, err
		}
		narrow(nums)
	}
	if len(f.Types) > 0 {
		var union []int64
		for _, t := range store.TypeTerms(f.Types...) {
			nums, err := s.docsWith(ctx, t, within())
			if err != nil {
				return nil, nil, err
			}
			union = unite(union, nums)
		}
		narrow(union)
	}
	var all []string
	if f.Outlet != "" {
		t := store.OutletTerm(s.an, f.Outlet)
		if t == "" {
			return nil, nil, fmt.Errorf("outlet %q has no words", f.Outlet)
		}
		all = append(all, t)
	}
	for _, name := range []struct {
		what, v string
		terms   func(store.Analyzer, string) []string
	}{{"actor", f.Actor, store.ActorTerms}, {"place", f.Place, store.PlaceTerms}} {
		if name.v == "" {
			continue
		}
		terms := name.terms(s.an, name.v)
		if len(terms) == 0 {
			return nil, nil, fmt.Errorf("%s %q has no words", name.what, name.v)
		}
		all = append(all, terms...)
	}
	for _, t := range all {
		nums, err := s.docsWith(ctx, t, within())
		if err != nil {
			return nil, nil, err
		}
		narrow(nums)
	}
	if set == nil {
		set = []int64{}
	}
	return set, newest, nil
}

func (s *Searcher) docsWith(ctx context.Context, term string, within []int64) ([]int64, error) {
	if within != nil && len(within) == 0 {
		return nil, nil
	}
	ps, err := s.st.Postings(ctx, term, within)
	if err != nil {
		return nil, err
	}
	nums := make([]int64, len(ps))
	for i, p := range ps {
		nums[i] = p.Num
	}
	return nums, nil
}

// Intersect returns the document numbers in both sorted lists (nil when
// none), for callers that combine the searcher's sets with their own.
func Intersect(a, b []int64) []int64 {
	var out []int64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// unite returns the numbers in either sorted list.
func unite(a, b []int64) []int64 {
	out := make([]int64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// EventFilter decides which events of a document pass a filter; export
// uses it, one row per event. Its name matching is word by word on
// normalised stems, as the document-level filter's.
type EventFilter struct {
	f                    Filter
	an                   store.Analyzer
	types                map[string]bool
	actor, place, outlet []string
}

// Events returns the event-level view of f.
func (s *Searcher) Events(f Filter) (*EventFilter, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f = s.places.ResolvePlace(f)
	ef := &EventFilter{f: f, an: s.an, types: make(map[string]bool)}
	for _, t := range store.TypeTerms(f.Types...) {
		ef.types[t] = true
	}
	ef.actor = store.Terms(s.an, f.Actor)
	ef.place = store.Terms(s.an, f.Place)
	ef.outlet = store.Terms(s.an, f.Outlet)
	return ef, nil
}

// Match says whether event v of d passes.
func (ef *EventFilter) Match(d *document.Document, v document.Event) bool {
	f := ef.f
	if len(ef.types) > 0 {
		ok := false
		for _, t := range store.TypeTerms(v.Type) {
			ok = ok || ef.types[t]
		}
		if v.ACLED != nil {
			for _, t := range store.TypeTerms(v.ACLED.EventType, v.ACLED.SubEventType) {
				ok = ok || ef.types[t]
			}
		}
		if !ok {
			return false
		}
	}
	if f.Outlet != "" {
		if d.Outlet == nil || strings.Join(store.Terms(ef.an, *d.Outlet), " ") != strings.Join(ef.outlet, " ") {
			return false
		}
	}
	if f.From != "" || f.To != "" {
		day := EventDay(d, v)
		if day == "" || f.From != "" && day < f.From || f.To != "" && day > f.To {
			return false
		}
	}
	if f.Actor != "" {
		var names []string
		if v.Actor != nil {
			names = append(names, v.Actor.Text, v.Actor.Canonical)
		}
		if v.Target != nil {
			names = append(names, v.Target.Text, v.Target.Canonical)
		}
		for _, p := range v.Participants {
			names = append(names, p.Text, p.Canonical)
		}
		if !ef.namesMatch(names, ef.actor) {
			return false
		}
	}
	place := EventPlace(d, v)
	if f.Place != "" && (place == nil || !ef.namesMatch([]string{place.Name, place.Admin1, place.Country}, ef.place)) {
		return false
	}
	if n := f.Near; n != nil {
		if place == nil || place.Lat == nil || place.Lon == nil || store.DistanceKm(n.Lat, n.Lon, *place.Lat, *place.Lon) > n.Km {
			return false
		}
	}
	return true
}

// namesMatch says whether every wanted term is among the terms of names.
func (ef *EventFilter) namesMatch(names []string, want []string) bool {
	have := make(map[string]bool)
	for _, n := range names {
		for _, t := range store.Terms(ef.an, n) {
			have[t] = true
		}
	}
	for _, t := range want {
		if !have[t] {
			return false
		}
	}
	return true
}

// EventDay is the day an event happened as far as the article says: its
// own date, else the article's publication day; empty when neither is
// known.
func EventDay(d *document.Document, v document.Event) string {
	if v.Date != nil {
		return *v.Date
	}
	if d.Published != nil {
		return *d.Published
	}
	return ""
}

// EventPlace returns the place an event happened, or nil.
func EventPlace(d *document.Document, v document.Event) *document.Place {
	if v.Place == nil {
		return nil
	}
	for i := range d.Places {
		if d.Places[i].ID == *v.Place {
			return &d.Places[i]
		}
	}
	return nil
}

// streamChunk is how many documents Stream loads at a time.
const streamChunk = 200

// Stream yields the stored documents that pass f's document-level test,
// in the order they were stored, a few hundred at a time, so that memory
// stays flat however many there are.
func (s *Searcher) Stream(ctx context.Context, f Filter) iter.Seq2[*store.Stored, error] {
	return func(yield func(*store.Stored, error) bool) {
		nums, err := s.Documents(ctx, f)
		if err == nil && nums == nil {
			nums, err = s.st.Published(ctx, "", "")
			slices.Sort(nums)
		}
		if err != nil {
			yield(nil, err)
			return
		}
		for chunk := range slices.Chunk(nums, streamChunk) {
			docs, err := s.st.Documents(ctx, chunk)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, d := range docs {
				if !yield(d, nil) {
					return
				}
			}
		}
	}
}
