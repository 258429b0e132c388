package arabic

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/rasad/rasad/document"
)

// testAnalyzer is built once for all tests: building it is what
// TestNewAnalyzer and BenchmarkNewAnalyzer measure.
var testAnalyzer = sync.OnceValues(NewAnalyzer)

func analyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	a, err := testAnalyzer()
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // the sentences, in order; their offsets are checked against text
	}{
		{"full stops and question mark",
			"قال الوزير إن الوضع مستقر. وأضاف أن القوات تتقدم؟ نعم!",
			[]string{"قال الوزير إن الوضع مستقر.", "وأضاف أن القوات تتقدم؟", "نعم!"}},
		{"line breaks end sentences",
			"عنوان الخبر\n\nقال المتحدث إن الهجوم فشل\nوأضاف أن التحقيق مستمر",
			[]string{"عنوان الخبر", "قال المتحدث إن الهجوم فشل", "وأضاف أن التحقيق مستمر"}},
		{"quote spanning a full stop ends at the closing quote",
			"وقال: «لن نتراجع. سنواصل القتال.» وأضاف المتحدث أن القوات جاهزة.",
			[]string{"وقال: «لن نتراجع. سنواصل القتال.»", "وأضاف المتحدث أن القوات جاهزة."}},
		{"quote then full stop",
			"وقال: «لن نتراجع. سنواصل القتال». ثم غادر.",
			[]string{"وقال: «لن نتراجع. سنواصل القتال».", "ثم غادر."}},
		{"quote without a final mark continues the sentence",
			"وصف البيان الهجوم بأنه «عمل جبان. مدان» وطالب بالتحقيق.",
			[]string{"وصف البيان الهجوم بأنه «عمل جبان. مدان» وطالب بالتحقيق."}},
		{"straight quotes",
			"قال \"لن نتراجع. أبدا.\" ثم غادر.",
			[]string{"قال \"لن نتراجع. أبدا.\"", "ثم غادر."}},
		{"numbered list",
			"وتضمن الاتفاق:\n1. وقف إطلاق النار.\n2. تبادل الأسرى.\n١- انسحاب القوات\nأولا: الحوار",
			[]string{"وتضمن الاتفاق:", "1. وقف إطلاق النار.", "2. تبادل الأسرى.", "١- انسحاب القوات", "أولا: الحوار"}},
		{"abbreviations",
			"التقى د. محمد علي بالسفير م. أحمد في القرن الثالث ق.م. حسب المصادر. وزار U.S. Dr. Smith البلاد.",
			[]string{"التقى د. محمد علي بالسفير م. أحمد في القرن الثالث ق.م. حسب المصادر.", "وزار U.S. Dr. Smith البلاد."}},
		{"era letter after a year ends the sentence",
			"ولد عام 1950 م. وتوفي بعد ذلك.",
			[]string{"ولد عام 1950 م.", "وتوفي بعد ذلك."}},
		{"decimal numbers",
			"بلغت النسبة 3.5 بالمئة و٣٫٥ في المئة. انتهى.",
			[]string{"بلغت النسبة 3.5 بالمئة و٣٫٥ في المئة.", "انتهى."}},
		{"ellipsis does not end a sentence",
			"وقال إن الوضع... صعب جدا. ثم صمت",
			[]string{"وقال إن الوضع... صعب جدا.", "ثم صمت"}},
		{"closing bracket after the stop",
			"(وقد نفى الجيش ذلك.) وقالت مصادر أخرى إنه صحيح.",
			[]string{"(وقد نفى الجيش ذلك.)", "وقالت مصادر أخرى إنه صحيح."}},
		{"unbalanced quote is closed by the line break",
			"قال «لن نتراجع. أبدا\nثم غادر. وانتهى",
			[]string{"قال «لن نتراجع. أبدا", "ثم غادر.", "وانتهى"}},
		{"leading and trailing space", "  \n نعم.  \n", []string{"نعم."}},
		{"empty", "", nil},
	}
	a := analyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokens, got := a.Analyze(tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d sentences %v, want %d:\n%s", len(got), texts(tt.text, got), len(tt.want), strings.Join(tt.want, "\n"))
			}
			from := 0
			for i, w := range tt.want {
				start := from + strings.Index(tt.text[from:], w)
				if got[i].Start() != start || got[i].End() != start+len(w) {
					t.Errorf("sentence %d = [%d,%d) %q, want [%d,%d) %q", i, got[i].Start(), got[i].End(),
						tt.text[got[i].Start():got[i].End()], start, start+len(w), w)
				}
				from = start + len(w)
			}
			d := document.New("", tt.text)
			d.Sentences, d.Tokens = got, tokens
			if err := document.Check(d); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestSentenceOffsets(t *testing.T) {
	text := "قال د. أحمد. نعم"
	_, got := analyzer(t).Analyze(text)
	want := []document.Range{{0, 20}, {21, 27}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Sentences(%q) = %v, want %v", text, got, want)
	}
}

func texts(text string, rs []document.Range) []string {
	var out []string
	for _, r := range rs {
		out = append(out, text[r.Start():r.End()])
	}
	return out
}

