package ner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
)

func loadTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func analyze(t testing.TB, text string) *document.Document {
	t.Helper()
	a, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	d := document.New("", text)
	d.Tokens, d.Sentences = a.Analyze(text)
	return d
}

// nth returns the byte offset of the n-th (from 1) occurrence of s in text.
func nth(text, s string, n int) int {
	off := 0
	for ; n > 0; n-- {
		i := strings.Index(text[off:], s)
		if i < 0 {
			return -1
		}
		off += i
		if n > 1 {
			off += len(s)
		}
	}
	return off
}

// The span of an entity leaves out proclitics and titles, whatever the
// tagger decided about the tokens.
func TestMentionSpans(t *testing.T) {
	tg := loadTagger(t)
	text := "وصل اللواء أحمد المسماري بطرابلس، وتحدث الرئيس عن العلاقات مع بغداد والجزائر وللعراق."
	d := analyze(t, text)
	word := func(w string) []document.Token {
		for i, tk := range d.Tokens {
			if text[tk.Start:tk.End] == strings.Fields(w)[0] {
				return d.Tokens[i : i+len(strings.Fields(w))]
			}
		}
		t.Fatalf("no token %q", w)
		return nil
	}
	tests := []struct {
		tokens    string
		text      string // expected span
		canonical string
	}{
		{"اللواء أحمد المسماري", "أحمد المسماري", "أحمد المسماري"},
		{"بطرابلس", "طرابلس", "طرابلس"},
		{"والجزائر", "الجزائر", "الجزائر"},
		{"وللعراق", "عراق", "العراق"},
		{"بغداد", "بغداد", "بغداد"},
	}
	for _, tt := range tests {
		toks := word(tt.tokens)
		m, ok := tg.mention(text, toks, "LOC", 0.9)
		if !ok {
			t.Errorf("%q: no mention", tt.tokens)
			continue
		}
		wantStart := strings.Index(text, tt.tokens) + strings.Index(tt.tokens, tt.text)
		if tt.text == "عراق" {
			wantStart = strings.Index(text, "عراق")
		}
		if m.start != wantStart || m.end != wantStart+len(tt.text) || text[m.start:m.end] != tt.text {
			t.Errorf("%q: span [%d,%d) %q, want [%d,%d) %q", tt.tokens, m.start, m.end, text[m.start:m.end], wantStart, wantStart+len(tt.text), tt.text)
		}
		if m.canonical != tt.canonical {
			t.Errorf("%q: canonical %q, want %q", tt.tokens, m.canonical, tt.canonical)
		}
	}
	// A chunk that is only a title is no entity.
	if m, ok := tg.mention(text, word("الرئيس"), "PER", 0.9); ok {
		t.Errorf("title alone gave mention %+v", m)
	}
}

// Without the analyzer's segmentation, the proclitic is guessed from word
// counts in the news corpus.
func TestProcliticLen(t *testing.T) {
	tg := loadTagger(t)
	tests := []struct {
		word   string
		cut    int
		elided bool
	}{
		{"وحفتر", len("و"), false},
		{"بطرابلس", len("ب"), false},
		{"والجزائر", len("و"), false},
		{"بالقاهرة", len("ب"), false},
		{"للعراق", len("لل"), true},
		{"لليبيا", len("ل"), false},
		{"بغداد", 0, false},
		{"لبنان", 0, false},
		{"فرنسا", 0, false},
		{"ولبنان", len("و"), false},
	}
	for _, tt := range tests {
		cut, elided := tg.procliticLen(tt.word)
		if cut != tt.cut || elided != tt.elided {
			t.Errorf("procliticLen(%q) = %d, %v; want %d, %v", tt.word, cut, elided, tt.cut, tt.elided)
		}
	}
}

func TestCanonicalize(t *testing.T) {
	ms := []mention{
		{typ: "PER", canonical: "حفتر", words: []string{"حفتر"}},
		{typ: "PER", canonical: "خليفة حفتر", words: []string{"خليفه", "حفتر"}},
		{typ: "LOC", canonical: "حفتر", words: []string{"حفتر"}}, // another type: left alone
		{typ: "PER", canonical: "السراج", words: []string{"السراج"}},
		{typ: "PER", canonical: "فايز السراج", words: []string{"فايز", "السراج"}},
		{typ: "PER", canonical: "فايز", words: []string{"فايز"}},
	}
	canonicalize(ms)
	want := []string{"خليفة حفتر", "خليفة حفتر", "حفتر", "فايز السراج", "فايز السراج", "فايز السراج"}
	for i, m := range ms {
		if m.canonical != want[i] {
			t.Errorf("mention %d: canonical %q, want %q", i, m.canonical, want[i])
		}
	}
}

