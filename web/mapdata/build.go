package mapdata

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
)

// Source files, relative to the shared data folder.
const (
	CountriesFile   = "boundaries-libya/world-atlas-countries-50m.topojson"
	LibyaAdmin1File = "boundaries-libya/lby-adm1-simplified.geojson"
	CountryCodes    = "gazetteer-countries/i18n-iso-countries-codes.json"
	CountryNamesAR  = "gazetteer-countries/i18n-iso-countries-ar.json"
)

// Options say how much detail the map keeps.
type Options struct {
	// Tolerance is the Douglas–Peucker tolerance in degrees applied to the
	// country arcs (shared borders stay shared because arcs, not rings,
	// are simplified).
	Tolerance float64
	// Decimals is how many decimals of a degree coordinates keep.
	Decimals int
}

// DefaultOptions keep about a kilometre of detail: plenty for a country
// map, and the file stays well under a megabyte.
var DefaultOptions = Options{Tolerance: 0.02, Decimals: 2}

// FeatureCollection is a GeoJSON feature collection of polygons.
type FeatureCollection struct {
	Type     string    `json:"type"`
	Features []Feature `json:"features"`
}

// Feature is one country or district. Kind is "country" or "admin1"; ISO
// is the ISO 3166-1 alpha-2 code of a country or ISO 3166-2 code of a
// district; NameAR is empty where the sources have no Arabic name.
type Feature struct {
	Type       string     `json:"type"`
	Properties Properties `json:"properties"`
	Geometry   Geometry   `json:"geometry"`
}

// Properties of a Feature.
type Properties struct {
	Kind   string `json:"kind"`
	ISO    string `json:"iso,omitempty"`
	Name   string `json:"name"`
	NameAR string `json:"name_ar,omitempty"`
}

// Geometry is always a MultiPolygon: polygons of rings of [lon, lat].
type Geometry struct {
	Type        string           `json:"type"`
	Coordinates [][][][2]float64 `json:"coordinates"`
}

// Build reads the boundary data under dataDir and returns the countries of
// the world followed by Libya's districts.
func Build(dataDir string, opts Options) (*FeatureCollection, error) {
	read := func(rel string) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(dataDir, rel))
		if err != nil {
			return nil, fmt.Errorf("reading boundary data: %w", err)
		}
		return b, nil
	}
	countries, err := read(CountriesFile)
	if err != nil {
		return nil, err
	}
	codes, err := read(CountryCodes)
	if err != nil {
		return nil, err
	}
	names, err := read(CountryNamesAR)
	if err != nil {
		return nil, err
	}
	admin1, err := read(LibyaAdmin1File)
	if err != nil {
		return nil, err
	}
	ar, err := countryNames(codes, names)
	if err != nil {
		return nil, fmt.Errorf("%s, %s: %w", CountryCodes, CountryNamesAR, err)
	}
	fc := &FeatureCollection{Type: "FeatureCollection"}
	cf, err := Countries(countries, ar, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", CountriesFile, err)
	}
	af, err := Districts(admin1, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", LibyaAdmin1File, err)
	}
	fc.Features = append(cf, af...)
	return fc, nil
}

// countryName is an ISO 3166-1 country's alpha-2 code and Arabic name.
type countryName struct{ alpha2, ar string }

// countryNames maps ISO 3166-1 numeric codes to alpha-2 codes and Arabic
// names, from the i18n-iso-countries tables.
func countryNames(codesJSON, arJSON []byte) (map[string]countryName, error) {
	var codes [][]string
	if err := json.Unmarshal(codesJSON, &codes); err != nil {
		return nil, err
	}
	var ar struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(arJSON, &ar); err != nil {
		return nil, err
	}
	out := make(map[string]countryName, len(codes))
	for _, c := range codes {
		if len(c) < 3 {
			continue
		}
		name := ""
		if raw, ok := ar.Countries[c[0]]; ok {
			// A name is a string or a list of variants, the first preferred.
			var variants []string
			if json.Unmarshal(raw, &name) != nil && json.Unmarshal(raw, &variants) == nil && len(variants) > 0 {
				name = variants[0]
			}
		}
		out[c[2]] = countryName{alpha2: c[0], ar: name}
	}
	return out, nil
}

// Countries decodes the world-atlas TopoJSON object "countries" into
// features, simplifying its arcs first. names maps numeric ISO codes (the
// features' ids) to alpha-2 codes and Arabic names.
func Countries(topoJSON []byte, names map[string]countryName, opts Options) ([]Feature, error) {
	t, arcs, err := decodeTopology(topoJSON)
	if err != nil {
		return nil, err
	}
	for i, arc := range arcs {
		arcs[i] = simplify(arc, opts.Tolerance)
	}
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("%w: no object \"countries\"", errTopology)
	}
	var out []Feature
	for i, g := range obj.Geometries {
		polys, err := g.polygons(arcs)
		if err != nil {
			return nil, fmt.Errorf("country %d: %w", i+1, err)
		}
		polys = roundPolygons(polys, opts.Decimals)
		if len(polys) == 0 {
			continue
		}
		var id string
		if json.Unmarshal(g.ID, &id) != nil {
			var n float64
			if json.Unmarshal(g.ID, &n) == nil {
				id = fmt.Sprintf("%03d", int(n))
			}
		}
		name, _ := g.Properties["name"].(string)
		p := Properties{Kind: "country", Name: name}
		if c, ok := names[id]; ok {
			p.ISO, p.NameAR = c.alpha2, c.ar
		}
		out = append(out, Feature{Type: "Feature", Properties: p, Geometry: Geometry{Type: "MultiPolygon", Coordinates: polys}})
	}
	return out, nil
}

