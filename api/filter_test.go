package api

import (
	"net/url"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/search"
)

func TestParseListQuery(t *testing.T) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query string
		want  listQuery
		ok    bool
	}{
		{"", listQuery{Limit: defaultLimit}, true},
		{"type=ASSAULT&type=Battles,+Air/drone+strike&limit=500&offset=7",
			listQuery{Filter: search.Filter{Types: []string{"ASSAULT", "Battles", "Air/drone strike"}}, Limit: 500, Offset: 7}, true},
		{"q=%C2%AB%D8%A7%D9%84%D9%85%D8%AC%D9%84%D8%B3+%D8%A7%D9%84%D8%B1%D8%A6%D8%A7%D8%B3%D9%8A%C2%BB&actor=+%D8%AD%D9%81%D8%AA%D8%B1+",
			listQuery{Text: "«المجلس الرئاسي»", Filter: search.Filter{Actor: "حفتر"}, Limit: defaultLimit}, true},
		{"near=32.89,+13.19,25&from=2020-06-01&to=2020-06-30",
			listQuery{Filter: search.Filter{Near: &search.Near{Lat: 32.89, Lon: 13.19, Km: 25}, From: "2020-06-01", To: "2020-06-30"}, Limit: defaultLimit}, true},
		{"near=32.89,13.19", listQuery{}, false},
		{"near=1,2,3,4", listQuery{}, false},
		{"near=NaN,13,5", listQuery{}, false},
		{"from=2020-02-30", listQuery{}, false},
		{"to=yesterday", listQuery{}, false},
		{"limit=-1", listQuery{}, false},
		{"offset=100001", listQuery{}, false},
		{"place=%D8%8C", listQuery{}, false}, // a comma, no word
		{"q=a&q=b", listQuery{}, false},
		{"sort=newest", listQuery{}, false},
	}
	for _, tc := range cases {
		v, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseListQuery(v, an)
		if (err == nil) != tc.ok {
			t.Errorf("%q: error %v, want ok %v", tc.query, err, tc.ok)
			continue
		}
		if tc.ok && got.key() != tc.want.key() || got.Limit != tc.want.Limit || got.Offset != tc.want.Offset {
			t.Errorf("%q: %+v, want %+v", tc.query, got, tc.want)
		}
	}
}

func FuzzParseListQuery(f *testing.F) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"type=ASSAULT,PROTEST&near=32.8,13.1,10", "q=%D8%B7%D8%B1%D8%A7%D8%A8%D9%84%D8%B3&limit=5", "from=2020-01-01&to=2019-01-01", "near=1e308,1e308,1e308", "offset=0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseListQuery(v, an)
		if err != nil {
			if _, ok := err.(*apiError); !ok {
				t.Fatalf("%q: error %T is not the client's", raw, err)
			}
			return
		}
		if q.Limit < 1 || q.Limit > maxLimit || q.Offset < 0 || q.Offset > maxOffset {
			t.Fatalf("%q: paging %d, %d out of bounds", raw, q.Limit, q.Offset)
		}
		if err := q.Filter.Validate(); err != nil {
			t.Fatalf("%q: accepted a filter that does not validate: %v", raw, err)
		}
	})
}
