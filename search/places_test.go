package search

import (
	"testing"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/kb"
)

func places(tb testing.TB) *Places {
	tb.Helper()
	ix, err := kb.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return NewPlaces(ix)
}

func TestPlacesResolve(t *testing.T) {
	p := places(t)
	cases := []struct {
		name    string
		kind    kb.Kind
		country string
		admin1  string
		match   string
	}{
		{"ليبيا", kb.Country, "LY", "", "LY"},
		{"لیبیا", kb.Country, "LY", "", "LY"}, // Persian ya, as pasted from Farsi keyboards
		{" اليمن ", kb.Country, "YE", "", "YE"},
		{"يمن", kb.Country, "YE", "", "YE"},
		{"LY", kb.Country, "LY", "", "LY"},
		{"sd", kb.Country, "SD", "", "SD"},
		{"Libya", kb.Country, "LY", "", "LY"},
		{"الجزائر", kb.Country, "DZ", "", "DZ"}, // the country before its capital
		{"محافظة مأرب", kb.Admin1, "YE", "محافظة مأرب", "YE مأرب"},
		{"محافظة مارب", kb.Admin1, "YE", "محافظة مأرب", "YE مأرب"},
		{"ولاية شمال دارفور", kb.Admin1, "SD", "شمال دارفور", "SD شمال دارفور"},
		{"شعبية درنة", kb.Admin1, "LY", "شعبية درنة", "LY درنة"},
		{"درنة district", kb.Admin1, "LY", "شعبية درنة", "LY درنة"},
		{"حضرموت", kb.Admin1, "YE", "محافظة حضرموت", "YE حضرموت"},
		// Towns, regions and unknown names are matched word by word.
		{"مأرب", 0, "", "", "مأرب"},
		{"درنة", 0, "", "", "درنة"},
		{"طرابلس", 0, "", "", "طرابلس"},
		{"دارفور", 0, "", "", "دارفور"},
		{"الليبية", 0, "", "", "الليبية"},
		{"ZZ", 0, "", "", "ZZ"},
		{"حي الأندلس", 0, "", "", "حي الأندلس"},
	}
	for _, tc := range cases {
		got := p.Resolve(tc.name)
		if got.Kind != tc.kind || got.Country != tc.country || got.Admin1 != tc.admin1 || got.Match != tc.match {
			t.Errorf("Resolve(%q) = %+v, want %v %q %q %q", tc.name, got, tc.kind, tc.country, tc.admin1, tc.match)
		}
	}
	var none *Places
	if got := none.Resolve("ليبيا"); got.Kind != 0 || got.Match != "ليبيا" {
		t.Errorf("nil Places: Resolve(ليبيا) = %+v, want the name as it is", got)
	}
}

// TestEventFilterPlaces checks that an export's event filter keeps, for a
// country's or a division's name, the events in it, and for a town's the
// town's.
func TestEventFilterPlaces(t *testing.T) {
	an := analyzer(t)
	s := New(nil, an).WithPlaces(places(t))
	text := "قصفت طائرات مسيرة مواقع في مدينة درنة، واندلعت اشتباكات في بلدة القبة، وتظاهر سكان في طرابلس، فيما دعت الأمم المتحدة إلى التهدئة في ليبيا."
	d := document.New("derna-day", text)
	lat, lon := 32.0, 22.0
	d.Places = []document.Place{
		{ID: "P1", Name: "درنة", Country: "LY", Admin1: "شعبية درنة", Precision: "city", Lat: &lat, Lon: &lon},
		{ID: "P2", Name: "القبة", Country: "LY", Admin1: "شعبية درنة", Precision: "town", Lat: &lat, Lon: &lon},
		{ID: "P3", Name: "طرابلس", Country: "LY", Admin1: "شعبية طرابلس", Precision: "city", Lat: &lat, Lon: &lon},
		{ID: "P4", Name: "ليبيا", Country: "LY", Precision: "country", Lat: &lat, Lon: &lon},
	}
	for i, p := range []string{"P1", "P2", "P3", "P4"} {
		d.Events = append(d.Events, document.Event{ID: "V" + string(rune('1'+i)), Type: "ASSAULT", Place: &p})
	}
	cases := []struct {
		place string
		want  string // the events that pass, by id
	}{
		{"ليبيا", "V1V2V3V4"},
		{"LY", "V1V2V3V4"},
		{"اليمن", ""},
		{"شعبية درنة", "V1V2"},
		{"درنة district", "V1V2"},
		{"شعبية طرابلس", "V3"},
		{"القبة", "V2"},
	}
	for _, tc := range cases {
		ef, err := s.Events(Filter{Place: tc.place})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, v := range d.Events {
			if ef.Match(d, v) {
				got += v.ID
			}
		}
		if got != tc.want {
			t.Errorf("place %q: %q pass, want %q", tc.place, got, tc.want)
		}
	}
}

func BenchmarkPlacesResolve(b *testing.B) {
	p := places(b)
	for b.Loop() {
		if got := p.Resolve("ولاية شمال دارفور"); got.Kind != kb.Admin1 {
			b.Fatalf("Resolve = %+v", got)
		}
	}
}
