package arabic

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/internal/shared"
)

// ownText returns a long news-like text made of the sentences we wrote for
// the segmentation gold file (its "# " comment lines), in paragraphs.
func ownText(tb testing.TB, copies int) string {
	tb.Helper()
	data, err := os.ReadFile("testdata/segmentation.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	var sentences []string
	for line := range strings.Lines(string(data)) {
		if s, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok && strings.ContainsAny(s, ".،") {
			sentences = append(sentences, s)
		}
	}
	if len(sentences) < 20 {
		tb.Fatalf("only %d sentences in the gold file", len(sentences))
	}
	var b strings.Builder
	for c := range copies {
		for i, s := range sentences {
			b.WriteString(s)
			if (i+c)%4 == 3 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

func BenchmarkAnalyze(b *testing.B) {
	a := analyzer(b)
	one := ownText(b, 1)
	perCopy := len(Tokenize(one, nil))
	const copies = 20
	text := ownText(b, copies)
	tokens, sentences := a.Analyze(text)
	if len(tokens) != perCopy*copies {
		b.Fatalf("got %d tokens, want %d", len(tokens), perCopy*copies)
	}
	checkAnalysis(b, text, tokens, sentences)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	n := 0
	for b.Loop() {
		tokens, _ := a.Analyze(text)
		n += len(tokens)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkAnalyzeCorpus runs over the first articles of a shared news corpus.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	path := shared.Path(b, "news-egypt2013/articles.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	size := 0
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(texts) < 2000 {
		var rec struct{ Content string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, rec.Content)
		size += len(rec.Content)
	}
	a := analyzer(b)
	for _, t := range texts[:50] {
		tokens, sentences := a.Analyze(t)
		checkAnalysis(b, t, tokens, sentences)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			tokens, _ := a.Analyze(t)
			n += len(tokens)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkNewAnalyzer(b *testing.B) {
	for b.Loop() {
		a, err := NewAnalyzer()
		if err != nil {
			b.Fatal(err)
		}
		if a.lex.Len() < 50000 {
			b.Fatalf("lexicon has only %d forms", a.lex.Len())
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	text := "وَقَالَ الـمتحدث بِاسم الجيش إن قواته سيطرت على المدينة بعد ٣ أيام"
	var buf []byte
	for b.Loop() {
		buf = AppendNormalize(buf[:0], text)
	}
	if string(buf) != "وقال المتحدث باسم الجيش ان قواته سيطرت علي المدينه بعد 3 ايام" {
		b.Fatalf("got %q", buf)
	}
}

// checkAnalysis fails tb unless the tokens and sentences keep the
// document contract and every stem lies inside its token, with the token's
// text equal to prefix + stem + suffix.
func checkAnalysis(tb testing.TB, text string, tokens []document.Token, sentences []document.Range) {
	tb.Helper()
	if utf8.ValidString(text) {
		d := document.New("", text)
		d.Tokens, d.Sentences = tokens, sentences
		if err := document.Check(d); err != nil {
			tb.Fatal(err)
		}
	}
	prev := 0
	for i, t := range tokens {
		if t.Start < prev || t.End <= t.Start || t.End > len(text) {
			tb.Fatalf("token %d [%d,%d) out of order or range (previous ends at %d)", i, t.Start, t.End, prev)
		}
		if !utf8.ValidString(text[t.Start:t.End]) {
			tb.Fatalf("token %d [%d,%d) holds invalid UTF-8", i, t.Start, t.End)
		}
		if t.StemStart < t.Start || t.StemEnd > t.End || t.StemStart > t.StemEnd {
			tb.Fatalf("token %d: stem [%d,%d) outside [%d,%d)", i, t.StemStart, t.StemEnd, t.Start, t.End)
		}
		if t.Prefix+text[t.StemStart:t.StemEnd]+t.Suffix != text[t.Start:t.End] {
			tb.Fatalf("token %d: %q + stem + %q is not %q", i, t.Prefix, t.Suffix, text[t.Start:t.End])
		}
		prev = t.End
	}
	prev = 0
	for i, s := range sentences {
		if s.Start() < prev || s.End() <= s.Start() || s.End() > len(text) {
			tb.Fatalf("sentence %d %v out of order or range", i, s)
		}
		prev = s.End()
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"وقال المتحدث باسم الجيش إن قواته سيطرت على المدينة.",
		"قال: «لن نتراجع. سنواصل» ثم غادر...\n1. البند الأول\n١- الثاني",
		"ارتفع 3.5 و٣٫٥٪ و1,200 U.S. Dr. د. ق.م. http://x.org a@b.co",
		"وَبِالمَدِينَةِ مدينتهُ الـــرئيس \"نعم؟!\" (لا)",
		"ً ـ \u200c\xff\xfe قال",
		"",
	} {
		f.Add(s)
	}
	a := analyzer(f)
	f.Fuzz(func(t *testing.T, text string) {
		tokens, sentences := a.Analyze(text)
		checkAnalysis(t, text, tokens, sentences)
		for i, tk := range tokens {
			if tk.Kind < document.Word || tk.Kind > document.Symbol {
				t.Fatalf("token %d has kind %v", i, tk.Kind)
			}
		}
		if n := Normalize(text); !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", text, n)
		}
	})
}
