package actors

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/bad/*.err from what Parse says (check them before committing)")

// TestBadFiles loads every file in testdata/bad and compares the error
// with the .err file beside it.
func TestBadFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("only %d bad files found", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			_, err := LoadFile(path)
			if err == nil {
				t.Fatal("loaded without error")
			}
			errPath := strings.TrimSuffix(path, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(errPath, []byte(err.Error()+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(errPath)
			if rerr != nil {
				t.Fatalf("%v (run go test -update and check the file)", rerr)
			}
			if got := err.Error(); got != strings.TrimSuffix(string(want), "\n") {
				t.Errorf("error:\n%s\nwant:\n%s", got, want)
			}
			if !strings.HasPrefix(err.Error(), path+":") {
				t.Errorf("error %q does not start with the file name", err)
			}
		})
	}
}

func TestErrorAs(t *testing.T) {
	_, err := LoadFile(filepath.Join("testdata", "bad", "dangling-org.yaml"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("errors.As(%v) found no *Error", err)
	}
	if e.Line != 10 || !strings.Contains(e.Msg, `org "ly.lna"`) {
		t.Errorf("got line %d %q, want line 10 naming ly.lna", e.Line, e.Msg)
	}
}

func TestLoadFileMissing(t *testing.T) {
	_, err := LoadFile(filepath.Join("testdata", "no-such-file.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want an error wrapping os.ErrNotExist", err)
	}
}

// TestEmbeddedList checks the shipped list as a whole: its size, its
// spread over the region with Libya covered most, and the fields every
// entry must have (decoding enforces their form; this checks they are
// filled in).
func TestEmbeddedList(t *testing.T) {
	l := mustLoad(t)
	if l.Len() < 300 {
		t.Errorf("%d actors, want at least 300", l.Len())
	}
	perCountry := map[string]int{}
	kinds := map[Kind]int{}
	for _, a := range l.Actors() {
		if a.ID == "" || a.NameAR == "" || a.NameEN == "" || a.Kind == "" || a.Sector == "" || a.Country == "" {
			t.Errorf("%s (line %d): a required field is empty: %+v", a.ID, a.Line, a)
		}
		if a.Kind == Person && len(a.Roles) == 0 && a.Note == "" {
			t.Errorf("%s: a person with neither a role nor a note saying who they are", a.ID)
		}
		if b, ok := l.ByID(a.ID); !ok || b != a {
			t.Errorf("ByID(%s) does not return the entry", a.ID)
		}
		perCountry[a.Country]++
		kinds[a.Kind]++
	}
	most := ""
	for c, n := range perCountry {
		if most == "" || n > perCountry[most] {
			most = c
		}
	}
	if most != "LY" {
		t.Errorf("the country with most actors is %s (%d), want LY (%d)", most, perCountry[most], perCountry["LY"])
	}
	for _, c := range []string{"LY", "SY", "YE", "IQ", "SD", "EG", "LB", "PS", "IL", "SO", "ML", "BF", "NE", "US", "RU", "TR", "AE", "QA", "SA", "IR", "FR", "IT", "GB", "UNO", "IGO", "EUR", "NGO", "IMG"} {
		if perCountry[c] == 0 {
			t.Errorf("no actor of %s", c)
		}
	}
	for _, k := range []Kind{Person, State, Government, Military, ArmedGroup, Party, Ministry, Legislature, Court, IGO, NGO, PMC, ForeignCommand, Media} {
		if kinds[k] == 0 {
			t.Errorf("no actor of kind %s", k)
		}
	}
	t.Logf("%d actors; LY %d, SY %d, YE %d, IQ %d, SD %d", l.Len(), perCountry["LY"], perCountry["SY"], perCountry["YE"], perCountry["IQ"], perCountry["SD"])
}

// TestEmbeddedNamesUnique checks that no two actors share a canonical
// Arabic name, and that a proper name (not a description) of one actor is
// not also a proper name of another, which would make it ambiguous
// everywhere. Descriptions may be shared; that is what they are for.
func TestEmbeddedNamesUnique(t *testing.T) {
	l := mustLoad(t)
	for key, es := range l.index {
		var names []string
		seen := map[*Actor]bool{}
		for _, e := range es {
			c := Candidate{Actor: e.actor, Role: e.role, Alias: e.alias}
			if c.Described() || seen[e.actor] {
				continue
			}
			seen[e.actor] = true
			names = append(names, e.actor.ID)
		}
		if len(names) > 1 {
			t.Errorf("%q is a plain name of %s: give it a context or mark it ambiguous", key, strings.Join(names, ", "))
		}
	}
}

func TestEmbeddedFacts(t *testing.T) {
	l := mustLoad(t)
	get := func(id string) *Actor {
		a, ok := l.ByID(id)
		if !ok {
			t.Fatalf("no actor %s", id)
		}
		return a
	}
	gna, gnu := get("ly.gna"), get("ly.gnu")
	if gna.Period.String() != "2016-03–2021-03" || gnu.Period.String() != "2021-03–" {
		t.Errorf("GNA %s, GNU %s", gna.Period, gnu.Period)
	}
	if gnu.Kind != Government || gnu.Sector != "GOV" || gnu.Country != "LY" {
		t.Errorf("GNU: %s %s %s", gnu.Kind, gnu.Sector, gnu.Country)
	}
	w := get("ru.wagner")
	if w.Kind != PMC || w.Country != "RU" {
		t.Errorf("Wagner: %s %s", w.Kind, w.Country)
	}
	af := get("us.africom")
	if af.Kind != ForeignCommand {
		t.Errorf("AFRICOM kind %s", af.Kind)
	}
	if p := get("ly.tbz").PartOf; p != "ly.lna" {
		t.Errorf("Tariq Ibn Ziyad part_of %q", p)
	}
	// An anchored list of aliases (&envoy … *envoy) is shared by every role
	// that names it.
	kobler := get("un.kobler.martin")
	if len(kobler.Roles) != 1 || len(kobler.Roles[0].Aliases) < 5 {
		t.Errorf("Kobler's role aliases not read through the YAML alias: %+v", kobler.Roles)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2014", Date{2014, 0, 0}, false},
		{"2016-03", Date{2016, 3, 0}, false},
		{"2024-12-08", Date{2024, 12, 8}, false},
		{"2024-02-29", Date{2024, 2, 29}, false},
		{"2023-02-29", Date{}, true},
		{"2016-13", Date{}, true},
		{"2016-3", Date{}, true},
		{"16-03", Date{}, true},
		{"March 2021", Date{}, true},
		{"2021-03-01-02", Date{}, true},
		{"", Date{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestPeriodCovers(t *testing.T) {
	day := func(s string) time.Time {
		t.Helper()
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	p := func(from, to string) Period {
		var q Period
		if from != "" {
			q.From, _ = ParseDate(from)
		}
		if to != "" {
			q.To, _ = ParseDate(to)
		}
		return q
	}
	tests := []struct {
		period Period
		date   string
		want   bool
	}{
		{p("2016-03", "2021-03"), "2016-03-01", true},
		{p("2016-03", "2021-03"), "2016-02-29", false},
		{p("2016-03", "2021-03"), "2021-03-31", true}, // "to" covers its whole month
		{p("2016-03", "2021-03"), "2021-04-01", false},
		{p("2021-03", ""), "2035-01-01", true},
		{p("", "2024-12-08"), "2024-12-08", true},
		{p("", "2024-12-08"), "2024-12-09", false},
		{p("2017", "2017"), "2017-12-31", true},
		{p("2017", "2017"), "2018-01-01", false},
		{Period{}, "1900-01-01", true},
	}
	for _, tt := range tests {
		if got := tt.period.Covers(day(tt.date)); got != tt.want {
			t.Errorf("%s covers %s = %v, want %v", tt.period, tt.date, got, tt.want)
		}
	}
	if !p("2016", "2017").Covers(time.Time{}) {
		t.Error("an unknown date must not be excluded")
	}
}

// FuzzParse feeds arbitrary files to the decoder: it must return a list or
// an error, never panic, and a list it returns must index every id.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.yaml"))
	for _, path := range files {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("actors:\n  - id: a\n    name_ar: حفتر\n    name_en: H\n    kind: person\n    sector: MIL\n    country: LY\n    aliases: &x [قوات]\n    roles: [{title_ar: قائد, aliases: *x}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		for _, a := range l.Actors() {
			if b, ok := l.ByID(a.ID); !ok || b != a {
				t.Fatalf("id %q not indexed", a.ID)
			}
			l.Lookup(a.NameAR)
		}
	})
}

func mustLoad(tb testing.TB) *List {
	tb.Helper()
	l, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		l, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		if l.Len() < 300 {
			b.Fatalf("%d actors", l.Len())
		}
	}
}
