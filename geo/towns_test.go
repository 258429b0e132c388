package geo

import (
	"testing"

	"github.com/rasad/rasad/kb"
)

// Every spelling of every town of the hand-written table must lead, with
// the town's country as the hint, to a place within 25 km of it: a
// spelling that another place of the country takes over, or a line the
// build merged into a far place, shows here.
func TestTownTableResolves(t *testing.T) {
	towns, err := kb.ReadTowns(kb.TownFiles(), "towns")
	if err != nil {
		t.Fatal(err)
	}
	if len(towns) < 600 {
		t.Fatalf("%d towns in kb/towns, want at least 600", len(towns))
	}
	r := testResolver()
	bad, noHint := 0, 0
	for _, tw := range towns {
		if a, ok := r.Index().ByID(tw.Admin1); tw.Admin1 != "" && (!ok || a.Kind != kb.Admin1 || a.Country != tw.Country) {
			t.Errorf("%s: admin1 %s is no division of %s in the index", tw.ID, tw.Admin1, tw.Country)
		}
		for _, name := range tw.Names {
			ans := r.Geocode(name, Hints{Country: tw.Country})
			best, ok := ans.Best()
			if !ok {
				t.Errorf("%s (%s): nothing", name, tw.ID)
				bad++
				continue
			}
			if d := kb.DistanceKm(tw.Lat, tw.Lon, best.Place.Lat, best.Place.Lon); d > 25 {
				t.Errorf("%s (%s, %s): got %s %s %.0f km away", name, tw.ID, tw.Country, best.Place.ID, best.Place.Name(), d)
				bad++
			}
			plain := r.Geocode(name, Hints{})
			if best, ok := plain.Best(); !ok || best.Place.Country != tw.Country {
				noHint++
			}
		}
	}
	t.Logf("%d towns; %d spellings wrong with the country hint; %d spellings whose best reading without a hint is in another country", len(towns), bad, noHint)
}