func TestTitles(t *testing.T) {
	tl, err := parseTitles(titlesFile, "titles.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words string
		want  int
	}{
		{"المشير خليفه حفتر", 1},
		{"والمشير حفتر", 1},
		{"الفريق اول عبد الفتاح", 2},
		{"الناطق باسم الجيش", 2},
		{"خليفه حفتر", 0},
	}
	for _, tt := range tests {
		norms := strings.Fields(normalize(tt.words))
		if got := tl.leading(norms); got != tt.want {
			t.Errorf("leading(%q) = %d, want %d", tt.words, got, tt.want)
		}
	}
}

// paragraph is an invented news paragraph about Libya.
const paragraph = "أعلن المشير خليفة حفتر، قائد الجيش الوطني الليبي، يوم الأحد أن قواته سيطرت على مدينة سرت بعد معارك عنيفة. " +
	"وقال حفتر في كلمة بثتها قناة تلفزيونية إن العمليات ستتواصل حتى دخول طرابلس. " +
	"من جهته، دعا رئيس المجلس الرئاسي فايز السراج الأمم المتحدة إلى التدخل لوقف القتال، " +
	"فيما أكد الناطق باسم الجيش اللواء أحمد المسماري أن وحدات الجيش وصلت إلى بنغازي وأجدابيا. " +
	"وفي القاهرة، قال وزير الخارجية المصري سامح شكري إن مصر تتابع الوضع في ليبيا عن كثب."

func TestTagParagraph(t *testing.T) {
	tg := loadTagger(t)
	d := analyze(t, paragraph)
	tg.Tag(d)
	if err := document.Check(d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		t.Logf("%s %s [%d,%d) %q canonical %q confidence %.3f", e.ID, e.Type, e.Start, e.End, e.Text, e.Canonical, e.Confidence)
	}
	tests := []struct {
		typ, text string
		n         int // which occurrence of text in the paragraph
		canonical string
	}{
		{"PER", "خليفة حفتر", 1, "خليفة حفتر"},
		{"PER", "حفتر", 2, "خليفة حفتر"},
		{"LOC", "سرت", 1, "سرت"},
		{"LOC", "طرابلس", 1, "طرابلس"},
		{"PER", "فايز السراج", 1, "فايز السراج"},
		{"ORG", "الأمم المتحدة", 1, "الأمم المتحدة"},
		{"PER", "أحمد المسماري", 1, "أحمد المسماري"},
		{"LOC", "بنغازي", 1, "بنغازي"},
		{"LOC", "أجدابيا", 1, "أجدابيا"}, // written وأجدابيا
		{"LOC", "القاهرة", 1, "القاهرة"},
		{"PER", "سامح شكري", 1, "سامح شكري"},
		{"LOC", "مصر", 2, "مصر"}, // the first is inside المصري
	}
	for _, tt := range tests {
		start := nth(paragraph, tt.text, tt.n)
		var found *document.Entity
		for i, e := range d.Entities {
			if e.Start == start && e.End == start+len(tt.text) {
				found = &d.Entities[i]
			}
		}
		if found == nil {
			t.Errorf("no entity at [%d,%d) %q", start, start+len(tt.text), tt.text)
			continue
		}
		if found.Type != tt.typ || found.Canonical != tt.canonical {
			t.Errorf("%q: %s canonical %q, want %s canonical %q", tt.text, found.Type, found.Canonical, tt.typ, tt.canonical)
		}
		if found.Confidence <= 0 || found.Confidence > 1 {
			t.Errorf("%q: confidence %v", tt.text, found.Confidence)
		}
	}
	for i, e := range d.Entities {
		if want := fmt.Sprintf("T%d", i+1); e.ID != want {
			t.Errorf("entity %d has id %s, want %s", i, e.ID, want)
		}
		for _, title := range []string{"المشير", "اللواء", "الناطق", "وزير"} {
			if strings.HasPrefix(e.Text, title) {
				t.Errorf("entity %q starts with the title %q", e.Text, title)
			}
		}
	}
}

func TestTagEmptyAndUnsplit(t *testing.T) {
	tg := loadTagger(t)
	d := analyze(t, "")
	tg.Tag(d)
	if len(d.Entities) != 0 {
		t.Errorf("empty text gave %d entities", len(d.Entities))
	}
	// Tokens without sentences are tagged as one sentence.
	d = analyze(t, "وصل فايز السراج إلى طرابلس")
	d.Sentences = nil
	tg.Tag(d)
	found := false
	for _, e := range d.Entities {
		if e.Text == "طرابلس" && e.Type == "LOC" && e.Start == strings.Index(d.Text, "طرابلس") {
			found = true
		}
	}
	if !found {
		t.Errorf("طرابلس not found as LOC in %+v", d.Entities)
	}
}
