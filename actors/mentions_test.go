package actors

import (
	"strings"
	"testing"
	"time"

	"github.com/rasad/rasad/arabic"
)

func TestMentions(t *testing.T) {
	l := mustLoad(t)
	// Invented for this test.
	text := "قال الناطق باسم القيادة العامة اللواء أحمد المسماري إن وحدات من لواء طارق بن زياد انتشرت قرب سرت، " +
		"فيما رحّب المجلس الرئاسي بدعوة المبعوثة الأممية هانا تيتيه إلى الحوار، ونقلَ التحية وَلِلجيش الوطني الليبي، " +
		"وندّد بتحركات فاغنر وبالحكومة."
	ctx := Context{Country: "LY", Date: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	want := []struct {
		start, end int
		text, id   string
		ambiguous  bool
	}{
		{7, 56, "الناطق باسم القيادة العامة", "ly.mismari.ahmed", false},
		{70, 95, "أحمد المسماري", "ly.mismari.ahmed", false},
		{117, 148, "لواء طارق بن زياد", "ly.tbz", false},
		{196, 223, "المجلس الرئاسي", "ly.pc", false},
		{235, 266, "المبعوثة الأممية", "un.tetteh.hanna", false},
		{267, 286, "هانا تيتيه", "un.tetteh.hanna", false},
		{341, 375, "لجيش الوطني الليبي", "ly.lna", false}, // وَلِلجيش: و and one ل are clitics
		{404, 414, "فاغنر", "ru.wagner", false},
		{419, 433, "الحكومة", "ly.gnu", true}, // وبالحكومة: the GNU or the eastern government
	}
	got := l.Mentions(text, arabic.Tokenize(text, nil), ctx)
	if len(got) != len(want) {
		t.Errorf("%d mentions, want %d", len(got), len(want))
	}
	for i, w := range want {
		if i >= len(got) {
			t.Errorf("mention %d %q missing", i, w.text)
			continue
		}
		g := got[i]
		best, _ := g.Best()
		if g.Start != w.start || g.End != w.end || g.Text != w.text || best.Actor.ID != w.id || g.Ambiguous != w.ambiguous {
			t.Errorf("mention %d: [%d,%d) %q → %s ambiguous %v; want [%d,%d) %q → %s ambiguous %v",
				i, g.Start, g.End, g.Text, best.Actor.ID, g.Ambiguous, w.start, w.end, w.text, w.id, w.ambiguous)
		}
		if text[g.Start:g.End] != g.Text {
			t.Errorf("mention %d: text %q is not the slice [%d,%d)", i, g.Text, g.Start, g.End)
		}
	}
}

func TestMentionsNothing(t *testing.T) {
	l := mustLoad(t)
	// A comma between two words that together make a name breaks it.
	text := "التقى خليفة، حفتر بالوفد. جاء الشباب إلى الملعب."
	got := l.Mentions(text, arabic.Tokenize(text, nil), Context{Country: "LY", Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	for _, m := range got {
		if m.Text != "حفتر" {
			t.Errorf("unexpected mention %q [%d,%d)", m.Text, m.Start, m.End)
		}
	}
	if len(got) != 1 || got[0].Start != 24 || got[0].End != 32 {
		t.Errorf("got %+v, want only حفتر at [24,32)", got)
	}
}

func BenchmarkMentions(b *testing.B) {
	l := mustLoad(b)
	text := strings.Repeat("قال الناطق باسم القيادة العامة اللواء أحمد المسماري إن قوات حكومة الوحدة الوطنية انسحبت من مواقعها جنوب طرابلس بعد اشتباكات مع اللواء 444 قتال، ورحّب المجلس الرئاسي بالاتفاق. ", 20)
	tokens := arabic.Tokenize(text, nil)
	ctx := Context{Country: "LY", Date: time.Date(2023, 8, 15, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if got := l.Mentions(text, tokens, ctx); len(got) != 5*20 {
			b.Fatalf("%d mentions, want %d", len(got), 5*20)
		}
	}
}

func TestSkipLetters(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want int
	}{
		{"وحفتر", 1, 2},
		{"وَحفتر", 1, 4},
		{"وَلِلجيش", 2, 8},
		{"وـحفتر", 1, 4},
		{"و", 3, 2},
	}
	for _, tt := range tests {
		if got := skipLetters(tt.text, 0, tt.n); got != tt.want {
			t.Errorf("skipLetters(%q, %d) = %d, want %d", tt.text, tt.n, got, tt.want)
		}
	}
}
