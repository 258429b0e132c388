package storetest

import (
	"slices"
	"testing"

	"github.com/rasad/rasad/kb"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// testPlaceScopes checks that a place filter naming a country or a
// division selects what lies in it, and a town's name the town, alike in
// the search index, the event filter of exports and the event listing.
func (s *suite) testPlaceScopes(t *testing.T) {
	ctx := t.Context()
	st, _ := s.open(t)
	for _, d := range PlaceCorpus() {
		if _, err := st.Put(ctx, d); err != nil {
			t.Fatalf("Put(%s): %v", d.ID, err)
		}
	}
	el, ok := st.(store.EventLister)
	if !ok {
		t.Fatalf("%T is not a store.EventLister", st)
	}
	if _, _, err := el.SyncEvents(ctx); err != nil {
		t.Fatal(err)
	}
	ix, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	places := search.NewPlaces(ix)
	plain := search.New(st, s.an)
	srch := plain.WithPlaces(places)

	libya := []string{"derna", "libya-wide", "qubba", "tripoli-ly"}
	cases := []struct {
		place string
		want  []string // sorted document ids, one event each
	}{
		{"ليبيا", libya},
		{"لیبیا", libya}, // Persian ya
		{"LY", libya},
		{"ly", libya},
		{"Libya", libya},
		{"اليمن", []string{"marib", "sanaa", "sirwah"}},
		{"السودان", []string{"fasher", "nyala"}},
		{"الجزائر", nil},
		{"شعبية درنة", []string{"derna", "qubba"}},
		{"درنة district", []string{"derna", "qubba"}},
		{"محافظة مأرب", []string{"marib", "sirwah"}},
		{"محافظة مارب", []string{"marib", "sirwah"}},
		{"ولاية شمال دارفور", []string{"fasher"}},
		{"شمال دارفور", []string{"fasher"}},
		// Towns stay towns: both Tripolis, and what lies in the
		// division of a town's name.
		{"طرابلس", []string{"tripoli-lb", "tripoli-ly"}},
		{"صرواح", []string{"sirwah"}},
		{"مأرب", []string{"marib", "sirwah"}},
	}
	corpus := PlaceCorpus()
	for _, tc := range cases {
		f := search.Filter{Place: tc.place}

		ef, err := srch.Events(f)
		if err != nil {
			t.Fatal(err)
		}
		var exported []string
		for _, d := range corpus {
			for _, v := range d.Events {
				if ef.Match(d, v) {
					exported = append(exported, d.ID)
				}
			}
		}
		slices.Sort(exported)
		if !slices.Equal(exported, tc.want) {
			t.Errorf("place %q: event filter passes %v, want %v", tc.place, exported, tc.want)
		}

		res, err := srch.Search(ctx, search.Query{Filter: f, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, h := range res.Hits {
			found = append(found, h.ID)
		}
		slices.Sort(found)
		if !slices.Equal(found, tc.want) {
			t.Errorf("place %q: search finds %v, want %v", tc.place, found, tc.want)
		}

		q := store.EventQuery{Place: places.Resolve(tc.place).Match}
		n, err := el.CountEvents(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := el.ListEvents(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var listed []string
		for _, it := range itemsOf(t, rows) {
			listed = append(listed, it.Doc)
		}
		slices.Sort(listed)
		if n != len(tc.want) || !slices.Equal(listed, tc.want) {
			t.Errorf("place %q (%q): the listing has %d events %v, want %v", tc.place, q.Place, n, listed, tc.want)
		}
	}

	// Without the place index, a country's name is only a word: the
	// events placed at the country as a whole.
	res, err := plain.Search(ctx, search.Query{Filter: search.Filter{Place: "ليبيا"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "libya-wide" {
		t.Errorf("place ليبيا word by word: %+v, want libya-wide alone", res.Hits)
	}
}
