package geo

import (
	"strings"
	"sync"
	"testing"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/kb"
)

// testResolver loads the embedded index once for the package's tests.
var testResolver = sync.OnceValue(func() *Resolver {
	ix, err := kb.Load()
	if err != nil {
		panic(err)
	}
	return NewResolver(ix)
})

func TestGeocodeHints(t *testing.T) {
	r := testResolver()
	near := func(lat, lon float64) *Point { return &Point{lat, lon} }
	tests := []struct {
		name      string
		h         Hints
		country   string
		precision string
	}{
		{"طرابلس", Hints{}, "LY", "city"},
		{"طرابلس", Hints{Country: "LB"}, "LB", "city"},
		{"طرابلس", Hints{Near: near(34.4, 35.8)}, "LB", "city"},
		{"بطرابلس", Hints{Near: near(32.9, 13.2)}, "LY", "city"},
		{"البيضاء", Hints{}, "LY", "city"},
		{"البيضاء", Hints{Country: "YE"}, "YE", "city"},
		{"سوسة", Hints{Country: "LY"}, "LY", "city"},
		{"ليبيا", Hints{}, "LY", "country"},
		{"ولاية الخرطوم", Hints{}, "SD", "admin1"},
		{"الخرطوم", Hints{}, "SD", "city"},
		{"محافظة إدلب", Hints{}, "SY", "admin1"},
		{"بإدلب", Hints{}, "SY", "city"},
		{"الفاشر", Hints{Country: "SD"}, "SD", "city"}, // Latin-only in GeoNames
		{"الهلال النفطي", Hints{}, "LY", "region"},
		{"زنجبار", Hints{}, "YE", "city"}, // before Zanzibar: the region's prior
		{"سنجار", Hints{}, "IQ", "city"},  // before Iran's Sonqor
		{"محافظة مأرب", Hints{}, "YE", "admin1"},
		{"مدينة مأرب", Hints{}, "YE", "city"},
		{"بمأرب", Hints{}, "YE", "city"},
		{"محافظة نينوى", Hints{}, "IQ", "admin1"},
		{"تلعفر", Hints{}, "IQ", "city"},
		{"بريف إدلب الجنوبي", Hints{}, "SY", "admin1"},
		{"ريف دمشق", Hints{}, "SY", "admin1"},
		{"شمال حلب", Hints{}, "SY", "city"},
	}
	for _, tt := range tests {
		ans := r.Geocode(tt.name, tt.h)
		best, ok := ans.Best()
		if !ok {
			t.Errorf("Geocode(%q, %+v): nothing", tt.name, tt.h)
			continue
		}
		if best.Place.Country != tt.country || Precision(best.Place.Kind) != tt.precision {
			t.Errorf("Geocode(%q, %+v) = %s %s %s, want %s %s", tt.name, tt.h,
				best.Place.ID, best.Place.Country, Precision(best.Place.Kind), tt.country, tt.precision)
		}
	}
}

func TestGeocodeHintExcludesFarTransliterations(t *testing.T) {
	r := testResolver()
	// No Yemeni place is spelled تريم in the sources; a Turkish town
	// whose consonants match must not stand in for it.
	ans := r.Geocode("تريم", Hints{Country: "YE"})
	if best, ok := ans.Best(); ok && best.Place.Country != "YE" && best.Match == kb.MatchTranslit {
		t.Errorf("Geocode(تريم, YE) = %s in %s by transliteration", best.Place.ID, best.Place.Country)
	}
}

