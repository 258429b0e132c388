package geo

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rasad/rasad/kb"
)

// toponym is one line of testdata/toponyms.tsv: a name as news writes it
// and where the place really is.
type toponym struct {
	line     int
	query    string
	lat, lon float64
	country  string
	kind     string // town, admin, region, site, country
}

func readToponyms(t testing.TB, path string) []toponym {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []toponym
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("%s:%d: %d fields, want 5", path, n, len(f))
		}
		lat, err1 := strconv.ParseFloat(f[1], 64)
		lon, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s:%d: bad coordinates %q %q", path, n, f[1], f[2])
		}
		switch f[4] {
		case "town", "admin", "region", "site", "country":
		default:
			t.Fatalf("%s:%d: unknown kind %q", path, n, f[4])
		}
		out = append(out, toponym{line: n, query: f[0], lat: lat, lon: lon, country: f[3], kind: f[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// toleranceKm is how far an answer may lie from the true place and
// still count as right.
func toleranceKm(kind string) float64 {
	switch kind {
	case "admin", "region":
		return 100
	case "country":
		return -1 // the country alone is scored
	}
	return 25
}

type tally struct {
	n, ok, country, supplement int
	missing                    int // no answer at all
	absent                     int // no answer, and no place of the index lies near the true one
	// covered counts the names with some place of the index within
	// the tolerance of the true position, coveredOK those of them
	// answered right: accuracy where the sources do not fail us.
	covered, coveredOK int
}

func (c *tally) share() float64 { return float64(c.ok) / float64(max(c.n, 1)) }

// TestToponymAccuracy geocodes the hand-compiled list of news toponyms,
// with and without the true country as a hint, and scores the answers by
// distance. Run with -v for the figures and the misses.
func TestToponymAccuracy(t *testing.T) {
	ix, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(ix)
	tops := readToponyms(t, "testdata/toponyms.tsv")
	if len(tops) < 200 {
		t.Fatalf("toponyms.tsv has %d names, want at least 200", len(tops))
	}
	for _, withHint := range []bool{false, true} {
		byKind := map[string]*tally{}
		byCountry := map[string]*tally{}
		for _, tp := range tops {
			h := Hints{}
			if withHint {
				h.Country = tp.country
			}
			ans := r.Geocode(tp.query, h)
			k := byKind[tp.kind]
			if k == nil {
				k = &tally{}
				byKind[tp.kind] = k
			}
			c := byCountry[tp.country]
			if c == nil {
				c = &tally{}
				byCountry[tp.country] = c
			}
			k.n++
			c.n++
			covered := tp.kind == "country" || nearestNamed(ix, tp) != ""
			if covered {
				k.covered++
			}
			best, found := ans.Best()
			if !found {
				k.missing++
				near := nearestNamed(ix, tp)
				if near == "" {
					k.absent++
				}
				t.Logf("hint=%v toponyms.tsv:%d %s: not found; indexed nearby: %s", withHint, tp.line, tp.query, near)
				continue
			}
			p := best.Place
			d := kb.DistanceKm(tp.lat, tp.lon, p.Lat, p.Lon)
			countryOK := p.Country == tp.country
			ok := countryOK && (tp.kind == "country" && p.Kind == kb.Country || tp.kind != "country" && d <= toleranceKm(tp.kind))
			if countryOK {
				k.country++
				c.country++
			}
			if ok {
				k.ok++
				c.ok++
				if covered {
					k.coveredOK++
				}
				if strings.HasPrefix(p.ID, "x:") {
					k.supplement++
				}
			} else {
				t.Logf("hint=%v toponyms.tsv:%d %s (%s): got %s %s %s (%.2f,%.2f) %.0f km away, match %s",
					withHint, tp.line, tp.query, tp.kind, p.ID, p.Name(), p.Country, p.Lat, p.Lon, d, best.Match)
			}
		}
		for _, kind := range []string{"town", "admin", "region", "site", "country"} {
			k := byKind[kind]
			if k == nil {
				continue
			}
			t.Logf("hint=%-5v %-7s %3d names: %5.1f%% right (within %s), country right %5.1f%%; %d right from the hand-written supplement; %d unanswered, %d of them with no indexed place within %s",
				withHint, kind, k.n, 100*k.share(), tolText(kind), 100*float64(k.country)/float64(k.n), k.supplement, k.missing, k.absent, tolText(kind))
			t.Logf("hint=%-5v %-7s %3d names with an indexed place within %s of the truth: %5.1f%% right",
				withHint, kind, k.covered, tolText(kind), 100*float64(k.coveredOK)/float64(max(k.covered, 1)))
		}
		for _, cc := range []string{"LY", "SY", "IQ", "YE", "SD"} {
			if c := byCountry[cc]; c != nil {
				t.Logf("hint=%-5v %s %3d names: %5.1f%% right", withHint, cc, c.n, 100*c.share())
			}
		}
		// Guards against regressions a little below the measured level
		// (see geo/RESULTS.md). The hand-written towns (kb/towns) were
		// written from the regions' district lists, not from this list,
		// but both hold the towns news names most: these figures are an
		// upper bound for names the table does not hold.
		if withHint {
			if ly := byCountry["LY"]; ly.share() < 0.95 {
				t.Errorf("with the country hint, %.1f%% of Libyan names right, want ≥ 95%%", 100*ly.share())
			}
			if towns := byKind["town"]; towns.share() < 0.97 {
				t.Errorf("with the country hint, %.1f%% of towns within 25 km, want ≥ 97%%", 100*towns.share())
			}
		} else if towns := byKind["town"]; towns.share() < 0.95 {
			t.Errorf("without a hint, %.1f%% of towns within 25 km, want ≥ 95%%", 100*towns.share())
		}
	}
}

func tolText(kind string) string {
	if tol := toleranceKm(kind); tol > 0 {
		return fmt.Sprintf("%.0f km", tol)
	}
	return "country"
}

// nearestNamed lists the places of the index within the tolerance of a
// toponym's true position, to tell names the sources lack from names the
// matching misses.
func nearestNamed(ix *kb.Index, tp toponym) string {
	tol := toleranceKm(tp.kind)
	if tol < 0 {
		return ""
	}
	var names []string
	for i := range ix.Len() {
		p := ix.Place(i)
		if p.Country == tp.country && p.Kind != kb.Country && kb.DistanceKm(tp.lat, tp.lon, p.Lat, p.Lon) <= tol {
			names = append(names, p.Name())
		}
	}
	if len(names) > 5 {
		names = append(names[:5], "…")
	}
	return strings.Join(names, ", ")
}