func TestAnalyzeSegmentsWithOffsets(t *testing.T) {
	type seg struct {
		start, end, stemStart, stemEnd int
		prefix, suffix, norm           string
	}
	tests := []struct {
		text string
		want []seg
	}{
		{"وبالمدينة", []seg{{0, 18, 8, 18, "وبال", "", "مدينه"}}},
		{"مدينته", []seg{{0, 12, 0, 10, "", "ه", "مدينه"}}},
		{"وَبِالمَدِينَةِ", []seg{{0, 30, 12, 30, "وَبِال", "", "مدينه"}}},
		{"وزير بلاد ليبيا والدة", []seg{
			{0, 8, 0, 8, "", "", "وزير"}, {9, 17, 9, 17, "", "", "بلاد"},
			{18, 28, 18, 28, "", "", "ليبيا"}, {29, 39, 29, 39, "", "", "والده"}}},
		{"للأمم وسيعقد عليها", []seg{
			{0, 10, 4, 10, "لل", "", "امم"}, {11, 23, 15, 23, "وس", "", "يعقد"}, {24, 34, 24, 30, "", "ها", "علي"}}},
		{"والتقى الرئيس بأعضائه", []seg{
			{0, 12, 2, 12, "و", "", "التقي"}, {13, 25, 17, 25, "ال", "", "رءيس"}, {26, 40, 28, 38, "ب", "ه", "اعضاء"}}},
		{"واتهم اتهمه", []seg{{0, 10, 2, 10, "و", "", "اتهم"}, {11, 21, 11, 19, "", "ه", "اتهم"}}},
		{"قتلوه 2013", []seg{{0, 10, 0, 8, "", "ه", "قتلوا"}, {11, 15, 11, 15, "", "", "2013"}}},
	}
	a := analyzer(t)
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			tokens, _ := a.Analyze(tt.text)
			if len(tokens) != len(tt.want) {
				t.Fatalf("got %d tokens, want %d", len(tokens), len(tt.want))
			}
			for i, w := range tt.want {
				g := tokens[i]
				got := seg{g.Start, g.End, g.StemStart, g.StemEnd, g.Prefix, g.Suffix, g.Norm}
				if got != w {
					t.Errorf("token %d %q = %+v (stem %q), want %+v", i, tt.text[g.Start:g.End], got,
						tt.text[g.StemStart:g.StemEnd], w)
				}
			}
		})
	}
}

// TestSegmenterAccuracy guards the accuracy measured by `rasad eval
// segmenter` on the hand-segmented files.
func TestSegmenterAccuracy(t *testing.T) {
	for _, name := range []string{"testdata/segmentation.tsv", "testdata/segmentation-heldout.tsv"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		gold, err := ReadGold(name, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		s := analyzer(t).EvalSegmenter(gold)
		acc := float64(s.Stem) / float64(s.Words)
		t.Logf("%s: %d words, stem accuracy %.4f", name, s.Words, acc)
		if acc < 0.95 {
			for _, e := range s.Errors {
				t.Logf("%s:%d: %s: got %s+%s+%s", name, e.Gold.Line, e.Gold.Word, e.Got.Prefix, e.Got.Stem, e.Got.Suffix)
			}
			t.Errorf("%s: stem accuracy %.4f, want at least 0.95", name, acc)
		}
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"وقال و+قال\n", "gold:1: want word<TAB>segmentation"},
		{"# c\nوقال\tو+قل\n", "gold:2: segmentation \"و+قل\" does not spell \"وقال\""},
		{"وقالهه\tو+قال+ه+ه\n", "gold:1: cannot tell the stem"},
	}
	for _, tt := range tests {
		_, err := ReadGold("gold", strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadGold(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestReadLexiconErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"قال\t1\t2\n", "lex:1: want form<TAB>alone<TAB>withAl<TAB>afterPrep"},
		{"# c\nقال\t1\tx\t3\n", "lex:2: bad count"},
		{"قال\t1\t2\t3\nقال\t1\t2\t3\n", "lex:2: \"قال\" listed twice"},
	}
	for _, tt := range tests {
		_, err := ReadLexicon("lex", strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadLexicon(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestParseCliticsErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"conj\tو\n", "c:1: want role<TAB>form<TAB>weight"},
		{"conj\tو\t-1\n", "c:1: weight \"-1\" is not a positive number"},
		{"verb\tو\t1\n", "c:1: unknown role \"verb\""},
		{"conj\tو\t1\n", "want exactly one art line"},
	}
	for _, tt := range tests {
		_, err := parseClitics("c", tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseClitics(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestLexiconRoundTrip(t *testing.T) {
	b := NewLexiconBuilder()
	b.Add("قال الوزير إن الوزير زار بالمدينة مدينةً والمدينة.")
	var buf strings.Builder
	if err := WriteLexicon(&buf, b.Entries(1)); err != nil {
		t.Fatal(err)
	}
	lex, err := ReadLexicon("built", strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		form                     string
		alone, withAl, afterPrep uint32
	}{
		{"وزير", 0, 2, 0},
		{"مدينة", 1, 0, 1},
		{"والمدينة", 1, 0, 0},
		{"قال", 1, 0, 0},
	}
	for _, tt := range tests {
		a, w, p := lex.Counts(tt.form)
		if a != tt.alone || w != tt.withAl || p != tt.afterPrep {
			t.Errorf("Counts(%q) = %d, %d, %d, want %d, %d, %d", tt.form, a, w, p, tt.alone, tt.withAl, tt.afterPrep)
		}
	}
}

func TestAnalyzeConcurrently(t *testing.T) {
	a := analyzer(t)
	text := strings.Repeat("وقال المتحدث باسم الجيش إن قواته سيطرت على المدينة. ", 50)
	want, _ := a.Analyze(text)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			got, _ := a.Analyze(text)
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("token %d differs between goroutines", i)
					return
				}
			}
		})
	}
	wg.Wait()
}
