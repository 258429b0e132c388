package quotes

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
)

// wantQuote is one row of a case file.
type wantQuote struct {
	cue, content             string
	direct                   bool
	speaker, canonical, role string
	anonymous                bool
}

// readCase reads a case file: # comments, the text, a line "----", a
// header row and one tab-separated row per quote the text must yield.
func readCase(t *testing.T, path string) (string, []wantQuote) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	var want []wantQuote
	inQuotes, header := false, false
	for n, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "#"):
		case l == "----":
			inQuotes = true
		case !inQuotes:
			text = append(text, l)
		case !header:
			header = true
		default:
			f := strings.Split(l, "\t")
			if len(f) != 7 {
				t.Fatalf("%s:%d: %d fields, want 7", path, n+1, len(f))
			}
			direct, err1 := strconv.ParseBool(f[2])
			anon, err2 := strconv.ParseBool(f[6])
			if err1 != nil || err2 != nil {
				t.Fatalf("%s:%d: direct and anonymous must be true or false", path, n+1)
			}
			want = append(want, wantQuote{f[0], f[1], direct, f[3], f[4], f[5], anon})
		}
	}
	return strings.Join(text, "\n"), want
}

func TestCases(t *testing.T) {
	an, f := analyzerAndFinder(t)
	paths, err := filepath.Glob("testdata/cases/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			text, want := readCase(t, path)
			d := analyse(t, an, text)
			f.Find(d)
			if err := document.Check(d); err != nil {
				t.Fatal(err)
			}
			for i, q := range d.Quotes {
				t.Logf("got %s: cue %q@%d speaker %q canonical %q role %q anon %v content %q@%d direct %v",
					q.ID, q.Cue.Text, q.Cue.Start, q.Speaker.Text, q.Speaker.Canonical, q.Speaker.Role,
					q.Speaker.Anonymous, q.Content.Text, q.Content.Start, q.Direct)
				if q.ID != "Q"+strconv.Itoa(i+1) {
					t.Errorf("quote %d has id %s", i, q.ID)
				}
			}
			if len(d.Quotes) != len(want) {
				t.Fatalf("%d quotes, want %d", len(d.Quotes), len(want))
			}
			cueFrom, contentFrom := 0, 0
			for i, w := range want {
				g := d.Quotes[i]
				// The offsets each quote must have: the first occurrence
				// of its cue and content after the previous quote's.
				cueAt := strings.Index(text[cueFrom:], w.cue) + cueFrom
				contentAt := strings.Index(text[contentFrom:], w.content) + contentFrom
				if cueAt < cueFrom || contentAt < contentFrom {
					t.Fatalf("case file: quote %d's cue or content is not in the text", i+1)
				}
				cueFrom, contentFrom = cueAt, contentAt+len(w.content)
				if g.Cue.Start != cueAt || g.Cue.End != cueAt+len(w.cue) {
					t.Errorf("Q%d cue [%d,%d) %q, want [%d,%d) %q", i+1, g.Cue.Start, g.Cue.End, g.Cue.Text, cueAt, cueAt+len(w.cue), w.cue)
				}
				if g.Content.Start != contentAt || g.Content.End != contentAt+len(w.content) {
					t.Errorf("Q%d content [%d,%d) %q, want [%d,%d) %q", i+1, g.Content.Start, g.Content.End, g.Content.Text, contentAt, contentAt+len(w.content), w.content)
				}
				if g.Direct != w.direct {
					t.Errorf("Q%d direct %v, want %v", i+1, g.Direct, w.direct)
				}
				sp := g.Speaker
				if sp.Text != w.speaker || sp.Canonical != w.canonical || sp.Role != w.role || sp.Anonymous != w.anonymous {
					t.Errorf("Q%d speaker %q canonical %q role %q anonymous %v, want %q %q %q %v",
						i+1, sp.Text, sp.Canonical, sp.Role, sp.Anonymous, w.speaker, w.canonical, w.role, w.anonymous)
				}
			}
		})
	}
}

