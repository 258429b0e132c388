package events

import (
	"strings"
	"testing"
)

func TestLoadLexicon(t *testing.T) {
	lex, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	// Each of the 16 PLOVER types has triggers.
	types := map[string]bool{}
	for _, ts := range lex.byFirst {
		for _, tr := range ts {
			types[tr.typ] = true
		}
	}
	for typ := range plover {
		if !types[typ] {
			t.Errorf("no trigger for %s", typ)
		}
	}
	// Endings reach inflected forms; phrases lose the article on later words.
	for form, want := range map[string]string{"قصفت": "ASSAULT", "غارات": "ASSAULT", "اعتقلوا": "COERCE", "اضراب": "PROTEST"} {
		if ts := lex.byFirst[form]; len(ts) == 0 || ts[len(ts)-1].typ != want {
			t.Errorf("%s: %v, want a %s trigger", form, ts, want)
		}
	}
	if ts := lex.byFirst["اضراب"]; len(ts) == 0 || strings.Join(ts[0].words, " ") != "اضراب عن طعام" {
		t.Errorf("اضراب: the longest phrase first, have %v", ts[0].words)
	}
}

func TestEachLineErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"# comment\nقصف\tverb\n", "x.tsv:2: want 3 tab-separated fields, have 2"},
		{"\nقصف\tverb\tFIGHT\n", "x.tsv:2: bad"},
	}
	for _, tt := range tests {
		err := eachLine("x.tsv", tt.data, 3, func(_ int, f []string) error {
			if !plover[f[2]] {
				return errBad
			}
			return nil
		})
		if err == nil || err.Error() != tt.want {
			t.Errorf("eachLine(%q) = %v, want %s", tt.data, err, tt.want)
		}
	}
}

var errBad = errorString("bad")

type errorString string

func (e errorString) Error() string { return string(e) }

func TestIsVerbalNoun(t *testing.T) {
	for w, want := range map[string]bool{
		"اعتقال": true, "استهداف": true, "ترحيل": true, "مداهمه": true, "الافراج": true, "مساعدات": true,
		"اعتقلت": false, "قصف": false, "هدد": false, "رحل": false,
	} {
		if got := isVerbalNoun(w); got != want {
			t.Errorf("isVerbalNoun(%s) = %v, want %v", w, got, want)
		}
	}
}
