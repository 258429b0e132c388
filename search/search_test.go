package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/store"
)

func analyzer(tb testing.TB) *arabic.Analyzer {
	tb.Helper()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		tb.Fatal(err)
	}
	return an
}

func TestParseQuery(t *testing.T) {
	an := analyzer(t)
	cases := []struct {
		query string
		want  []string // each clause: its words' first terms joined by +
	}{
		{"قوات", []string{"قوات"}},
		{"والقوات لقواتها", []string{"قوات", "قوات"}},
		{`"المجلس الرئاسي" طرابلس`, []string{"مجلس+رءاسي", "طرابلس"}},
		{`«قوات حفتر»`, []string{"قوات+حفتر"}},
		{`“وقف إطلاق النار”`, []string{"وقف+اطلاق+نار"}},
		{"Reuters", []string{"reuters"}},
		{"، ؟ !", nil},
		{`"" قوات`, []string{"قوات"}},
	}
	for _, tc := range cases {
		clauses, err := ParseQuery(an, tc.query)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tc.query, err)
		}
		var got []string
		for _, c := range clauses {
			var first []string
			for _, s := range c.Slots {
				first = append(first, s[0])
			}
			got = append(got, strings.Join(first, "+"))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("ParseQuery(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
	for _, bad := range []string{`"قوات`, `«قوات`, `قوات "حفتر`} {
		if _, err := ParseQuery(an, bad); err == nil {
			t.Errorf("ParseQuery(%q): no error for an unclosed quotation mark", bad)
		}
	}
}

// TestVariants checks that a query word written one way finds the terms
// the analyser makes of its other spellings.
func TestVariants(t *testing.T) {
	an := analyzer(t)
	pairs := [][2]string{
		{"المتحدة", "المتحده"}, {"المتحده", "المتحدة"},
		{"مدينة", "مدينه"}, {"مدينه", "مدينة"},
		{"حماية", "حمايه"}, {"الأمم", "الامم"}, {"مستشفى", "مستشفي"},
	}
	for _, p := range pairs {
		clauses, err := ParseQuery(an, p[0])
		if err != nil || len(clauses) != 1 {
			t.Fatalf("ParseQuery(%q) = %v, %v", p[0], clauses, err)
		}
		text := store.Terms(an, p[1])
		if len(text) != 1 || !slices.Contains(clauses[0].Slots[0], text[0]) {
			t.Errorf("query %q (terms %q) does not reach text %q (term %q)", p[0], clauses[0].Slots[0], p[1], text)
		}
	}
}

func TestSnippet(t *testing.T) {
	an := analyzer(t)
	// 60 words, the match in the middle: the snippet is cut on both
	// sides and marks the match with its clitics.
	words := strings.Fields(strings.Repeat("أعلنت الوزارة أمس ", 20))
	words[30] = "بقواتها"
	text := strings.Join(words, " ")
	tokens, _ := an.Analyze(text)
	var offsets []document.Range
	for _, tk := range tokens {
		offsets = append(offsets, document.Range{tk.Start, tk.End})
	}
	snippet, marks := Snippet(text, offsets, []int{30})
	if !strings.HasPrefix(snippet, "…") || !strings.HasSuffix(snippet, "…") {
		t.Errorf("snippet %q not cut on both sides", snippet)
	}
	if len(marks) != 1 || snippet[marks[0][0]:marks[0][1]] != "بقواتها" {
		t.Fatalf("marks %v in %q, want one on بقواتها", marks, snippet)
	}
	// The mark's offset in bytes: the ellipsis (3 bytes), then the 8
	// words of lead (22..29) and a space.
	want := len("…") + len(strings.Join(words[22:30], " ")) + 1
	if marks[0][0] != want {
		t.Errorf("mark starts at byte %d, want %d", marks[0][0], want)
	}

	// Adjacent marked words are one mark; a short text is whole.
	short := "قال المجلس الرئاسي إن"
	tokens, _ = an.Analyze(short)
	offsets = offsets[:0]
	for _, tk := range tokens {
		offsets = append(offsets, document.Range{tk.Start, tk.End})
	}
	snippet, marks = Snippet(short, offsets, []int{1, 2})
	if snippet != short || len(marks) != 1 || snippet[marks[0][0]:marks[0][1]] != "المجلس الرئاسي" {
		t.Errorf("Snippet(%q) = %q %v", short, snippet, marks)
	}
}

func FuzzParseQuery(f *testing.F) {
	an := analyzer(f)
	for _, s := range []string{"قوات", `"المجلس الرئاسي"`, `«قوات`, "“”", `a "b" «c» “d”`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		clauses, err := ParseQuery(an, q)
		if err != nil {
			return
		}
		for _, c := range clauses {
			if len(c.Slots) == 0 {
				t.Fatalf("clause %q with no words", c.Text)
			}
			for _, s := range c.Slots {
				if len(s) == 0 || s[0] == "" {
					t.Fatalf("clause %q has an empty slot", c.Text)
				}
			}
		}
	})
}