func TestResolveMentionsContext(t *testing.T) {
	r := testResolver()
	tests := []struct {
		name     string
		mentions []string
		ctx      Context
		want     []string // country of the place each mention resolves to, "" for none
	}{
		{"Tripoli alone is Libya's", []string{"طرابلس"}, Context{}, []string{"LY"}},
		{"Lebanon named", []string{"طرابلس", "لبنان"}, Context{}, []string{"LB", "LB"}},
		{"Lebanese adjective", []string{"طرابلس"}, Context{Countries: []string{"LB"}}, []string{"LB"}},
		{"near Beirut", []string{"بيروت", "بطرابلس"}, Context{}, []string{"LB", "LB"}},
		{"near Misrata", []string{"طرابلس", "ومصراتة"}, Context{}, []string{"LY", "LY"}},
		{"Libya and Lebanon, Libya first", []string{"ليبيا", "طرابلس", "بنغازي", "لبنان"}, Context{}, []string{"LY", "LY", "LY", "LB"}},
		{"Bayda in Yemen", []string{"البيضاء", "مأرب", "صنعاء"}, Context{}, []string{"YE", "YE", "YE"}},
		{"Bayda in Libya", []string{"البيضاء", "شحات", "درنة"}, Context{}, []string{"LY", "LY", "LY"}},
		{"Susa in Libya", []string{"سوسة", "درنة", "البيضاء"}, Context{}, []string{"LY", "LY", "LY"}},
		{"Latin-only Sudanese town", []string{"الفاشر", "السودان"}, Context{}, []string{"SD", "SD"}},
		{"unknown name", []string{"كذاوكذا", "سرت"}, Context{}, []string{"", "LY"}},
		{"Zinjibar beside Abyan", []string{"زنجبار", "أبين"}, Context{}, []string{"YE", "YE"}},
		{"Yemeni coast towns", []string{"المخا", "والخوخة"}, Context{}, []string{"YE", "YE"}},
		{"Obama is no Japanese town", []string{"أوباما", "واشنطن"}, Context{}, []string{"", "US"}},
		{"a Japanese town where Japan is named", []string{"أوباما", "اليابان"}, Context{}, []string{"JP", "JP"}},
		{"America is the United States", []string{"أمريكا", "دمشق"}, Context{}, []string{"US", "SY"}},
		{"Europe is no Libyan village", []string{"أوروبا", "طرابلس"}, Context{}, []string{"", "LY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := make([]Mention, len(tt.mentions))
			for i, m := range tt.mentions {
				ms[i] = Mention{ID: "T" + string(rune('1'+i)), Text: m}
			}
			places := r.ResolveMentions(ms, tt.ctx)
			got := make([]string, len(ms))
			for _, p := range places {
				for _, id := range p.Mentions {
					got[id[1]-'1'] = p.Country
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("countries %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResolveMentionsGroups(t *testing.T) {
	r := testResolver()
	ms := []Mention{{"T1", "طرابلس"}, {"T2", "بنغازي"}, {"T3", "بطرابلس"}, {"T4", "ليبيا"}, {"T5", "وطرابلس"}}
	places := r.ResolveMentions(ms, Context{})
	if len(places) != 3 {
		t.Fatalf("%d places, want 3: %+v", len(places), places)
	}
	want := []struct {
		id, name, precision string
		mentions            []string
	}{
		{"P1", "طرابلس", "city", []string{"T1", "T3", "T5"}},
		{"P2", "بنغازي", "city", []string{"T2"}},
		{"P3", "ليبيا", "country", []string{"T4"}},
	}
	for i, w := range want {
		p := places[i]
		if p.ID != w.id || p.Name != w.name || p.Precision != w.precision || strings.Join(p.Mentions, " ") != strings.Join(w.mentions, " ") {
			t.Errorf("place %d = %s %s %s %v, want %s %s %s %v", i, p.ID, p.Name, p.Precision, p.Mentions, w.id, w.name, w.precision, w.mentions)
		}
		if p.Lat == nil || p.Lon == nil || p.KB == "" || p.Country != "LY" {
			t.Errorf("place %s lacks coordinates, kb id or country: %+v", p.ID, p)
		}
	}
	if places[2].Lat != nil && (*places[2].Lat < 19 || *places[2].Lat > 34) {
		t.Errorf("Libya's centroid at latitude %v", *places[2].Lat)
	}
	if places[0].Admin1 == "" {
		t.Errorf("Tripoli has no admin1")
	}
}

// entity returns an entity for the first occurrence of s in text.
func entity(t *testing.T, text, id, typ, s string) document.Entity {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in text", s)
	}
	return document.Entity{ID: id, Type: typ, Start: i, End: i + len(s), Text: s, Canonical: s, Confidence: 1}
}

func TestResolveDocument(t *testing.T) {
	r := testResolver()
	text := "أعلنت السلطات اللبنانية توقيف ثلاثة أشخاص بطرابلس بعد اشتباكات قرب بيروت، فيما قالت مصادر في طرابلس إن الهدوء عاد إلى المدينة."
	d := document.New("", text)
	d.Sentences = []document.Range{{0, len(text)}}
	d.Entities = []document.Entity{
		entity(t, text, "T1", document.MISC, "اللبنانية"),
		entity(t, text, "T2", document.LOC, "بطرابلس"),
		entity(t, text, "T3", document.LOC, "بيروت"),
	}
	second := strings.LastIndex(text, "طرابلس")
	d.Entities = append(d.Entities, document.Entity{ID: "T4", Type: document.LOC, Start: second, End: second + len("طرابلس"), Text: "طرابلس", Canonical: "طرابلس", Confidence: 1})
	r.Resolve(d)
	if err := document.Check(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Places) != 2 {
		t.Fatalf("%d places, want 2: %+v", len(d.Places), d.Places)
	}
	tripoli, beirut := d.Places[0], d.Places[1]
	if tripoli.ID != "P1" || tripoli.Country != "LB" || strings.Join(tripoli.Mentions, " ") != "T2 T4" {
		t.Errorf("P1 = %+v, want Tripoli in Lebanon named by T2 and T4", tripoli)
	}
	if beirut.ID != "P2" || beirut.Country != "LB" || strings.Join(beirut.Mentions, " ") != "T3" {
		t.Errorf("P2 = %+v, want Beirut named by T3", beirut)
	}
	for _, e := range d.Entities {
		switch {
		case e.Type == document.LOC && e.KB == "":
			t.Errorf("entity %s has no kb id", e.ID)
		case e.Type != document.LOC && e.KB != "":
			t.Errorf("entity %s (%s) got kb id %s", e.ID, e.Type, e.KB)
		}
	}
	if d.Entities[1].KB != tripoli.KB || d.Entities[3].KB != tripoli.KB {
		t.Errorf("Tripoli's mentions carry kb ids %s, %s; want %s", d.Entities[1].KB, d.Entities[3].KB, tripoli.KB)
	}

	// A second resolution appends and numbers on.
	d2 := document.New("", "وصل الوفد إلى سرت.")
	d2.Places = []document.Place{{ID: "P1", Name: "x", Mentions: []string{}}}
	d2.Entities = []document.Entity{entity(t, d2.Text, "T1", document.LOC, "سرت")}
	r.Resolve(d2)
	if len(d2.Places) != 2 || d2.Places[1].ID != "P2" || d2.Places[1].Country != "LY" {
		t.Errorf("places after a second resolution: %+v", d2.Places)
	}
}

func TestResolveNoLocations(t *testing.T) {
	d := document.New("", "قال المتحدث إن الاجتماع انتهى.")
	testResolver().Resolve(d)
	if len(d.Places) != 0 {
		t.Errorf("places %+v from a text without LOC entities", d.Places)
	}
}

func BenchmarkGeocode(b *testing.B) {
	r := testResolver()
	queries := []struct{ q, cc string }{
		{"بطرابلس", "LY"}, {"وسرت", "LY"}, {"لبنغازي", "LY"}, {"وبالزاوية", "LY"}, {"اوباري", "LY"},
		{"مدينة سرت", "LY"}, {"حلب", "SY"}, {"بمحافظة إدلب", "SY"}, {"الموصل", "IQ"}, {"صنعاء", "YE"},
		{"الخرطوم", "SD"}, {"البيضاء", "YE"},
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		ans := r.Geocode(q.q, Hints{Country: q.cc})
		if best, ok := ans.Best(); !ok || best.Place.Country != q.cc {
			b.Fatalf("Geocode(%q, %s) wrong", q.q, q.cc)
		}
		i++
	}
}

func BenchmarkResolveMentions(b *testing.B) {
	r := testResolver()
	ms := []Mention{{"T1", "ليبيا"}, {"T2", "بطرابلس"}, {"T3", "مصراتة"}, {"T4", "وسرت"}, {"T5", "البيضاء"}, {"T6", "الجفرة"}}
	b.ReportAllocs()
	for b.Loop() {
		places := r.ResolveMentions(ms, Context{})
		if len(places) != 6 || places[1].Country != "LY" {
			b.Fatalf("resolved %+v", places)
		}
	}
}

func TestResolveSkipsGenericWordsAndKeepsArabicNames(t *testing.T) {
	r := testResolver()
	text := "قصفت قوات الدعم السريع الفاشر، ثم دخلت القوات المدينة من جهة الشرق."
	entity := func(id, s string) document.Entity {
		i := strings.Index(text, s)
		return document.Entity{ID: id, Type: document.LOC, Start: i, End: i + len(s), Text: s}
	}
	d := document.New("", text)
	d.Entities = []document.Entity{entity("T1", "الفاشر"), entity("T2", "المدينة")}
	r.Resolve(d)
	if len(d.Places) != 1 {
		t.Fatalf("got %d places, want only الفاشر: %+v", len(d.Places), d.Places)
	}
	p := d.Places[0]
	if p.Name != "الفاشر" || p.Country != "SD" || len(p.Mentions) != 1 || p.Mentions[0] != "T1" {
		t.Errorf("place %+v, want الفاشر in SD named as the article writes it", p)
	}
	if d.Entities[1].KB != "" {
		t.Errorf("the generic word المدينة was linked to %s", d.Entities[1].KB)
	}
}

// Seas, continents and the elements are no places of the index: a
// division named after a sea must not stand in for it, nor a village
// whose consonants match a continent's.
func TestResolveSkipsSeasAndContinents(t *testing.T) {
	r := testResolver()
	text := "استهدف الحوثيون سفينة في البحر الأحمر قبالة الحديدة، فيما دعت أوروبا إلى حماية الملاحة في البحر."
	var es []document.Entity
	for i, s := range []string{"البحر الأحمر", "الحديدة", "أوروبا", "البحر"} {
		at := strings.Index(text, s)
		es = append(es, document.Entity{ID: "T" + string(rune('1'+i)), Type: document.LOC, Start: at, End: at + len(s), Text: s})
	}
	d := document.New("", text)
	d.Entities = es
	r.Resolve(d)
	if len(d.Places) != 1 || d.Places[0].Country != "YE" || d.Places[0].Mentions[0] != "T2" {
		t.Fatalf("places %+v, want only الحديدة in Yemen", d.Places)
	}
	for _, e := range d.Entities {
		if e.ID != "T2" && e.KB != "" {
			t.Errorf("%s linked to %s", e.Text, e.KB)
		}
	}
}

// A LOC mention the tagger cut before the second word of a place's
// name is extended when the two words are the name in the index; a word
// that only follows a place is left alone.
func TestResolveExtendsCutMention(t *testing.T) {
	tests := []struct {
		text, tagged     string
		wantText, wantCC string
	}{
		{"قصفت الطائرات مواقع في خور مكسر بعدن أمس.", "خور", "خور مكسر", "YE"},
		{"اشتبك مقاتلون قرب بدير الزور شرقي سوريا.", "بدير", "بدير الزور", "SY"},
		{"سيطرت القوات على رأس العين بعد معارك.", "رأس", "رأس العين", "SY"},
		{"وصل الوفد إلى طرابلس أمس.", "طرابلس", "طرابلس", "LY"},
	}
	r := testResolver()
	for _, tt := range tests {
		t.Run(tt.wantText, func(t *testing.T) {
			d := document.New("", tt.text)
			d.Sentences = []document.Range{{0, len(tt.text)}}
			d.Entities = []document.Entity{entity(t, tt.text, "T1", document.LOC, tt.tagged)}
			start := d.Entities[0].Start
			r.Resolve(d)
			if err := document.Check(d); err != nil {
				t.Fatal(err)
			}
			e := d.Entities[0]
			if e.Start != start || e.End != start+len(tt.wantText) || e.Text != tt.wantText {
				t.Errorf("entity [%d,%d) %q, want [%d,%d) %q", e.Start, e.End, e.Text, start, start+len(tt.wantText), tt.wantText)
			}
			if len(d.Places) != 1 || d.Places[0].Country != tt.wantCC {
				t.Errorf("places %+v, want one in %s", d.Places, tt.wantCC)
			}
		})
	}
}
