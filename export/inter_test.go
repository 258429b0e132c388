package export

import (
	"testing"

	"github.com/rasad/rasad/document"
)

func TestInters(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	lna := &document.Argument{Text: "الجيش الوطني الليبي", KB: "actor:ly.lna"}
	crowd := &document.Argument{Text: "مئات المحتجين"}
	unknown := &document.Argument{Text: "مسلحون مجهولون"}
	acled := func(t, s string) *document.ACLED { return &document.ACLED{EventType: t, SubEventType: s} }
	for _, tc := range []struct {
		name                     string
		ev                       document.Event
		country                  string
		inter1, inter2, interact string
	}{
		{"state forces at home on civilians", document.Event{Type: "ASSAULT", Actor: lna, Target: crowd, ACLED: acled("Violence against civilians", "Attack")}, "LY", "1", "7", "17"},
		{"the same force abroad is external", document.Event{Type: "ASSAULT", Actor: lna, ACLED: acled("Battles", "Armed clash")}, "SD", "8", "", "80"},
		{"a peaceful protest", document.Event{Type: "PROTEST", Actor: crowd, ACLED: acled("Protests", "Peaceful protest")}, "LY", "6", "", "60"},
		{"force on protesters", document.Event{Type: "ASSAULT", Actor: lna, Target: crowd, ACLED: acled("Protests", "Excessive force against protesters")}, "LY", "1", "6", "16"},
		{"a riot", document.Event{Type: "PROTEST", Mode: "riot", Actor: crowd, ACLED: acled("Riots", "Violent demonstration")}, "LY", "5", "", "50"},
		{"unknown gunmen are left empty", document.Event{Type: "ASSAULT", Actor: unknown, ACLED: acled("Battles", "Armed clash")}, "LY", "", "", ""},
	} {
		i1, i2, in := e.inters(tc.ev, tc.country)
		if i1 != tc.inter1 || i2 != tc.inter2 || in != tc.interact {
			t.Errorf("%s: inter1 %q inter2 %q interaction %q, want %q %q %q", tc.name, i1, i2, in, tc.inter1, tc.inter2, tc.interact)
		}
	}
}

func TestRecalled(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, tc := range []struct {
		date, published *string
		want            bool
	}{
		{s("2012"), s("2015-07-27"), true},        // the 2012 attack on the consulate
		{s("2014-06"), s("2015-07-27"), true},     // more than a year before
		{s("2014-08"), s("2015-07-27"), false},    // its last day is within the year
		{s("2015-07-11"), s("2015-07-25"), false}, // two weeks before: news
		{s("2014-07-26"), s("2015-07-27"), true},  // a year and a day
		{nil, s("2015-07-27"), false},             // no date: the article's day
		{s("2011"), nil, false},                   // no publication date to compare
		{s("2015-06"), s("not a date"), false},    // unreadable publication date
	} {
		if got := recalled(tc.date, tc.published); got != tc.want {
			t.Errorf("recalled(%v, %v) = %v, want %v", deref(tc.date), deref(tc.published), got, tc.want)
		}
	}
}