// TestOffsets pins byte offsets by hand once, so that the case files'
// computed offsets cannot both be wrong the same way: Arabic letters are
// two bytes, the space one.
func TestOffsets(t *testing.T) {
	an, f := analyzerAndFinder(t)
	tests := []struct {
		text         string
		cue, content [2]int
		direct       bool
	}{
		// و [0,2) قال [2,8) space مصدر [9,17) space إن [18,22) space
		// الهدوء [23,35) space عاد [36,42) then the full stop.
		{"وقال مصدر إن الهدوء عاد.", [2]int{2, 8}, [2]int{23, 42}, false},
		// مصدر [9,17) ":" space « [19,21) الهدوء [21,33) space عاد [34,40) ».
		{"وقال مصدر: «الهدوء عاد».", [2]int{2, 8}, [2]int{21, 40}, true},
	}
	for _, tt := range tests {
		d := analyse(t, an, tt.text)
		f.Find(d)
		if len(d.Quotes) != 1 {
			t.Errorf("%q: %d quotes, want 1", tt.text, len(d.Quotes))
			continue
		}
		q := d.Quotes[0]
		if q.Cue.Start != tt.cue[0] || q.Cue.End != tt.cue[1] || q.Content.Start != tt.content[0] || q.Content.End != tt.content[1] || q.Direct != tt.direct {
			t.Errorf("%q: cue [%d,%d) content [%d,%d) direct %v, want %v %v %v", tt.text,
				q.Cue.Start, q.Cue.End, q.Content.Start, q.Content.End, q.Direct, tt.cue, tt.content, tt.direct)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		cues, words, want string
	}{
		{"قال\tsay\n", "", "cues.tsv:1: 2 fields, want 3"},
		{"قال\tshout\tm\n", "", `cues.tsv:1: unknown cue kind "shout"`},
		{"# c\nقال\tsay\tx\n", "", `cues.tsv:2: gender "x" is neither m nor f`},
		{"قال\tsay\tm\nقال\tsay\tm\n", "", `cues.tsv:2: cue "قال" listed twice`},
		{"", "وزير\tboss\n", `speakers.tsv:1: unknown word class "boss"`},
		{"", "وزير\t\n", "speakers.tsv:1: field 2 is empty"},
	}
	for _, tt := range tests {
		_, err := Parse("cues.tsv", tt.cues, "speakers.tsv", tt.words)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q, %q) = %v, want …%s", tt.cues, tt.words, err, tt.want)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	articles := loadGold(b)
	an, err := arabic.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	f, err := New()
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*document.Document, len(articles))
	size := 0
	for i, a := range articles {
		docs[i] = analyse(b, an, a.Text)
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = 0
		for _, d := range docs {
			d.Quotes = d.Quotes[:0]
			f.Find(d)
			n += len(d.Quotes)
		}
	}
	b.StopTimer()
	want := 0
	for _, a := range articles {
		want += len(a.Quotes)
	}
	// The finder meets the gold's count within a tenth; a fast wrong change
	// that finds nothing fails here.
	if n < want*9/10 || n > want*11/10 {
		b.Fatalf("found %d quotes in the gold articles, the gold has %d", n, want)
	}
}

