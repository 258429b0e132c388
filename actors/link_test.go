package actors

import (
	"strings"
	"testing"
	"time"

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

// Descriptions that Libya's rival camps share go to the camp of the
// actors the article names, at the article's date.
func TestLinkDescriptionsBySide(t *testing.T) {
	l, an := listAndAnalyzer(t)
	tests := []struct {
		name, date, text string
		org              string // the description, tagged ORG at its last occurrence
		want             string // its kb id, "" for none
	}{
		{"the LNA's spokesman speaks of the army", "2019-06-10",
			"قال الناطق باسم القيادة العامة اللواء أحمد المسماري إن الجيش الليبي سيطر على مواقع جنوب طرابلس.",
			"الجيش الليبي", "actor:ly.lna"},
		{"Haftar's army in the east", "2020-01-12",
			"أعلن المشير خليفة حفتر قبول الهدنة، وقال إن الجيش سيلتزم بوقف إطلاق النار في محيط طرابلس.",
			"الجيش", "actor:ly.lna"},
		{"the GNA's army in 2019", "2019-09-03",
			"وقال فائز السراج رئيس المجلس الرئاسي إن الجيش الليبي صد هجوما على جنوب طرابلس.",
			"الجيش الليبي", "actor:ly.gna.forces"},
		{"the GNU's army in 2023", "2023-05-20",
			"وأكد عبد الحميد الدبيبة أن الجيش الليبي يحمي العاصمة طرابلس ويؤمن حدودها.",
			"الجيش الليبي", "actor:ly.gnu.forces"},
		{"both camps named: left unlinked", "2020-01-12",
			"التقى خليفة حفتر وفائز السراج في موسكو، وقال الجيش الليبي إنه ملتزم بالهدنة في طرابلس.",
			"الجيش الليبي", ""},
		{"no camp named: left unlinked", "2020-01-12",
			"قال الجيش الليبي إنه ملتزم بالهدنة في محيط طرابلس.",
			"الجيش الليبي", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDescription(t, l, an, tt.date, tt.text, tt.org, "طرابلس", "LY", tt.want)
		})
	}
}

// In Yemen the same words name the government's army in Marib's media
// and the Houthis' forces in Sanaa's: the enemy's name for the other
// side tells which.
func TestLinkDescriptionsByVoice(t *testing.T) {
	l, an := listAndAnalyzer(t)
	tests := []struct {
		name, text, org, want string
	}{
		{"government media",
			"وأكد مصدر عسكري أن الميليشيا الحوثية قصفت مواقع القوات المسلحة اليمنية غرب مأرب.",
			"القوات المسلحة اليمنية", "actor:ye.army"},
		{"the army in government media",
			"وقال مصدر عسكري إن الجيش صد هجوما للميليشيا الحوثية غرب مأرب.",
			"الجيش", "actor:ye.army"},
		{"Sanaa's media",
			"وقال المتحدث العسكري يحيى سريع إن القوات المسلحة اليمنية استهدفت مرتزقة العدوان في مأرب.",
			"القوات المسلحة اليمنية", "actor:ye.houthis"},
		{"nobody's voice",
			"وقالت القوات المسلحة اليمنية إنها سيطرت على مواقع غرب مأرب.",
			"القوات المسلحة اليمنية", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDescription(t, l, an, "2021-03-01", tt.text, tt.org, "مأرب", "YE", tt.want)
		})
	}
}

// checkDescription tags org (its last occurrence in text) and place as
// entities, links the article and checks org's kb id.
func checkDescription(t *testing.T, l *List, an *arabic.Analyzer, date, text, org, place, country, want string) {
	t.Helper()
	d := document.New("", text)
	d.Published = ptr(date)
	d.Tokens, d.Sentences = an.Analyze(text)
	start := strings.LastIndex(text, org)
	at := strings.LastIndex(text, place)
	d.Entities = []document.Entity{
		{ID: "T1", Type: document.ORG, Start: start, End: start + len(org), Text: org, Canonical: org},
		{ID: "T2", Type: document.LOC, Start: at, End: at + len(place), Text: place, Canonical: place},
	}
	d.Places = []document.Place{{ID: "P1", Country: country, Mentions: []string{"T2"}}}
	l.Link(d)
	if got := d.Entities[0].KB; got != want {
		t.Errorf("%s at byte %d linked to %q, want %q", org, start, got, want)
	}
}

func TestSideAt(t *testing.T) {
	l, _ := listAndAnalyzer(t)
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		id, date, want string
	}{
		{"ly.lna", "2020-01-01", "ly.east"},
		{"ly.tbz", "2020-01-01", "ly.east"},            // through part_of
		{"ly.gnu.moi", "2023-01-01", "ly.west"},        // through part_of
		{"ly.bashagha.fathi", "2020-06-01", "ly.west"}, // GNA interior minister
		{"ly.bashagha.fathi", "2022-06-01", "ly.east"}, // the House's prime minister
		{"un", "2020-01-01", ""},
	}
	for _, tt := range tests {
		a, ok := l.ByID(tt.id)
		if !ok {
			t.Fatalf("no actor %s", tt.id)
		}
		if got := l.SideAt(a, day(tt.date)); got != tt.want {
			t.Errorf("SideAt(%s, %s) = %q, want %q", tt.id, tt.date, got, tt.want)
		}
	}
}
