package kb

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Source files inside the shared data folder, as their SOURCE.md files
// describe them.
const (
	srcOSMLibya   = "gazetteer-osm-libya/libya-places.tsv"
	srcGeoNames   = "gazetteer-geonames-cities15000/cities15000-ar.tsv"
	srcCountryAr  = "gazetteer-countries/i18n-iso-countries-ar.json"
	srcCountryEn  = "gazetteer-countries/i18n-iso-countries-en.json"
	srcWorld      = "gazetteer-countries/world-countries.json"
	srcDistricts  = "boundaries-libya/lby-adm1-simplified.geojson"
	extraFileName = "kb/extra-places.tsv"
)

// Importance of places the sources give no population for.
const (
	importanceCountry  = 9
	importanceCapital  = 1 // added to a capital city's
	importanceOSMCity  = 5
	importanceOSMTown  = 4
	importanceVillage  = 3
	importanceHamlet   = 2.5
	importanceAdminMax = 6.8
	importanceAdminMin = 5
)

// Build reads the shared gazetteers under dataDir and the hand-written
// supplement and returns the places of the index, in a stable order.
func Build(dataDir string) ([]Place, error) {
	b := builder{byID: map[string]int{}}
	if err := b.countries(dataDir); err != nil {
		return nil, err
	}
	districts, err := readDistricts(filepath.Join(dataDir, srcDistricts))
	if err != nil {
		return nil, err
	}
	for _, d := range districts {
		b.add(d.place)
	}
	if err := b.geonames(filepath.Join(dataDir, srcGeoNames)); err != nil {
		return nil, err
	}
	if err := b.osmLibya(filepath.Join(dataDir, srcOSMLibya), districts); err != nil {
		return nil, err
	}
	towns, err := ReadTowns(townFiles, "towns")
	if err != nil {
		return nil, err
	}
	b.towns(towns)
	extra, err := ReadPlaces(bytes.NewReader(extraPlaces), extraFileName, true)
	if err != nil {
		return nil, err
	}
	for _, p := range extra {
		if i, ok := b.byID[p.ID]; ok {
			q := &b.places[i]
			q.Names = appendNew(q.Names, p.Names...)
			q.Latin = appendNew(q.Latin, p.Latin...)
			if p.Kind == 0 && (p.Lat != 0 || p.Lon != 0) {
				// A division whose centre GeoNames' cities place badly.
				q.Lat, q.Lon = round5(p.Lat), round5(p.Lon)
			}
			continue
		}
		if p.Kind == 0 {
			return nil, fmt.Errorf("%s: alias line for %s, which no source has", extraFileName, p.ID)
		}
		b.add(p)
	}
	b.capitals()
	places := b.places[:0]
	for _, p := range b.places {
		if p.ID != "" {
			places = append(places, p)
		}
	}
	slices.SortFunc(places, func(x, y Place) int {
		if c := strings.Compare(x.Country, y.Country); c != 0 {
			return c
		}
		if x.Kind != y.Kind {
			return int(x.Kind) - int(y.Kind)
		}
		if x.Importance != y.Importance {
			if x.Importance > y.Importance {
				return -1
			}
			return 1
		}
		return strings.Compare(x.ID, y.ID)
	})
	return places, nil
}

type builder struct {
	places    []Place
	byID      map[string]int
	capitalOf map[string]string // country → capital's English name
	merge     map[string]int    // GeoNames id → the OSM place that names it
}

func (b *builder) add(p Place) {
	p.Lat = round5(p.Lat)
	p.Lon = round5(p.Lon)
	b.byID[p.ID] = len(b.places)
	b.places = append(b.places, p)
}

func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

