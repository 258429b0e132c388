package actors

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func ids(cs []Candidate) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Actor.ID
	}
	return out
}

func TestLookup(t *testing.T) {
	l := mustLoad(t)
	tests := []struct {
		name string
		want []string // every candidate, in file order; nil for none
		form string   // the normalised form that matched
	}{
		// Names and spelling variants.
		{"حفتر", []string{"ly.haftar.khalifa"}, "حفتر"},
		{"خليفة حفتَر", []string{"ly.haftar.khalifa"}, "خليفه حفتر"},
		{"فائز السرّاج", []string{"ly.sarraj.fayez"}, "فاءز السراج"},
		{"أسامه حماد", []string{"ly.hammad.osama"}, "اسامه حماد"},
		{"عبد الحميد الدبيبـــة", []string{"ly.dbeibah.abdulhamid"}, "عبد الحميد الدبيبه"},
		{"AFRICOM", []string{"us.africom"}, "africom"},
		{"أفريكوم", []string{"us.africom"}, "افريكوم"},
		{"«فاغنر»", []string{"ru.wagner"}, "فاغنر"},
		// Clitics: conjunction, preposition, ل before the article.
		{"وحفتر", []string{"ly.haftar.khalifa"}, "حفتر"},
		{"بالجيش الوطني الليبي", []string{"ly.lna"}, "الجيش الوطني الليبي"},
		{"للجيش الوطني الليبي", []string{"ly.lna"}, "الجيش الوطني الليبي"},
		{"وبقوات الدعم السريع", []string{"sd.rsf"}, "قوات الدعم السريع"},
		{"فحماس", []string{"ps.hamas"}, "حماس"},
		// Names that begin with a clitic's letter are found as themselves.
		{"بشار الأسد", []string{"sy.assad.bashar"}, "بشار الاسد"},
		{"لبنان", []string{"lb.state"}, "لبنان"},
		{"وليد المعلم", []string{"sy.muallem.walid"}, "وليد المعلم"},
		// Titles, ranks and offices in front.
		{"المشير خليفة حفتر", []string{"ly.haftar.khalifa"}, "خليفه حفتر"},
		{"والمشير حفتر", []string{"ly.haftar.khalifa"}, "حفتر"},
		{"للمشير خليفة حفتر", []string{"ly.haftar.khalifa"}, "خليفه حفتر"},
		{"اللواء أحمد المسماري", []string{"ly.mismari.ahmed"}, "احمد المسماري"},
		{"الرئيس التركي رجب طيب أردوغان", []string{"tr.erdogan"}, "رجب طيب اردوغان"},
		{"رئيس المجلس الرئاسي محمد المنفي", []string{"ly.menfi.mohamed"}, "محمد المنفي"},
		{"رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة", []string{"ly.dbeibah.abdulhamid"}, "عبد الحميد الدبيبه"},
		{"الفريق أول ركن عبد الفتاح البرهان", []string{"sd.burhan"}, "عبد الفتاح البرهان"},
		// A name after a description set off by a comma, or after a title
		// in the middle.
		{"الناطق باسم الجيش الليبي، اللواء أحمد المسماري", []string{"ly.mismari.ahmed"}, "احمد المسماري"},
		{"رئيس البرلمان في طبرق المستشار عقيلة صالح", []string{"ly.saleh.aguila"}, "عقيله صالح"},
		// Similar names stay apart.
		{"حزب الله", []string{"lb.hezbollah"}, "حزب الله"},
		{"كتائب حزب الله", []string{"iq.kataib.hezbollah"}, "كتاءب حزب الله"},
		{"صدام حفتر", []string{"ly.haftar.saddam"}, "صدام حفتر"},
		// Descriptions return every actor they may mean.
		{"المبعوثة الأممية", []string{"un.williams.stephanie", "un.koury.stephanie", "un.tetteh.hanna"}, "المبعوثه الامميه"},
		{"الجيش الليبي", []string{"ly.lna", "ly.gna.forces", "ly.gnu.forces"}, "الجيش الليبي"},
		// Nothing.
		{"محمد علي", nil, ""},
		{"المشير", nil, ""},
		{"", nil, ""},
		{"، «»", nil, ""},
	}
	for _, tt := range tests {
		got := l.Lookup(tt.name)
		seen := map[string]bool{}
		var gotIDs []string
		for _, c := range got {
			if !seen[c.Actor.ID] {
				seen[c.Actor.ID] = true
				gotIDs = append(gotIDs, c.Actor.ID)
			}
			if c.Form != tt.form {
				t.Errorf("Lookup(%q): %s matched as %q, want %q", tt.name, c.Actor.ID, c.Form, tt.form)
			}
			if c.Score != 1 {
				t.Errorf("Lookup(%q): score %v, want 1", tt.name, c.Score)
			}
		}
		if !slices.Equal(gotIDs, tt.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.name, gotIDs, tt.want)
		}
	}
}

