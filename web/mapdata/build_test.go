package mapdata

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/rasad/rasad/internal/shared"
)

// A tiny topology: two unit squares sharing the arc x=1 (arc 1), quantized
// with scale 0.5 and translate (10, 20).
const twoSquares = `{"type":"Topology",
 "transform":{"scale":[0.5,0.5],"translate":[10,20]},
 "objects":{"countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","id":"434","properties":{"name":"Libya"},"arcs":[[0,1]]},
  {"type":"Polygon","id":818,"properties":{"name":"Egypt"},"arcs":[[-2,2]]}
 ]}},
 "arcs":[
  [[2,0],[-2,0],[0,2],[2,0]],
  [[2,2],[0,-2]],
  [[2,2],[2,0],[0,-2],[-2,0]]
 ]}`

func TestCountries(t *testing.T) {
	names := map[string]countryName{"434": {"LY", "ليبيا"}, "818": {"EG", "مصر"}}
	got, err := Countries([]byte(twoSquares), names, Options{Decimals: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []Feature{
		{Type: "Feature", Properties: Properties{Kind: "country", ISO: "LY", Name: "Libya", NameAR: "ليبيا"},
			Geometry: Geometry{Type: "MultiPolygon", Coordinates: [][][][2]float64{{{{11, 20}, {10, 20}, {10, 21}, {11, 21}, {11, 20}}}}}},
		{Type: "Feature", Properties: Properties{Kind: "country", ISO: "EG", Name: "Egypt", NameAR: "مصر"},
			Geometry: Geometry{Type: "MultiPolygon", Coordinates: [][][][2]float64{{{{11, 20}, {11, 21}, {12, 21}, {12, 20}, {11, 20}}}}}},
	}
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if !bytes.Equal(gb, wb) {
		t.Errorf("got  %s\nwant %s", gb, wb)
	}
}

func TestCountriesErrors(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"not json", `{"type":`},
		{"not a topology", `{"type":"FeatureCollection"}`},
		{"arc out of range", `{"type":"Topology","objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[5]]}]}},"arcs":[]}`},
		{"no countries", `{"type":"Topology","objects":{},"arcs":[]}`},
		{"bad geometry", `{"type":"Topology","objects":{"countries":{"geometries":[{"type":"Point","arcs":[0]}]}},"arcs":[]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Countries([]byte(tc.in), nil, DefaultOptions)
			if !errors.Is(err, errTopology) {
				t.Errorf("error %v, want one wrapping %v", err, errTopology)
			}
		})
	}
}

func TestUnwrap(t *testing.T) {
	// An island astride the antimeridian, as Natural Earth writes it.
	ring := [][2]float64{{179, -16}, {180, -16}, {-180, -16}, {-179, -16}, {-179, -17}, {179, -17}, {179, -16}}
	unwrap(ring)
	want := [][2]float64{{179, -16}, {180, -16}, {180, -16}, {181, -16}, {181, -17}, {179, -17}, {179, -16}}
	for i := range want {
		if ring[i] != want[i] {
			t.Fatalf("unwrap = %v, want %v", ring, want)
		}
	}
}

func TestSimplify(t *testing.T) {
	line := [][2]float64{{0, 0}, {1, 0.01}, {2, -0.01}, {3, 1}, {4, 0}}
	got := simplify(line, 0.1)
	want := [][2]float64{{0, 0}, {2, -0.01}, {3, 1}, {4, 0}}
	if len(got) != len(want) {
		t.Fatalf("simplify = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("simplify = %v, want %v", got, want)
		}
	}
}

func TestRoundPolygonsDropsCollapsedRings(t *testing.T) {
	island := [][2]float64{{0.001, 0.001}, {0.002, 0.001}, {0.002, 0.002}, {0.001, 0.001}}
	square := [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}
	got := roundPolygons([][][][2]float64{{island}, {square, island}}, 2)
	if len(got) != 1 || len(got[0]) != 1 || len(got[0][0]) != 5 {
		t.Errorf("roundPolygons kept %v, want the square alone", got)
	}
}

// TestBuild checks the real map: every country and district present with
// its names, Libya's districts inside Libya's box, and the file small.
func TestBuild(t *testing.T) {
	dir := shared.Path(t, "")
	shared.Path(t, CountriesFile)
	fc, err := Build(dir, DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, fc); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 1_500_000 {
		t.Errorf("map is %d bytes, want < 1.5 MB", buf.Len())
	}
	byISO := map[string]Feature{}
	districts := 0
	for _, f := range fc.Features {
		byISO[f.Properties.ISO] = f
		if f.Properties.Kind == "admin1" {
			districts++
			for _, poly := range f.Geometry.Coordinates {
				for _, p := range poly[0] {
					if p[0] < 9 || p[0] > 26 || p[1] < 19 || p[1] > 34 {
						t.Fatalf("district %s has %v outside Libya", f.Properties.ISO, p)
					}
				}
			}
		}
	}
	for _, f := range fc.Features {
		for _, poly := range f.Geometry.Coordinates {
			for _, r := range poly {
				for i := 1; i < len(r); i++ {
					if d := r[i][0] - r[i-1][0]; d > 90 || d < -90 {
						t.Errorf("%s: a line from %v to %v across the map", f.Properties.Name, r[i-1], r[i])
					}
				}
			}
		}
	}
	if districts != 22 {
		t.Errorf("%d districts, want 22", districts)
	}
	for iso, ar := range map[string]string{"LY": "ليبيا", "EG": "مصر", "SY": "سوريا", "LY-SR": "شعبية سرت"} {
		if got := byISO[iso].Properties.NameAR; got != ar {
			t.Errorf("%s: Arabic name %q, want %q", iso, got, ar)
		}
	}
}

func FuzzCountries(f *testing.F) {
	f.Add([]byte(twoSquares))
	f.Add([]byte(`{"type":"Topology","objects":{"countries":{"geometries":[{"type":"MultiPolygon","arcs":[[[-1]]]}]}},"arcs":[[[0,0],[1,0],[1,1],[0,0]]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := Countries(data, nil, DefaultOptions)
		if err != nil {
			return
		}
		for _, f := range fs {
			for _, poly := range f.Geometry.Coordinates {
				for _, r := range poly {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("ring %v is not closed", r)
					}
				}
			}
		}
	})
}
