package kb

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The hand-written table of towns and villages that conflict news names
// and GeoNames' cities of 15,000 people or more lack: one file a
// country, written from general knowledge of the regions' districts.
//
//go:embed towns/*.tsv
var townFiles embed.FS

// townColumns are the columns of a towns/*.tsv file. admin1 is the
// GeoNames code of the first-level division inside the country ("12"
// for admin1:SY.12), or the full id of one of extra-places.tsv, empty
// when unsure; names and latin hold several
// spellings separated by "|", the preferred one first.
var townColumns = []string{"country", "admin1", "kind", "lat", "lon", "names", "latin"}

// Importance of the hand-written places, by kind: below the cities of
// the gazetteers, which all have 15,000 people or more.
var townImportance = map[Kind]float64{City: 4.5, Town: 4, Village: 3.3, Site: 4, Region: 5}

// mergeTownKm is how close a gazetteer place sharing a name must be for a
// line of the table to add names to it rather than a new place.
const mergeTownKm = 20

// ReadTowns parses the hand-written town files in fsys (every *.tsv file
// under dir) into places with ids x:CC:name.
func ReadTowns(fsys fs.FS, dir string) ([]Place, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	var out []Place
	seen := map[string]string{} // id → file:line that made it
	for _, file := range files {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		name := "kb/" + file
		header := false
		for lineNo, line := range strings.Split(string(data), "\n") {
			lineNo++
			if line = strings.TrimRight(line, "\r"); line == "" || line[0] == '#' {
				continue
			}
			f := strings.Split(line, "\t")
			if !header {
				if line != strings.Join(townColumns, "\t") {
					return nil, fmt.Errorf("%s:%d: header %q, want %q", name, lineNo, line, strings.Join(townColumns, "\t"))
				}
				header = true
				continue
			}
			if len(f) != len(townColumns) {
				return nil, fmt.Errorf("%s:%d: %d fields, want %d", name, lineNo, len(f), len(townColumns))
			}
			p, err := parseTown(f)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, lineNo, err)
			}
			base := p.ID
			for k := 2; seen[p.ID] != ""; k++ {
				p.ID = base + "-" + strconv.Itoa(k)
			}
			seen[p.ID] = fmt.Sprintf("%s:%d", name, lineNo)
			out = append(out, p)
		}
		if !header {
			return nil, fmt.Errorf("%s: no header line", name)
		}
	}
	return out, nil
}

func parseTown(f []string) (Place, error) {
	p := Place{Country: f[0], Names: splitNames(f[5]), Latin: splitNames(f[6])}
	if len(p.Country) != 2 || strings.ToUpper(p.Country) != p.Country {
		return p, fmt.Errorf("country %q is not an ISO 3166-1 alpha-2 code", p.Country)
	}
	switch {
	case strings.Contains(f[1], ":"):
		p.Admin1 = f[1] // a division of the supplement: x:YE:dhale-governorate
	case f[1] != "":
		p.Admin1 = "admin1:" + p.Country + "." + f[1]
	}
	var err error
	if p.Kind, err = ParseKind(f[2]); err != nil {
		return p, err
	}
	imp, ok := townImportance[p.Kind]
	if !ok {
		return p, fmt.Errorf("kind %s does not belong in the town table", p.Kind)
	}
	p.Importance = imp
	if p.Lat, err = strconv.ParseFloat(f[3], 64); err != nil || p.Lat < -90 || p.Lat > 90 {
		return p, fmt.Errorf("bad latitude %q", f[3])
	}
	if p.Lon, err = strconv.ParseFloat(f[4], 64); err != nil || p.Lon < -180 || p.Lon > 180 {
		return p, fmt.Errorf("bad longitude %q", f[4])
	}
	if len(p.Names) == 0 || len(p.Latin) == 0 {
		return p, fmt.Errorf("a town needs an Arabic and a Latin name")
	}
	for _, n := range p.Names {
		if !isArabicScript(n) {
			return p, fmt.Errorf("name %q is not in Arabic script", n)
		}
	}
	id := slug(p.Latin[0])
	if id == "" {
		return p, fmt.Errorf("latin name %q has no letter or digit to make an id of", p.Latin[0])
	}
	p.ID = "x:" + p.Country + ":" + id
	return p, nil
}

// slug is a Latin name as an id: lower case ASCII letters and digits
// joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range string(appendFolded(nil, s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// towns adds the hand-written towns: a line whose place a gazetteer
// already holds (same country, within mergeTownKm, a shared name or an
// Arabic name with the consonants of the gazetteer's Latin one: تادف and
// Tādif) adds its spellings to that place; the others are new places.
func (b *builder) towns(towns []Place) {
	byCountry := map[string][]int{}
	for i := range b.places {
		if p := &b.places[i]; p.ID != "" && p.Kind.Settlement() {
			byCountry[p.Country] = append(byCountry[p.Country], i)
		}
	}
	for _, t := range towns {
		target := -1
		best := float64(mergeTownKm)
		for _, i := range byCountry[t.Country] {
			p := &b.places[i]
			if d := DistanceKm(t.Lat, t.Lon, p.Lat, p.Lon); d < best && (shareName(&t, p) || sameConsonants(&t, p)) {
				best, target = d, i
			}
		}
		if target >= 0 {
			p := &b.places[target]
			p.Names = appendNew(p.Names, t.Names...)
			p.Latin = appendNew(p.Latin, t.Latin...)
			if p.Admin1 == "" {
				p.Admin1 = t.Admin1
			}
			continue
		}
		b.add(t)
	}
}

// TownFiles returns the embedded town table, for ReadTowns.
func TownFiles() fs.FS { return townFiles }

// sameConsonants reports whether an Arabic name of t has the consonant
// skeleton of a Latin name of p (three consonants at least).
func sameConsonants(t, p *Place) bool {
	for _, a := range t.Names {
		sa := arabicSkel(foldWords(a))
		if utf8.RuneCountInString(sa) < leastSkeleton {
			continue
		}
		for _, l := range p.Latin {
			if latinSkel(l) == sa {
				return true
			}
		}
	}
	return false
}