func TestLookupRoleTitle(t *testing.T) {
	l := mustLoad(t)
	got := l.Lookup("رئيس الحكومة")
	for _, id := range []string{"ly.dbeibah.abdulhamid", "ly.sarraj.fayez", "ly.hammad.osama", "ly.bashagha.fathi", "iq.sudani.mohammed"} {
		if !slices.Contains(ids(got), id) {
			t.Errorf("Lookup(رئيس الحكومة) lacks %s: %v", id, ids(got))
		}
	}
	for _, c := range got {
		if c.Role == nil || !c.Described() {
			t.Errorf("%s matched through %+v, want a role", c.Actor.ID, c)
		}
	}
}

func TestCliticForms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"حفتر", []string{"حفتر"}},
		{"وحفتر", []string{"وحفتر", "حفتر"}},
		{"وبالجيش", []string{"وبالجيش", "بالجيش", "الجيش"}},
		{"للجيش الليبي", []string{"للجيش الليبي", "الجيش الليبي", "لجيش الليبي"}},
		{"فلل", []string{"فلل", "لل"}},
		{"وب", []string{"وب"}},
	}
	for _, tt := range tests {
		if got := cliticForms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("cliticForms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

type resolveCase struct {
	name      string
	country   string
	date      string
	want      string   // best candidate's id; "" for none
	ambiguous bool     // whether Resolution.Ambiguous is set
	also      []string // other candidates that must be there
	not       []string // candidates that must have dropped out
}

var resolveCases = []resolveCase{
	// Offices by date and country; rival governments are reported.
	{"رئيس الحكومة", "LY", "2025-03-01", "ly.dbeibah.abdulhamid", true, []string{"ly.hammad.osama"}, []string{"ly.sarraj.fayez", "ly.bashagha.fathi", "iq.sudani.mohammed"}},
	{"رئيس الحكومة", "LY", "2022-06-15", "ly.dbeibah.abdulhamid", true, []string{"ly.bashagha.fathi"}, []string{"ly.hammad.osama"}},
	{"رئيس الحكومة", "LY", "2019-06-01", "ly.sarraj.fayez", true, []string{"ly.thinni.abdullah"}, []string{"ly.dbeibah.abdulhamid"}},
	{"ورئيس الحكومة", "IQ", "2023-01-10", "iq.sudani.mohammed", false, nil, []string{"ly.dbeibah.abdulhamid", "iq.kadhimi.mustafa"}},
	{"رئيس المجلس الرئاسي", "LY", "2019-04-04", "ly.sarraj.fayez", false, nil, []string{"ly.menfi.mohamed"}},
	{"رئيس المجلس الرئاسي", "LY", "2023-09-11", "ly.menfi.mohamed", false, nil, []string{"ly.sarraj.fayez"}},
	{"رئيس المجلس الرئاسي", "LY", "", "ly.sarraj.fayez", true, []string{"ly.menfi.mohamed"}, nil},
	{"المبعوث الأممي", "LY", "2018-05-29", "un.salame.ghassan", false, nil, []string{"un.kobler.martin", "un.grundberg.hans"}},
	{"المبعوث الأممي", "LY", "2021-06-23", "un.kubis.jan", false, nil, nil},
	{"المبعوث الأممي", "YE", "2022-04-02", "un.grundberg.hans", false, nil, []string{"un.bathily.abdoulaye"}},
	{"قائد أفريكوم", "LY", "2020-05-26", "us.africom.townsend", false, nil, []string{"us.africom.langley"}},
	{"قائد أفريكوم", "", "2023-03-01", "us.africom.langley", false, nil, nil},
	{"الرئيس السوري", "SY", "2020-01-01", "sy.assad.bashar", false, nil, []string{"sy.sharaa.ahmed"}},
	{"الرئيس السوري", "SY", "2025-06-01", "sy.sharaa.ahmed", false, nil, []string{"sy.assad.bashar"}},
	{"الرئيس السوري", "SY", "2024-12-20", "", false, nil, nil},
	{"الرئيس", "SY", "2025-06-01", "sy.sharaa.ahmed", false, nil, []string{"eg.sisi"}},
	{"الرئيس", "EG", "2025-06-01", "eg.sisi", false, nil, []string{"sy.sharaa.ahmed"}},
	// Bodies named by description.
	{"الحكومة", "LY", "2018-05-01", "ly.gna", true, []string{"ly.interim"}, []string{"ly.gnu", "ly.gns"}},
	{"الحكومة", "LY", "2024-01-01", "ly.gnu", true, []string{"ly.gns"}, []string{"ly.gna", "sy.gov.new"}},
	{"الحكومة الجديدة", "LY", "2021-04-01", "ly.gnu", false, nil, nil},
	{"الحكومة الجديدة", "LY", "2024-04-01", "", false, nil, nil},
	{"الحكومة السورية", "", "2020-01-01", "sy.gov.assad", false, nil, []string{"sy.gov.new"}},
	{"الحكومة السورية", "", "2025-02-01", "sy.gov.new", false, nil, []string{"sy.gov.assad"}},
	{"الجيش الليبي", "LY", "2019-04-10", "ly.lna", true, []string{"ly.gna.forces"}, []string{"ly.gnu.forces"}},
	{"القيادة العامة", "LY", "2020-01-01", "ly.lna", false, nil, nil},
	{"القيادة العامة", "SY", "2020-01-01", "", false, nil, nil},
	{"مجلس النواب", "LY", "2024-01-01", "ly.hor", false, nil, []string{"eg.parliament"}},
	{"بمجلس النواب", "EG", "2024-01-01", "eg.parliament", false, nil, []string{"ly.hor"}},
	{"الشباب", "SO", "2024-01-01", "so.shabaab", false, nil, nil},
	{"الشباب", "LY", "2024-01-01", "", false, nil, nil},
	{"أنصار الشريعة", "YE", "2012-06-01", "ye.aqap", false, nil, []string{"ly.ansar.sharia"}},
	{"أنصار الشريعة", "LY", "2014-06-01", "ly.ansar.sharia", false, nil, []string{"ye.aqap"}},
	// Names keep their actor whatever the context; a body named after it
	// ended ranks lower but stays.
	{"حكومة الوفاق", "LY", "2023-01-01", "ly.gna", false, nil, nil},
	{"فاغنر", "LY", "2020-01-01", "ru.wagner", false, nil, nil},
	{"داعش", "IQ", "2016-01-01", "img.isis", false, nil, []string{"ly.isis"}},
	{"داعش", "LY", "2016-01-01", "ly.isis", true, []string{"img.isis"}, nil},
	{"وحميدتي", "SD", "2024-01-01", "sd.hemedti", false, nil, nil},
}

func TestResolve(t *testing.T) {
	l := mustLoad(t)
	for _, tt := range resolveCases {
		name := fmt.Sprintf("%s/%s/%s", tt.name, tt.country, tt.date)
		r := l.Resolve(tt.name, Context{Country: tt.country, Date: date(tt.date)})
		got := ids(r.Candidates)
		best, ok := r.Best()
		switch {
		case tt.want == "" && ok:
			t.Errorf("%s: got %v, want none", name, got)
			continue
		case tt.want != "" && (!ok || best.Actor.ID != tt.want):
			t.Errorf("%s: got %v, want %s first", name, got, tt.want)
			continue
		}
		if r.Ambiguous != tt.ambiguous {
			t.Errorf("%s: ambiguous %v, want %v (%v)", name, r.Ambiguous, tt.ambiguous, got)
		}
		for _, id := range tt.also {
			if !slices.Contains(got, id) {
				t.Errorf("%s: %s missing from %v", name, id, got)
			}
		}
		for _, id := range tt.not {
			if slices.Contains(got, id) {
				t.Errorf("%s: %s should have dropped out of %v", name, id, got)
			}
		}
		for i := 1; i < len(r.Candidates); i++ {
			if r.Candidates[i].Score > r.Candidates[i-1].Score {
				t.Errorf("%s: candidates out of order: %v", name, got)
			}
		}
		if len(got) != len(slices.Compact(slices.Sorted(slices.Values(got)))) {
			t.Errorf("%s: an actor appears twice: %v", name, got)
		}
	}
}

func TestResolveScores(t *testing.T) {
	l := mustLoad(t)
	r := l.Resolve("حكومة الوفاق", Context{Country: "LY", Date: date("2023-01-01")})
	if b, _ := r.Best(); b.Score != outsidePeriod {
		t.Errorf("GNA named in 2023 scores %v, want %v", b.Score, outsidePeriod)
	}
	r = l.Resolve("أردوغان", Context{Country: "LY"})
	if b, _ := r.Best(); b.Score != foreignActor {
		t.Errorf("Erdoğan in a Libyan article scores %v, want %v", b.Score, foreignActor)
	}
	r = l.Resolve("القيادة العامة", Context{Date: date("2020-01-01")})
	if b, _ := r.Best(); b.Score != unknownCountry {
		t.Errorf("a country-bound alias in an article of unknown country scores %v, want %v", b.Score, unknownCountry)
	}
}

func ExampleList_Resolve() {
	l, err := Load()
	if err != nil {
		panic(err)
	}
	ctx := Context{Country: "LY", Date: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	r := l.Resolve("رئيس الحكومة", ctx)
	for _, c := range r.Candidates {
		fmt.Printf("%s (%s) %.2f\n", c.Actor.NameAR, c.Role.TitleAR, c.Score)
	}
	fmt.Println("ambiguous:", r.Ambiguous)
	// Output:
	// عبد الحميد الدبيبة (رئيس حكومة الوحدة الوطنية) 1.00
	// أسامة حماد (رئيس الحكومة الليبية المكلفة من مجلس النواب) 0.60
	// ambiguous: true
}

func BenchmarkResolve(b *testing.B) {
	l := mustLoad(b)
	type query struct {
		name string
		ctx  Context
		want *Actor // nil for none
	}
	var qs []query
	for _, tt := range resolveCases {
		q := query{name: tt.name, ctx: Context{Country: tt.country, Date: date(tt.date)}}
		if tt.want != "" {
			q.want, _ = l.ByID(tt.want)
		}
		qs = append(qs, q)
	}
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		best, ok := l.Resolve(q.name, q.ctx).Best()
		if ok != (q.want != nil) || ok && best.Actor != q.want {
			b.Fatalf("Resolve(%q) gave %v", q.name, best.Actor)
		}
	}
}
