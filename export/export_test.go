package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/export"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
	"github.com/rasad/rasad/store/storetest"
)

// exportCorpus stores the store suite's articles and exports them.
func exportCorpus(t *testing.T, f export.Format, filter search.Filter) (string, export.Summary) {
	t.Helper()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"), store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutBatch(t.Context(), storetest.Corpus()); err != nil {
		t.Fatal(err)
	}
	ex, err := export.New()
	if err != nil {
		t.Fatal(err)
	}
	srch := search.New(st, an)
	events, err := srch.Events(filter)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	sum, err := ex.Write(&b, f, srch.Stream(t.Context(), filter), events)
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), sum
}

func readCSV(t *testing.T, s string) []map[string]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := make(map[string]string)
		for i, col := range rows[0] {
			m[col] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestACLED(t *testing.T) {
	out, sum := exportCorpus(t, export.ACLED, search.Filter{})
	rows := readCSV(t, out)
	// Seven events in five incidents: the Sirte strike reported twice,
	// the Tripoli shelling twice, and three single reports.
	if len(rows) != 5 || sum.Incidents != 5 || sum.Events != 7 {
		t.Fatalf("%d rows, summary %+v; want 5 rows for 7 events in 5 incidents\n%s", len(rows), sum, out)
	}
	byPlace := map[string][]map[string]string{}
	for _, r := range rows {
		byPlace[r["location"]] = append(byPlace[r["location"]], r)
	}
	sirte := byPlace["سرت"]
	if len(sirte) != 1 {
		t.Fatalf("Sirte rows: %v", sirte)
	}
	s := sirte[0]
	want := map[string]string{
		"event_date": "2020-06-22", "year": "2020", "time_precision": "1", "disorder_type": "Political violence",
		"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "actor2": "قوات خليفة حفتر",
		"iso": "434", "region": "Northern Africa", "country": "Libya", "latitude": "31.2089", "longitude": "16.5887",
		"geo_precision": "1", "source": "عربي21; الجزيرة", "fatalities": "0",
	}
	for col, v := range want {
		if s[col] != v {
			t.Errorf("Sirte row: %s = %q, want %q", col, s[col], v)
		}
	}
	if !strings.HasPrefix(s["event_id_cnty"], "LBY") || !strings.Contains(s["notes"], "2 reports: sirte-1, sirte-2") {
		t.Errorf("Sirte row: event_id_cnty %q, notes %q", s["event_id_cnty"], s["notes"])
	}
	if got := len(byPlace["طرابلس"]); got != 2 {
		t.Errorf("%d Tripoli rows, want 2 (the shelling reported twice, and a later one)", got)
	}
	if p := byPlace["بنغازي"]; len(p) != 1 || p[0]["disorder_type"] != "Demonstrations" || p[0]["sub_event_type"] != "Peaceful protest" {
		t.Errorf("Benghazi protest row: %v", p)
	}
	if d := byPlace["درعا"]; len(d) != 1 || d[0]["country"] != "Syria" || d[0]["region"] != "Middle East" || d[0]["actor1"] != "مسلحين محليين" {
		t.Errorf("Daraa row: %v", d)
	}
}

func TestCSVFiltered(t *testing.T) {
	out, _ := exportCorpus(t, export.CSV, search.Filter{Types: []string{"ASSAULT"}, From: "2020-07-01"})
	rows := readCSV(t, out)
	var ids []string
	for _, r := range rows {
		ids = append(ids, r["article"])
		if r["type"] != "ASSAULT" || r["date"] < "2020-07-01" {
			t.Errorf("row %v passes --type ASSAULT --from 2020-07-01", r)
		}
	}
	slices.Sort(ids)
	if want := []string{"tripoli-later", "tripoli-next-day", "tripoli-shelling"}; !slices.Equal(ids, want) {
		t.Errorf("articles %v, want %v", ids, want)
	}
	if rows[0]["incident"] == "" || rows[0]["trigger"] == "" {
		t.Errorf("row without incident or trigger: %v", rows[0])
	}
}

func TestGeoJSON(t *testing.T) {
	out, sum := exportCorpus(t, export.GeoJSON, search.Filter{Actor: "حفتر"})
	var fc struct {
		Type     string
		Features []struct {
			Geometry struct {
				Type        string
				Coordinates [2]float64
			}
			Properties struct {
				Reports int
				Sources []struct{ Article, Outlet string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 1 || sum.Rows != 1 {
		t.Fatalf("want one feature (the Sirte strike, whose target is Haftar's forces), have %d:\n%s", len(fc.Features), out)
	}
	f := fc.Features[0]
	// GeoJSON puts longitude first.
	if f.Geometry.Type != "Point" || f.Geometry.Coordinates != [2]float64{16.5887, 31.2089} {
		t.Errorf("geometry %+v", f.Geometry)
	}
	if f.Properties.Reports != 2 || len(f.Properties.Sources) != 2 {
		t.Errorf("properties %+v, want both reports as sources", f.Properties)
	}
}

func TestJSONL(t *testing.T) {
	out, sum := exportCorpus(t, export.JSONL, search.Filter{Place: "طرابلس"})
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || sum.Rows != 4 {
		t.Fatalf("%d documents for --place طرابلس, want 4", len(lines))
	}
	for _, l := range lines {
		var d struct{ Schema, ID, Text string }
		if err := json.Unmarshal([]byte(l), &d); err != nil || d.Schema != "rasad.document/v1" || !strings.Contains(d.Text, "طرابلس") {
			t.Errorf("line %.80s: %v", l, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range export.Formats {
		if got, err := export.ParseFormat(strings.ToUpper(string(f))); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := export.ParseFormat("xlsx"); err == nil {
		t.Error("ParseFormat(xlsx): no error")
	}
}