func appendNew(names []string, more ...string) []string {
	for _, n := range more {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// countries reads the country names, centroids and capitals.
func (b *builder) countries(dir string) error {
	var ar, en struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(filepath.Join(dir, srcCountryAr), &ar); err != nil {
		return err
	}
	if err := readJSON(filepath.Join(dir, srcCountryEn), &en); err != nil {
		return err
	}
	var world []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		CCA2         string    `json:"cca2"`
		Capital      []string  `json:"capital"`
		LatLng       []float64 `json:"latlng"`
		AltSpellings []string  `json:"altSpellings"`
		Translations map[string]struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"translations"`
	}
	if err := readJSON(filepath.Join(dir, srcWorld), &world); err != nil {
		return err
	}
	b.capitalOf = map[string]string{}
	for _, c := range world {
		if len(c.LatLng) != 2 || len(c.CCA2) != 2 {
			continue
		}
		p := Place{ID: "country:" + c.CCA2, Kind: Country, Country: c.CCA2, Lat: c.LatLng[0], Lon: c.LatLng[1], Importance: importanceCountry}
		names, err := stringOrList(ar.Countries[c.CCA2])
		if err != nil {
			return fmt.Errorf("%s: country %s: %w", srcCountryAr, c.CCA2, err)
		}
		t := c.Translations["ara"]
		p.Names = appendNew(names, t.Common, t.Official)
		latin, err := stringOrList(en.Countries[c.CCA2])
		if err != nil {
			return fmt.Errorf("%s: country %s: %w", srcCountryEn, c.CCA2, err)
		}
		p.Latin = appendNew(latin, c.Name.Common, c.Name.Official)
		for _, s := range c.AltSpellings {
			if len(s) > 3 {
				p.Latin = appendNew(p.Latin, s)
			}
		}
		if len(c.Capital) > 0 {
			b.capitalOf[c.CCA2] = c.Capital[0]
		}
		b.add(p)
	}
	return nil
}

func stringOrList(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	return list, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decoding %s: %w", path, err)
	}
	return nil
}

// parenthetical matches a trailing "(مدينة)" that some GeoNames Arabic
// names carry.
var parenthetical = regexp.MustCompile(`\s*\([^)]*\)\s*$`)

// cleanArabic tidies an Arabic name from a source: bidi marks and
// trailing glosses go; the spelling is otherwise kept.
func cleanArabic(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E || r == 0xFEFF {
			return -1
		}
		return r
	}, s)
	s = parenthetical.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

// unitWords begin the names of administrative units (and of some cities
// that GeoNames names after their district, شعبية سرت for Sirte).
var unitWords = []string{"شعبية", "محافظة", "ولاية", "مديرية", "قضاء", "ناحية", "منطقة", "إقليم", "اقليم", "بلدية", "مدينة"}

func cutUnitWord(name string) (rest string, ok bool) {
	for _, w := range unitWords {
		if r, ok := strings.CutPrefix(name, w+" "); ok && r != "" {
			return r, true
		}
	}
	return name, false
}

// splitNameCell sorts the names of one source cell by script.
func splitNameCell(p *Place, cell string, sep string) {
	for _, n := range strings.Split(cell, sep) {
		n = cleanArabic(n)
		if n == "" {
			continue
		}
		if isArabicScript(n) {
			p.Names = appendNew(p.Names, n)
		} else {
			p.Latin = appendNew(p.Latin, n)
		}
	}
}

type admin1Acc struct {
	place          Place
	latSum, lonSum float64
	n              int
	pop            int64
}

// geonames reads the world cities and derives first-level divisions
// outside Libya from them (Libya's come from the district boundaries).
func (b *builder) geonames(path string) error {
	f, r, err := openTSV(path, "geonameid", "lon", 13)
	if err != nil {
		return err
	}
	defer f.Close()
	admins := map[string]*admin1Acc{}
	var adminOrder []string
	countryNames := map[string][]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		id, name, nameAr, a1code, a1name, a1nameAr, cc, ccNameAr := rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6], rec[8]
		pop, err1 := strconv.ParseInt(rec[10], 10, 64)
		lat, err2 := strconv.ParseFloat(rec[11], 64)
		lon, err3 := strconv.ParseFloat(rec[12], 64)
		if err := errorsJoin(err1, err2, err3); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		p := Place{ID: "gn:" + id, Kind: City, Country: cc, Lat: lat, Lon: lon, Population: pop, Importance: popImportance(pop)}
		if nameAr = cleanArabic(nameAr); nameAr != "" {
			if isArabicScript(nameAr) {
				rest, _ := cutUnitWord(nameAr)
				p.Names = []string{rest}
			} else {
				p.Latin = []string{nameAr}
			}
		}
		p.Latin = appendNew([]string{name}, p.Latin...)
		if a1code != "" && a1code != "00" {
			p.Admin1 = "admin1:" + cc + "." + a1code
			acc := admins[p.Admin1]
			if acc == nil {
				acc = &admin1Acc{place: Place{ID: p.Admin1, Kind: Admin1, Country: cc}}
				admins[p.Admin1] = acc
				adminOrder = append(adminOrder, p.Admin1)
			}
			if a := cleanArabic(a1nameAr); a != "" && isArabicScript(a) {
				acc.place.Names = appendNew(acc.place.Names, a)
			} else if a != "" {
				acc.place.Latin = appendNew(acc.place.Latin, a)
			}
			acc.place.Latin = appendNew(acc.place.Latin, a1name)
			acc.latSum += lat
			acc.lonSum += lon
			acc.n++
			acc.pop += pop
		}
		if ccNameAr != "" {
			countryNames[cc] = appendNew(countryNames[cc], cleanArabic(ccNameAr))
		}
		b.add(p)
	}
	for _, id := range adminOrder {
		acc := admins[id]
		if i, ok := b.byID[id]; ok {
			// Libya's districts, from their boundaries: GeoNames adds
			// spellings only.
			b.places[i].Names = appendNew(b.places[i].Names, acc.place.Names...)
			b.places[i].Latin = appendNew(b.places[i].Latin, acc.place.Latin...)
			continue
		}
		p := acc.place
		// Without boundaries, the mean of the division's cities stands
		// for its centre.
		p.Lat, p.Lon = acc.latSum/float64(acc.n), acc.lonSum/float64(acc.n)
		p.Population = acc.pop
		p.Importance = min(importanceAdminMax, max(importanceAdminMin, popImportance(acc.pop)))
		b.add(p)
	}
	for cc, names := range countryNames {
		if i, ok := b.byID["country:"+cc]; ok {
			b.places[i].Names = appendNew(b.places[i].Names, names...)
		}
	}
	return nil
}

func errorsJoin(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func popImportance(pop int64) float64 {
	return math.Round(math.Log10(float64(max(pop, 1)))*100) / 100
}

// osmLibya reads the OpenStreetMap places of Libya and merges each
// GeoNames city of Libya into the OSM node that is the same place.
func (b *builder) osmLibya(path string, districts []district) error {
	f, r, err := openTSV(path, "osm_id", "pcode", 15)
	if err != nil {
		return err
	}
	defer f.Close()
	var osm []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		lat, err1 := strconv.ParseFloat(rec[3], 64)
		lon, err2 := strconv.ParseFloat(rec[4], 64)
		if err := errorsJoin(err1, err2); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		p := Place{ID: "osm:" + rec[0], Country: "LY", Lat: lat, Lon: lon}
		switch rec[2] {
		case "city":
			p.Kind, p.Importance = City, importanceOSMCity
		case "town":
			p.Kind, p.Importance = Town, importanceOSMTown
		case "village":
			p.Kind, p.Importance = Village, importanceVillage
		case "hamlet":
			p.Kind, p.Importance = Village, importanceHamlet
		default:
			return fmt.Errorf("%s:%d: unknown place type %q", path, line, rec[2])
		}
		if rec[10] != "" {
			if pop, err := strconv.ParseInt(strings.ReplaceAll(rec[10], ",", ""), 10, 64); err == nil && pop > 0 {
				p.Population = pop
				p.Importance = max(p.Importance, popImportance(pop))
			}
		}
		// name_ar first: it is the Arabic name where name may be Latin
		// or Berber; then name, the Arabic alternatives, English.
		splitNameCell(&p, rec[6], ";")
		splitNameCell(&p, rec[5], ";")
		splitNameCell(&p, rec[7], ";")
		splitNameCell(&p, rec[9], ";")
		splitNameCell(&p, rec[8], ";")
		if len(p.Names)+len(p.Latin) == 0 {
			continue
		}
		for _, d := range districts {
			if d.contains(lat, lon) {
				p.Admin1 = d.place.ID
				break
			}
		}
		if gn := rec[12]; gn != "" {
			b.mergeTarget("gn:"+gn, len(b.places))
		}
		osm = append(osm, len(b.places))
		b.add(p)
	}
	// Merge GeoNames' Libyan cities into the OSM node that is the same
	// place: the one that says so, else the nearest within 15 km that
	// shares a name.
	for i := range b.places {
		g := &b.places[i]
		if g.Country != "LY" || !strings.HasPrefix(g.ID, "gn:") {
			continue
		}
		target := -1
		if t, ok := b.merge[g.ID]; ok {
			target = t
		} else {
			best := 15.0
			for _, j := range osm {
				o := &b.places[j]
				if d := DistanceKm(g.Lat, g.Lon, o.Lat, o.Lon); d < best && shareName(g, o) {
					best, target = d, j
				}
			}
		}
		if target < 0 {
			continue
		}
		o := &b.places[target]
		o.Names = appendNew(o.Names, g.Names...)
		o.Latin = appendNew(o.Latin, g.Latin...)
		if g.Population > o.Population {
			o.Population = g.Population
		}
		o.Importance = max(o.Importance, g.Importance)
		if o.Kind > City && g.Population >= 100000 {
			o.Kind = City
		}
		if o.Admin1 == "" {
			o.Admin1 = g.Admin1
		}
		delete(b.byID, g.ID)
		g.ID = "" // dropped from the output
	}
	return nil
}

func (b *builder) mergeTarget(gnID string, osmIndex int) {
	if b.merge == nil {
		b.merge = map[string]int{}
	}
	b.merge[gnID] = osmIndex
}

func shareName(a, b *Place) bool {
	for _, x := range a.Names {
		for _, y := range b.Names {
			if Key(x) == Key(y) {
				return true
			}
		}
	}
	for _, x := range a.Latin {
		for _, y := range b.Latin {
			if latinKey(x) == latinKey(y) {
				return true
			}
		}
	}
	return false
}

// capitals raises the importance of each country's capital, the most
// populous city of the country that bears the capital's English name.
func (b *builder) capitals() {
	best := map[string]int{}
	for i := range b.places {
		p := &b.places[i]
		capital, ok := b.capitalOf[p.Country]
		if p.ID == "" || !ok || !p.Kind.Settlement() {
			continue
		}
		for _, n := range p.Latin {
			if latinKey(n) == latinKey(capital) {
				if j, ok := best[p.Country]; !ok || p.Population > b.places[j].Population {
					best[p.Country] = i
				}
				break
			}
		}
	}
	for _, i := range best {
		b.places[i].Importance += importanceCapital
	}
}

// district is one of Libya's first-level divisions with its outline.
type district struct {
	place Place
	rings [][][2]float64 // lon, lat
}

func (d *district) contains(lat, lon float64) bool {
	in := false
	for _, ring := range d.rings {
		for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
			xi, yi, xj, yj := ring[i][0], ring[i][1], ring[j][0], ring[j][1]
			if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
				in = !in
			}
		}
	}
	return in
}

func readDistricts(path string) ([]district, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				ShapeName      string `json:"shapeName"`
				GeoNamesAdmin1 string `json:"geonames_admin1"`
				NameAr         string `json:"name_ar_geonames"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := readJSON(path, &fc); err != nil {
		return nil, err
	}
	var out []district
	for i, f := range fc.Features {
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var poly [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &poly); err != nil {
				return nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
			}
			polys = [][][][2]float64{poly}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				return nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
			}
		default:
			return nil, fmt.Errorf("%s: feature %d: geometry %s", path, i, f.Geometry.Type)
		}
		pr := f.Properties
		if pr.GeoNamesAdmin1 == "" {
			return nil, fmt.Errorf("%s: feature %d (%s) has no geonames_admin1", path, i, pr.ShapeName)
		}
		d := district{place: Place{ID: "admin1:" + pr.GeoNamesAdmin1, Kind: Admin1, Country: "LY", Importance: importanceAdminMax}}
		if pr.NameAr != "" {
			d.place.Names = []string{cleanArabic(pr.NameAr)}
		}
		d.place.Latin = []string{pr.ShapeName}
		// Area-weighted centroid of the outer rings (holes are ignored:
		// the districts have none of any size).
		var area, cx, cy float64
		for _, poly := range polys {
			d.rings = append(d.rings, poly...)
			ring := poly[0]
			for k := range ring {
				x0, y0 := ring[k][0], ring[k][1]
				x1, y1 := ring[(k+1)%len(ring)][0], ring[(k+1)%len(ring)][1]
				c := x0*y1 - x1*y0
				area += c
				cx += (x0 + x1) * c
				cy += (y0 + y1) * c
			}
		}
		if area == 0 {
			return nil, fmt.Errorf("%s: feature %d (%s) has no area", path, i, pr.ShapeName)
		}
		d.place.Lon, d.place.Lat = cx/(3*area), cy/(3*area)
		out = append(out, d)
	}
	return out, nil
}

// openTSV opens a tab-separated gazetteer file of fields columns and
// checks that its header runs from first to last, so that a file of
// another layout is refused rather than misread.
func openTSV(path, first, last string, fields int) (*os.File, *csv.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(bufio.NewReader(f))
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = fields
	head, err := r.Read()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if head[0] != first || head[fields-1] != last {
		f.Close()
		return nil, nil, fmt.Errorf("%s: unexpected header %q", path, head)
	}
	return f, r, nil
}
