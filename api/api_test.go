package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/export"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// eventList is the body of /api/v1/events.
type eventList struct {
	Total int               `json:"total"`
	Items []store.EventItem `json:"items"`
}

// reference lists, by "doc/event id", the events of the stored documents
// that search's own event filter passes: what the API must answer.
func reference(t *testing.T, f *fixture, filter search.Filter) map[string]bool {
	t.Helper()
	ef, err := search.New(f.st, f.an).WithPlaces(f.places).Events(filter)
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]bool)
	for _, d := range f.docs {
		for _, v := range d.Events {
			if ef.Match(d, v) {
				want[d.ID+"/"+v.ID] = true
			}
		}
	}
	return want
}

func TestEndpoints(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			data, err := loaded()
			if err != nil {
				t.Fatal(err)
			}
			f := newFixture(t, b.open(t, data.an), nil)
			t.Run("events", func(t *testing.T) { testEvents(t, f) })
			t.Run("documents", func(t *testing.T) { testDocuments(t, f) })
			t.Run("incidents", func(t *testing.T) { testIncidents(t, f) })
			t.Run("aggregates", func(t *testing.T) { testAggregates(t, f) })
			t.Run("export", func(t *testing.T) { testExport(t, f) })
		})
	}
}

func testEvents(t *testing.T, f *fixture) {
	all := 0
	for _, d := range f.docs {
		all += len(d.Events)
	}
	if all < 20 {
		t.Fatalf("the examples have %d events; the test needs more", all)
	}
	cases := []struct {
		name   string
		query  string
		filter search.Filter
	}{
		{"all", "", search.Filter{}},
		{"PLOVER type", query("type", "ASSAULT"), search.Filter{Types: []string{"ASSAULT"}}},
		{"two types, comma", query("type", "protest,Battles"), search.Filter{Types: []string{"protest", "Battles"}}},
		{"ACLED sub-event type", query("type", "Air/drone strike"), search.Filter{Types: []string{"Air/drone strike"}}},
		{"actor", query("actor", "العليمي"), search.Filter{Actor: "العليمي"}},
		{"actor, two words", query("actor", "رشاد العليمي"), search.Filter{Actor: "رشاد العليمي"}},
		{"place in Arabic", query("place", "سرت"), search.Filter{Place: "سرت"}},
		{"country code", query("place", "LY"), search.Filter{Place: "LY"}},
		{"country in Arabic", query("place", "ليبيا"), search.Filter{Place: "ليبيا"}},
		{"division", query("place", "محافظة مأرب"), search.Filter{Place: "محافظة مأرب"}},
		{"division, named with its unit word", query("place", "ولاية شمال دارفور"), search.Filter{Place: "ولاية شمال دارفور"}},
		{"near Sirte", query("near", "31.2,16.59,100"), search.Filter{Near: &search.Near{Lat: 31.2, Lon: 16.59, Km: 100}}},
		{"days", query("from", "2025-05-01", "to", "2025-06-30"), search.Filter{From: "2025-05-01", To: "2025-06-30"}},
		{"outlet", query("outlet", "منصة الاختبار"), search.Filter{Outlet: "منصة الاختبار"}},
		{"type and place", query("type", "ASSAULT", "place", "ليبيا"), search.Filter{Types: []string{"ASSAULT"}, Place: "ليبيا"}},
		{"nothing matches", query("actor", "زيد عمرو بكر"), search.Filter{Actor: "زيد عمرو بكر"}},
	}
	// A country's name selects what its code does: everything in it.
	var byCode, byName eventList
	f.getJSON(t, "/api/v1/events?limit=500&"+query("place", "LY"), &byCode)
	f.getJSON(t, "/api/v1/events?limit=500&"+query("place", "ليبيا"), &byName)
	if byCode.Total == 0 || byName.Total != byCode.Total {
		t.Errorf("place=ليبيا lists %d events, place=LY %d; want the same, more than none", byName.Total, byCode.Total)
	}
	for _, tc := range cases {
		want := reference(t, f, tc.filter)
		var got eventList
		f.getJSON(t, "/api/v1/events?limit=500&"+tc.query, &got)
		t.Logf("%s: %d events", tc.name, len(want))
		if got.Total != len(want) || len(got.Items) != len(want) {
			t.Errorf("%s: total %d, %d items, want %d", tc.name, got.Total, len(got.Items), len(want))
		}
		for _, it := range got.Items {
			if !want[it.Doc+"/"+it.ID] {
				t.Errorf("%s: %s/%s (%s) should not pass", tc.name, it.Doc, it.ID, it.Type)
			}
		}
		// Newest first: by day, undated last.
		for i := 1; i < len(got.Items); i++ {
			a, b := got.Items[i-1].Day(), got.Items[i].Day()
			if b != "" && (a == "" || a < b) {
				t.Errorf("%s: item %d (%q) comes after item %d (%q)", tc.name, i, b, i-1, a)
			}
		}
		// The second event alone is the second of the list.
		var second eventList
		f.getJSON(t, "/api/v1/events?limit=1&offset=1&"+tc.query, &second)
		if len(got.Items) > 1 && (len(second.Items) != 1 || second.Items[0].Doc != got.Items[1].Doc || second.Items[0].ID != got.Items[1].ID || second.Total != got.Total) {
			t.Errorf("%s: offset 1 gives %+v, want %s/%s", tc.name, second, got.Items[1].Doc, got.Items[1].ID)
		}
		if tc.name == "all" && len(want) != all {
			t.Errorf("all: the reference has %d events, the documents %d", len(want), all)
		}
	}

	// Pages are slices of the whole list.
	var whole, page eventList
	f.getJSON(t, "/api/v1/events?limit=500", &whole)
	f.getJSON(t, "/api/v1/events?limit=7&offset=5", &page)
	if page.Total != whole.Total || len(page.Items) != 7 {
		t.Fatalf("page: total %d, %d items", page.Total, len(page.Items))
	}
	for i, it := range page.Items {
		if w := whole.Items[5+i]; it.Doc != w.Doc || it.ID != w.ID {
			t.Errorf("page item %d is %s/%s, the whole list has %s/%s there", i, it.Doc, it.ID, w.Doc, w.ID)
		}
	}
	var beyond eventList
	f.getJSON(t, fmt.Sprintf("/api/v1/events?offset=%d", whole.Total), &beyond)
	if beyond.Total != whole.Total || len(beyond.Items) != 0 {
		t.Errorf("past the end: total %d, %d items", beyond.Total, len(beyond.Items))
	}

	// An item carries its evidence with the offsets into the text, its
	// place resolved, its article's title.
	byID := make(map[string]*document.Document)
	for _, d := range f.docs {
		byID[d.ID] = d
	}
	for _, it := range whole.Items {
		d := byID[it.Doc]
		if d == nil {
			t.Fatalf("item of unknown document %s", it.Doc)
		}
		if it.Evidence.Text != d.Text[it.Evidence.Start:it.Evidence.End] || it.Trigger.Text != d.Text[it.Trigger.Start:it.Trigger.End] {
			t.Errorf("%s/%s: evidence or trigger text does not match its offsets", it.Doc, it.ID)
		}
		if (it.Title == nil) != (d.Title == nil) || it.Title != nil && *it.Title != *d.Title {
			t.Errorf("%s/%s: title %v, want %v", it.Doc, it.ID, it.Title, d.Title)
		}
		v := d.Events[slices.IndexFunc(d.Events, func(v document.Event) bool { return v.ID == it.ID })]
		if p := search.EventPlace(d, v); (p == nil) != (it.Place == nil) || p != nil && p.Name != it.Place.Name {
			t.Errorf("%s/%s: place %+v, want %+v", it.Doc, it.ID, it.Place, p)
		}
	}

	// q keeps the events of the articles that contain the words.
	res, err := search.New(f.st, f.an).Search(t.Context(), search.Query{Text: "طرابلس", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	inQ := make(map[string]bool)
	n := 0
	for _, h := range res.Hits {
		inQ[h.ID] = true
		n += len(byID[h.ID].Events)
	}
	var withQ eventList
	f.getJSON(t, "/api/v1/events?limit=500&"+query("q", "طرابلس"), &withQ)
	if withQ.Total != n || n == 0 {
		t.Errorf("q=طرابلس: %d events, the %d matching articles have %d", withQ.Total, len(res.Hits), n)
	}
	for _, it := range withQ.Items {
		if !inQ[it.Doc] {
			t.Errorf("q=طرابلس: event of %s, which does not contain the word", it.Doc)
		}
	}
}

func testDocuments(t *testing.T, f *fixture) {
	type docList struct {
		Total int `json:"total"`
		Items []struct {
			ID      string           `json:"id"`
			Story   string           `json:"story"`
			Snippet *string          `json:"snippet"`
			Marks   []document.Range `json:"marks"`
			Events  int              `json:"events"`
		} `json:"items"`
	}
	var all docList
	f.getJSON(t, "/api/v1/documents?limit=500", &all)
	if all.Total != len(f.docs) || len(all.Items) != len(f.docs) {
		t.Fatalf("documents: total %d, %d items, want %d", all.Total, len(all.Items), len(f.docs))
	}
	for _, it := range all.Items {
		if it.Snippet != nil || it.Marks != nil {
			t.Errorf("%s: a snippet without q", it.ID)
		}
		for _, d := range f.docs {
			if d.ID == it.ID && len(d.Events) != it.Events {
				t.Errorf("%s: %d events, want %d", it.ID, it.Events, len(d.Events))
			}
		}
	}

	// Arabic words and a phrase, as rasad search finds them, with the
	// matches marked in the snippet.
	for _, q := range []string{"طرابلس", "«المجلس الرئاسي»", "بالقوات"} {
		res, err := search.New(f.st, f.an).Search(t.Context(), search.Query{Text: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got docList
		f.getJSON(t, "/api/v1/documents?"+query("q", q, "limit", "100"), &got)
		if got.Total != res.Total || len(got.Items) != len(res.Hits) {
			t.Errorf("q=%s: total %d, %d items; search says %d, %d", q, got.Total, len(got.Items), res.Total, len(res.Hits))
			continue
		}
		for i, it := range got.Items {
			h := res.Hits[i]
			if it.ID != h.ID || it.Snippet == nil || *it.Snippet != h.Snippet || !slices.Equal(it.Marks, h.Marks) {
				t.Errorf("q=%s: hit %d is %s, want %s as search ranks and marks it", q, i, it.ID, h.ID)
			}
			if len(it.Marks) == 0 {
				t.Errorf("q=%s: %s has no marks", q, it.ID)
			}
		}
	}
	var typed docList
	f.getJSON(t, "/api/v1/documents?"+query("type", "PROTEST"), &typed)
	set, err := search.New(f.st, f.an).Documents(t.Context(), search.Filter{Types: []string{"PROTEST"}})
	if err != nil {
		t.Fatal(err)
	}
	if typed.Total != len(set) || typed.Total == 0 {
		t.Errorf("type=PROTEST: %d documents, search filters %d", typed.Total, len(set))
	}

	// One document, as extract prints it, with its incidents.
	d := f.docs[0]
	resp, body := f.get(t, "/api/v1/documents/"+d.ID)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET document %s: %s", d.ID, resp.Status)
	}
	var one struct {
		Document  json.RawMessage `json:"document"`
		Story     string          `json:"story"`
		Incidents []int64         `json:"incidents"`
	}
	if err := json.Unmarshal(body, &one); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.Encode(d)
	if got := string(one.Document); got != strings.TrimSpace(want.String()) {
		t.Errorf("document %s differs from its extract form:\n got %.300s\nwant %.300s", d.ID, got, want.String())
	}
	if len(one.Incidents) != len(d.Events) || one.Story == "" {
		t.Errorf("document %s: story %q, %d incidents for %d events", d.ID, one.Story, len(one.Incidents), len(d.Events))
	}
}

func testIncidents(t *testing.T, f *fixture) {
	var got struct {
		Total int `json:"total"`
		Items []struct {
			Incident int64             `json:"incident"`
			Type     string            `json:"type"`
			Events   []store.EventItem `json:"events"`
		} `json:"items"`
	}
	f.getJSON(t, "/api/v1/incidents?limit=500", &got)
	var events eventList
	f.getJSON(t, "/api/v1/events?limit=500", &events)
	incidents := make(map[int64]int)
	for _, it := range events.Items {
		incidents[it.Incident]++
	}
	if got.Total != len(incidents) || len(got.Items) != len(incidents) {
		t.Fatalf("incidents: total %d, %d items, the events name %d", got.Total, len(got.Items), len(incidents))
	}
	for _, inc := range got.Items {
		if len(inc.Events) != incidents[inc.Incident] {
			t.Errorf("incident %d: %d events, want %d", inc.Incident, len(inc.Events), incidents[inc.Incident])
		}
		for _, ev := range inc.Events {
			if ev.Incident != inc.Incident || ev.Type != inc.Type {
				t.Errorf("incident %d (%s) lists event %s/%s of incident %d (%s)", inc.Incident, inc.Type, ev.Doc, ev.ID, ev.Incident, ev.Type)
			}
		}
	}
	var page struct {
		Total int `json:"total"`
		Items []struct {
			Incident int64 `json:"incident"`
		} `json:"items"`
	}
	f.getJSON(t, "/api/v1/incidents?limit=3&offset=2", &page)
	for i, it := range page.Items {
		if it.Incident != got.Items[2+i].Incident {
			t.Errorf("incident page item %d is %d, want %d", i, it.Incident, got.Items[2+i].Incident)
		}
	}
}

func testAggregates(t *testing.T, f *fixture) {
	var st struct {
		Documents int              `json:"documents"`
		Events    int              `json:"events"`
		Incidents int              `json:"incidents"`
		PerDay    []store.DayCount `json:"per_day"`
		PerType   map[string]int   `json:"per_type"`
	}
	f.getJSON(t, "/api/v1/stats", &st)
	var events eventList
	f.getJSON(t, "/api/v1/events?limit=500", &events)
	perType, perDay := make(map[string]int), make(map[string]int)
	for _, it := range events.Items {
		perType[it.Type]++
		if len(it.Day()) == len("2006-01-02") { // a month or a year is no day
			perDay[it.Day()+" "+it.Type]++
		}
	}
	if st.Documents != len(f.docs) || st.Events != events.Total || len(st.PerType) != len(perType) {
		t.Errorf("stats: %d documents, %d events, %d types; want %d, %d, %d", st.Documents, st.Events, len(st.PerType), len(f.docs), events.Total, len(perType))
	}
	for typ, n := range perType {
		if st.PerType[typ] != n {
			t.Errorf("stats: %s %d, want %d", typ, st.PerType[typ], n)
		}
	}
	if len(st.PerDay) != len(perDay) {
		t.Errorf("stats: %d day and type counts, want %d", len(st.PerDay), len(perDay))
	}
	for _, c := range st.PerDay {
		if int(c.Count) != perDay[c.Day+" "+c.Type] {
			t.Errorf("stats: %s %s %d, want %d", c.Day, c.Type, c.Count, perDay[c.Day+" "+c.Type])
		}
	}
	var typed struct {
		Events  int            `json:"events"`
		PerType map[string]int `json:"per_type"`
	}
	f.getJSON(t, "/api/v1/stats?type=ASSAULT", &typed)
	if typed.Events != perType["ASSAULT"] || len(typed.PerType) != 1 {
		t.Errorf("stats?type=ASSAULT: %d events in %v, want %d", typed.Events, typed.PerType, perType["ASSAULT"])
	}

	var actors struct {
		Items []store.ActorCount `json:"items"`
	}
	f.getJSON(t, "/api/v1/actors?limit=500", &actors)
	asActor := make(map[string]int)
	for _, it := range events.Items {
		if it.Actor != nil {
			asActor[it.Actor.Name()]++
		}
	}
	sum := 0
	for _, a := range actors.Items {
		sum += int(a.AsActor)
		if int(a.AsActor) > asActor[a.Name] {
			t.Errorf("actors: %s acts %d times, the events say %d", a.Name, a.AsActor, asActor[a.Name])
		}
	}
	total := 0
	for _, n := range asActor {
		total += n
	}
	if sum != total || len(actors.Items) == 0 {
		t.Errorf("actors: %d acts in all, the events have %d", sum, total)
	}
	var links struct {
		Items []store.ActorLink `json:"items"`
	}
	f.getJSON(t, "/api/v1/actors/links", &links)
	for i, l := range links.Items {
		if l.Actor == "" || l.Target == "" || l.Count < 1 || i > 0 && l.Count > links.Items[i-1].Count {
			t.Errorf("links: item %d %+v", i, l)
		}
	}
	var places struct {
		Items []store.PlaceCount `json:"items"`
	}
	f.getJSON(t, "/api/v1/places?limit=500", &places)
	placed := 0
	for _, it := range events.Items {
		if it.Place != nil {
			placed++
		}
	}
	n := 0
	for _, p := range places.Items {
		n += int(p.Events)
	}
	if n != placed || len(places.Items) == 0 {
		t.Errorf("places: %d events placed, the events have %d", n, placed)
	}
}

func testExport(t *testing.T, f *fixture) {
	for _, tc := range []struct {
		format, contentType string
		filter              search.Filter
		query               string
	}{
		{"csv", "text/csv", search.Filter{}, ""},
		{"geojson", "application/geo+json", search.Filter{Types: []string{"ASSAULT"}}, "&type=ASSAULT"},
		{"acled", "text/csv", search.Filter{Place: "سرت"}, "&" + query("place", "سرت")},
		{"jsonl", "application/x-ndjson", search.Filter{}, ""},
	} {
		resp, body := f.get(t, "/api/v1/export?format="+tc.format+tc.query)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.contentType) ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment; filename=") {
			t.Errorf("export %s: %s, %q, %q", tc.format, resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
			continue
		}
		// The bytes rasad export writes.
		ex, err := export.New()
		if err != nil {
			t.Fatal(err)
		}
		srch := search.New(f.st, f.an)
		ef, err := srch.Events(tc.filter)
		if err != nil {
			t.Fatal(err)
		}
		format, _ := export.ParseFormat(tc.format)
		var want bytes.Buffer
		if _, err := ex.Write(&want, format, srch.Stream(context.Background(), tc.filter), ef); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, want.Bytes()) || len(body) == 0 {
			t.Errorf("export %s: %d bytes differ from rasad export's %d", tc.format, len(body), want.Len())
		}
	}
}