// Districts reads the Libya ADM1 GeoJSON (geoBoundaries, with the Arabic
// GeoNames names added in the shared data) into features.
func Districts(geoJSON []byte, opts Options) ([]Feature, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				Name string `json:"shapeName"`
				ISO  string `json:"iso_3166_2"`
				AR   string `json:"name_ar_geonames"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(geoJSON, &fc); err != nil {
		return nil, err
	}
	var out []Feature
	for i, f := range fc.Features {
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var rings [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &rings); err != nil {
				return nil, fmt.Errorf("feature %d: %w", i+1, err)
			}
			polys = [][][][2]float64{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				return nil, fmt.Errorf("feature %d: %w", i+1, err)
			}
		default:
			return nil, fmt.Errorf("feature %d: geometry type %q", i+1, f.Geometry.Type)
		}
		// Districts are drawn over the countries at a finer zoom: one more
		// decimal than the countries.
		polys = roundPolygons(polys, opts.Decimals+1)
		p := Properties{Kind: "admin1", ISO: f.Properties.ISO, Name: f.Properties.Name, NameAR: f.Properties.AR}
		out = append(out, Feature{Type: "Feature", Properties: p, Geometry: Geometry{Type: "MultiPolygon", Coordinates: polys}})
	}
	return out, nil
}

// roundPolygons rounds every position to the given decimals, drops points
// that rounding made repeat, and drops rings (and polygons whose outer ring)
// that collapse below four points.
func roundPolygons(polys [][][][2]float64, decimals int) [][][][2]float64 {
	scale := math.Pow(10, float64(decimals))
	var out [][][][2]float64
	for _, poly := range polys {
		var rings [][][2]float64
		for ri, r := range poly {
			var pts [][2]float64
			for _, p := range r {
				q := [2]float64{math.Round(p[0]*scale) / scale, math.Round(p[1]*scale) / scale}
				if len(pts) > 0 && pts[len(pts)-1] == q {
					continue
				}
				pts = append(pts, q)
			}
			if len(pts) < 4 || pts[0] != pts[len(pts)-1] {
				if ri == 0 {
					break // the outer ring is gone: so is the polygon
				}
				continue
			}
			rings = append(rings, pts)
		}
		if len(rings) > 0 {
			out = append(out, rings)
		}
	}
	return out
}

// simplify is Douglas–Peucker on one line: it keeps both ends and every
// point farther than tol from the chord of the points it keeps.
func simplify(line [][2]float64, tol float64) [][2]float64 {
	if len(line) < 3 || tol <= 0 {
		return line
	}
	keep := make([]bool, len(line))
	keep[0], keep[len(line)-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, len(line) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, farIx := 0.0, -1
		for i := s.a + 1; i < s.b; i++ {
			if d := distance(line[i], line[s.a], line[s.b]); d > far {
				far, farIx = d, i
			}
		}
		if farIx >= 0 && far > tol {
			keep[farIx] = true
			stack = append(stack, span{s.a, farIx}, span{farIx, s.b})
		}
	}
	out := make([][2]float64, 0, len(line))
	for i, k := range keep {
		if k {
			out = append(out, line[i])
		}
	}
	return out
}

// distance is the planar distance from p to the segment a–b.
func distance(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	if dx == 0 && dy == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

// Write writes fc as compact JSON, coordinates with at most the decimals
// they were rounded to.
func Write(w io.Writer, fc *FeatureCollection) error {
	b, err := json.Marshal(fc)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Notice is the attribution the map file must carry: written beside it and
// shown in the map's corner.
const Notice = `Map data in boundaries.geojson, made by ` + "`rasad kb map`" + ` from ../shared/data:

Country outlines: Natural Earth (public domain), 1:50m, via the npm package
world-atlas 2.0.2 (ISC License, Copyright 2013-2019 Michael Bostock).
Natural Earth draws de facto boundaries.

Libya's districts (2007 sha'biyat): geoBoundaries, Runfola, D. et al. (2020)
geoBoundaries: A global database of political administrative boundaries.
PLoS ONE 15(4): e0231866. Sources OpenStreetMap and Wambacher's OSM
boundaries; licensed under the Open Data Commons Open Database License 1.0
(ODbL). © OpenStreetMap contributors.

Arabic district names: GeoNames (CC BY 4.0). Arabic country names: npm
i18n-iso-countries 7.14.0 (MIT License, Copyright (c) 2016 widdix GmbH).
`

// Attribution is the short form of Notice for the map's corner.
const Attribution = "Natural Earth · geoBoundaries (ODbL, © OpenStreetMap contributors) · GeoNames"