func TestWithActors(t *testing.T) {
	an, f := analyzerAndFinder(t)
	list, err := actors.Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text            string
		plain, withList string // the speaker's canonical name without and with the list
	}{
		{"وقال المشير حفتر إن قواته لن تنسحب من مواقعها.", "حفتر", "خليفة حفتر"},
		{"حفتر قال إن الحوار هو السبيل الوحيد.", "حفتر", "خليفة حفتر"},
		// A body in the phrase is not the speaker's name.
		{"وقال رئيس لجنة الأسرى التابعة للحوثيين إن التبادل سيتم قريبا.", "رئيس لجنة الأسرى التابعة للحوثيين", "رئيس لجنة الأسرى التابعة للحوثيين"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			f    *Finder
			want string
		}{{f, tt.plain}, {f.WithActors(list), tt.withList}} {
			d := analyse(t, an, tt.text)
			c.f.Find(d)
			if len(d.Quotes) != 1 {
				t.Errorf("%q: %d quotes, want 1", tt.text, len(d.Quotes))
				continue
			}
			if got := d.Quotes[0].Speaker.Canonical; got != c.want {
				t.Errorf("%q: canonical %q, want %q", tt.text, got, c.want)
			}
		}
	}
}

// TestEntities checks that a tagged entity inside the speaker phrase gives
// the name, its canonical form and id, and splits off the role; that a
// name the tagger cut short is completed; and that a body inside a title
// or further into the phrase is not taken for the speaker.
func TestEntities(t *testing.T) {
	an, f := analyzerAndFinder(t)
	tests := []struct {
		text, entity, typ, canonical string
		want                         document.Speaker
	}{
		{"وأكد رئيس المجلس الرئاسي محمد المنفي أن الانتخابات ستجري في موعدها.", "محمد المنفي", document.PER, "محمد يونس المنفي",
			document.Speaker{Text: "رئيس المجلس الرئاسي محمد المنفي", Canonical: "محمد يونس المنفي", Entity: "T1", Role: "رئيس المجلس الرئاسي"}},
		{"وقال مدير الدفاع المدني رائد الصالح إن الفرق انتشلت ثلاث جثث.", "الصالح", document.PER, "الصالح",
			document.Speaker{Text: "مدير الدفاع المدني رائد الصالح", Canonical: "رائد الصالح", Entity: "T1", Role: "مدير الدفاع المدني"}},
		{"وقال الناطق باسم الجيش الليبي إن الطيران نفذ ثلاث غارات.", "الجيش الليبي", document.ORG, "الجيش الوطني الليبي",
			document.Speaker{Text: "الناطق باسم الجيش الليبي", Canonical: "الناطق باسم الجيش الليبي", Role: "الناطق باسم الجيش الليبي"}},
		{"وأكدت منصات تابعة للدعم السريع أن قواتها انسحبت من البلدة.", "دعم السريع", document.ORG, "قوات الدعم السريع",
			document.Speaker{Text: "منصات تابعة للدعم السريع", Canonical: "منصات تابعة للدعم السريع"}},
	}
	for _, tt := range tests {
		start := strings.Index(tt.text, tt.entity)
		d := analyse(t, an, tt.text)
		d.Entities = []document.Entity{{ID: "T1", Type: tt.typ, Start: start, End: start + len(tt.entity),
			Text: tt.entity, Canonical: tt.canonical, Confidence: 0.9}}
		f.Find(d)
		if err := document.Check(d); err != nil {
			t.Fatal(err)
		}
		if len(d.Quotes) != 1 {
			t.Errorf("%q: %d quotes, want 1", tt.text, len(d.Quotes))
			continue
		}
		if got := d.Quotes[0].Speaker; got != tt.want {
			t.Errorf("%q: speaker %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

// FuzzFind runs the finder on arbitrary text: it must not panic, and every
// span it gives must hold (document.Check).
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"وقال مصدر: «الهدوء عاد».",
		"بحسب",
		"وفقا ل، قال إن \"",
		"قال « » \"\" “ ”. وأضاف أن",
		"نقلا عن مصدر، أن",
		"شدد على",
	} {
		f.Add(s)
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		f.Fatal(err)
	}
	finder, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := analyse(t, an, text)
		finder.Find(d)
		if err := document.Check(d); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
	})
}

// analyzerAndFinder builds the two values every test here needs.
func analyzerAndFinder(t *testing.T) (*arabic.Analyzer, *Finder) {
	t.Helper()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	f, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return an, f
}
