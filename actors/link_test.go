package actors

import (
	"strings"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
)

func TestLink(t *testing.T) {
	l, an := listAndAnalyzer(t)
	text := "قال المشير حفتر إن قواته ستواصل العمليات في سرت، في رسالة للأمم المتحدة. واستقبل عبد الحميد الدبيبة في طرابلس وفدا، فيما أكد سالم بن عمر أن الوضع هادئ."
	d := document.New("", text)
	d.Published = ptr("2025-06-22")
	d.Tokens, d.Sentences = an.Analyze(text)
	entity := func(id, typ, s string) document.Entity {
		i := strings.Index(text, s)
		return document.Entity{ID: id, Type: typ, Start: i, End: i + len(s), Text: s, Canonical: s}
	}
	d.Entities = []document.Entity{
		entity("T1", document.PER, "حفتر"),
		entity("T2", document.LOC, "سرت"),
		entity("T3", document.LOC, "طرابلس"),
		entity("T4", document.PER, "سالم بن عمر"), // nobody the list knows
	}
	un := entity("T5", document.ORG, "أمم المتحدة") // as a tagger cuts للأمم المتحدة
	un.Canonical = "الأمم المتحدة"
	d.Entities = append(d.Entities, un)
	d.Places = []document.Place{{ID: "P1", Country: "LY", Mentions: []string{"T2"}}, {ID: "P2", Country: "LY", Mentions: []string{"T3"}}}

	l.Link(d)
	if err := document.Check(d); err != nil {
		t.Fatal(err)
	}
	byText := map[string]document.Entity{}
	for _, e := range d.Entities {
		byText[e.Text] = e
	}
	if e := byText["حفتر"]; e.KB != "actor:ly.haftar.khalifa" || e.Canonical != "خليفة حفتر" {
		t.Errorf("حفتر linked to %q (canonical %q), want actor:ly.haftar.khalifa, خليفة حفتر", e.KB, e.Canonical)
	}
	if e := byText["سالم بن عمر"]; e.KB != "" || e.Canonical != "سالم بن عمر" {
		t.Errorf("an unknown person was linked to %q", e.KB)
	}
	if e := byText["سرت"]; e.KB != "" {
		t.Errorf("a place was linked to actor %q", e.KB)
	}
	if e := byText["أمم المتحدة"]; e.KB != "actor:un" {
		t.Errorf("أمم المتحدة (canonical الأمم المتحدة) linked to %q, want actor:un", e.KB)
	}
	e, ok := byText["عبد الحميد الدبيبة"]
	if !ok {
		t.Fatalf("the missed name عبد الحميد الدبيبة was not added; entities: %+v", d.Entities)
	}
	if e.Type != document.PER || e.KB == "" || e.ID != "T6" {
		t.Errorf("added entity %+v, want a PER T6 with a kb id", e)
	}
}

func TestArticleContext(t *testing.T) {
	d := document.New("", "x")
	d.Published = ptr("2020-06-22")
	d.Places = []document.Place{
		{Country: "EG", Mentions: []string{"T1"}},
		{Country: "LY", Mentions: []string{"T2", "T3"}},
		{Country: "", Mentions: []string{"T4", "T5", "T6"}},
	}
	ctx := ArticleContext(d)
	if ctx.Country != "LY" || ctx.Date.Format("2006-01-02") != "2020-06-22" {
		t.Errorf("ArticleContext = %+v, want LY on 2020-06-22", ctx)
	}
}

func ptr(s string) *string { return &s }

func TestLinkAddsOneWordNamesOnlyWhenNamedInFull(t *testing.T) {
	l, an := listAndAnalyzer(t)
	for _, tc := range []struct {
		text string
		want []string
	}{
		// فتح here is the verb "opened", بري "by land".
		{"فتح الجيش الطريق أمام هجوم بري على المدينة.", nil},
		{"أكد عبد الفتاح البرهان أن الجيش سيواصل القتال. وقال البرهان إن الحرب لن تتوقف.", []string{"عبد الفتاح البرهان", "البرهان"}},
		{"قدم المحامي البرهان على براءة موكله.", nil},
	} {
		d := document.New("", tc.text)
		d.Tokens, d.Sentences = an.Analyze(tc.text)
		l.Link(d)
		var got []string
		for _, e := range d.Entities {
			got = append(got, e.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s\n  added %q, want %q", tc.text, got, tc.want)
		}
	}
}

// listAndAnalyzer loads the actor list and the Arabic analyzer the
// linking tests need.
func listAndAnalyzer(t *testing.T) (*List, *arabic.Analyzer) {
	t.Helper()
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return l, an
}
