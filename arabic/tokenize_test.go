package arabic

import (
	"testing"

	"github.com/rasad/rasad/document"
)

type wantToken struct {
	start, end int
	kind       document.TokenKind
	text       string
}

func TestTokenize(t *testing.T) {
	const (
		W = document.Word
		L = document.LatinWord
		N = document.Number
		P = document.Punct
		S = document.Symbol
	)
	tests := []struct {
		name string
		text string
		want []wantToken
	}{
		{"arabic words and comma", "قال الوزير، أمس", []wantToken{
			{0, 6, W, "قال"}, {7, 19, W, "الوزير"}, {19, 21, P, "،"}, {22, 28, W, "أمس"}}},
		{"diacritics and tatweel stay inside", "وَقَالَ الـرئيس", []wantToken{
			{0, 14, W, "وَقَالَ"}, {15, 29, W, "الـرئيس"}}},
		{"decimal and thousands", "ارتفع 3.5 و1,200 و٣٫٥٪", []wantToken{
			{0, 10, W, "ارتفع"}, {11, 14, N, "3.5"}, {15, 17, W, "و"}, {17, 22, N, "1,200"},
			{23, 25, W, "و"}, {25, 31, N, "٣٫٥"}, {31, 33, S, "٪"}}},
		{"percent after space", "50 %", []wantToken{{0, 2, N, "50"}, {3, 4, S, "%"}}},
		{"persian digits", "۱۴۰۲", []wantToken{{0, 8, N, "۱۴۰۲"}}},
		{"number then full stop", "عام 2013.", []wantToken{{0, 6, W, "عام"}, {7, 11, N, "2013"}, {11, 12, P, "."}}},
		{"time and date", "10:30 2013/5/1", []wantToken{{0, 5, N, "10:30"}, {6, 14, N, "2013/5/1"}}},
		{"question marks", "هل؟! نعم?", []wantToken{
			{0, 4, W, "هل"}, {4, 7, P, "؟!"}, {8, 14, W, "نعم"}, {14, 15, P, "?"}}},
		{"ellipsis", "ثم... و…", []wantToken{{0, 4, W, "ثم"}, {4, 7, P, "..."}, {8, 10, W, "و"}, {10, 13, P, "…"}}},
		{"quotes and brackets", "«نعم» (لا) \"قال\" 'x'", []wantToken{
			{0, 2, P, "«"}, {2, 8, W, "نعم"}, {8, 10, P, "»"}, {11, 12, P, "("}, {12, 16, W, "لا"}, {16, 17, P, ")"},
			{18, 19, P, "\""}, {19, 25, W, "قال"}, {25, 26, P, "\""}, {27, 28, P, "'"}, {28, 29, L, "x"}, {29, 30, P, "'"}}},
		{"semicolon and colon", "أولا: نعم؛ لا", []wantToken{
			{0, 8, W, "أولا"}, {8, 9, P, ":"}, {10, 16, W, "نعم"}, {16, 18, P, "؛"}, {19, 23, W, "لا"}}},
		{"latin words", "U.S. F16 don't", []wantToken{
			{0, 1, L, "U"}, {1, 2, P, "."}, {2, 3, L, "S"}, {3, 4, P, "."}, {5, 8, L, "F16"},
			{9, 12, L, "don"}, {12, 13, P, "'"}, {13, 14, L, "t"}}},
		{"url and email", "راجع https://example.com/a?b=1. أو news@example.org", []wantToken{
			{0, 8, W, "راجع"}, {9, 34, S, "https://example.com/a?b=1"}, {34, 35, P, "."},
			{36, 40, W, "أو"}, {41, 57, S, "news@example.org"}}},
		{"arabic glued to digits", "عام2013م", []wantToken{{0, 6, W, "عام"}, {6, 10, N, "2013"}, {10, 12, W, "م"}}},
		{"stray diacritic and emoji", "ً 😀", []wantToken{{0, 2, S, "ً"}, {3, 7, S, "😀"}}},
		{"invalid byte is skipped", "قال\xffنعم", []wantToken{{0, 6, W, "قال"}, {7, 13, W, "نعم"}}},
		{"white space only", " \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.text, nil)
			if len(got) != len(tt.want) {
				t.Fatalf("Tokenize(%q) gave %d tokens, want %d: %v", tt.text, len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Start != w.start || g.End != w.end || g.Kind != w.kind || tt.text[g.Start:g.End] != w.text {
					t.Errorf("token %d = [%d,%d) %v %q, want [%d,%d) %v %q",
						i, g.Start, g.End, g.Kind, tt.text[g.Start:g.End], w.start, w.end, w.kind, w.text)
				}
				if g.StemStart != g.Start || g.StemEnd != g.End {
					t.Errorf("token %d: stem [%d,%d) is not the whole token", i, g.StemStart, g.StemEnd)
				}
			}
		})
	}
}
