package export

import (
	"bufio"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// Format is an export format.
type Format string

// Formats.
const (
	JSONL   Format = "jsonl"   // the stored documents, one rasad.document/v1 object a line
	CSV     Format = "csv"     // one row per event, with its incident and story
	ACLED   Format = "acled"   // one row per incident ACLED codes, in ACLED's columns
	GeoJSON Format = "geojson" // one point per incident with coordinates
)

// Formats lists the formats, for messages.
var Formats = []Format{JSONL, CSV, ACLED, GeoJSON}

// ParseFormat checks a format's name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown export format %q (want jsonl, csv, acled or geojson)", s)
}

//go:embed countries.tsv
var countriesTSV string

// country is a row of countries.tsv.
type country struct {
	alpha3, numeric, name, region string
}

// Exporter writes exports. It holds the country table and is immutable.
type Exporter struct {
	countries map[string]country
	// actors gives the sector of the actors events name, for ACLED's
	// inter codes.
	actors *actors.List
}

// New parses the embedded country table and actor list.
func New() (*Exporter, error) {
	list, err := actors.Load()
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	e := &Exporter{countries: make(map[string]country), actors: list}
	for i, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("countries.tsv:%d: want 5 tab-separated fields, have %d", i+1, len(f))
		}
		e.countries[f[0]] = country{alpha3: f[1], numeric: f[2], name: f[3], region: f[4]}
	}
	return e, nil
}

// Summary says what an export wrote and what it left out.
type Summary struct {
	Articles  int // articles read
	Events    int // events that passed the filter
	Rows      int // records written (documents, rows or features)
	Incidents int // incidents among the events
	// LeftOut counts events not written, by reason.
	LeftOut map[string]int
}

func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d records from %d articles (%d events in %d incidents)", s.Rows, s.Articles, s.Events, s.Incidents)
	reasons := slices.Sorted(func(yield func(string) bool) {
		for r := range s.LeftOut {
			if !yield(r) {
				return
			}
		}
	})
	for i, r := range reasons {
		if i == 0 {
			b.WriteString("; left out: ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d %s", s.LeftOut[r], r)
	}
	return b.String()
}

// report is one article's account of an event.
type report struct {
	st    *store.Stored
	event document.Event
	place *document.Place
}

// Write exports docs in format f. Events are those events passes (nil:
// all); JSONL writes every document whole.
func (e *Exporter) Write(w io.Writer, f Format, docs iter.Seq2[*store.Stored, error], events *search.EventFilter) (Summary, error) {
	sum := Summary{LeftOut: make(map[string]int)}
	bw := bufio.NewWriterSize(w, 256<<10)
	var err error
	switch f {
	case JSONL:
		err = e.jsonl(bw, docs, &sum)
	case CSV, ACLED, GeoJSON:
		var reports []report
		for st, err := range docs {
			if err != nil {
				return sum, err
			}
			sum.Articles++
			for _, v := range st.Doc.Events {
				if events != nil && !events.Match(st.Doc, v) {
					continue
				}
				reports = append(reports, report{st: st, event: v, place: search.EventPlace(st.Doc, v)})
			}
		}
		sum.Events = len(reports)
		incidents := group(reports)
		sum.Incidents = len(incidents)
		switch f {
		case CSV:
			err = e.csv(bw, reports, &sum)
		case ACLED:
			err = e.acled(bw, incidents, &sum)
		case GeoJSON:
			err = e.geojson(bw, incidents, &sum)
		}
	default:
		err = fmt.Errorf("unknown export format %q", f)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return sum, err
}

func (e *Exporter) jsonl(w io.Writer, docs iter.Seq2[*store.Stored, error], sum *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for st, err := range docs {
		if err != nil {
			return err
		}
		sum.Articles++
		sum.Events += len(st.Doc.Events)
		if err := enc.Encode(st.Doc); err != nil {
			return err
		}
		sum.Rows++
	}
	return nil
}

// incidentOf returns the incident number of a report.
func incidentOf(r report) int64 {
	for i, v := range r.st.Doc.Events {
		if v.ID == r.event.ID && i < len(r.st.Incidents) {
			return r.st.Incidents[i]
		}
	}
	return 0
}

// incident is the reports of one happening.
type incident struct {
	num     int64
	reports []report
}

// group gathers reports by incident, ordered by date then number.
func group(reports []report) []*incident {
	byNum := make(map[int64]*incident)
	var out []*incident
	for _, r := range reports {
		n := incidentOf(r)
		inc, ok := byNum[n]
		if !ok || n == 0 {
			inc = &incident{num: n}
			byNum[n] = inc
			out = append(out, inc)
		}
		inc.reports = append(inc.reports, r)
	}
	for _, inc := range out {
		sort.SliceStable(inc.reports, func(i, j int) bool { return better(inc.reports[i], inc.reports[j]) })
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := search.EventDay(out[i].reports[0].st.Doc, out[i].reports[0].event), search.EventDay(out[j].reports[0].st.Doc, out[j].reports[0].event)
		if a != b {
			return a < b
		}
		return out[i].num < out[j].num
	})
	return out
}

// better says whether report a describes its incident better than b: a
// day-precise date, a more precise place, a stated death toll, a higher
// confidence.
func better(a, b report) bool {
	rank := func(r report) [4]int {
		var k [4]int
		if r.event.Date != nil && (r.event.DatePrecision == nil || *r.event.DatePrecision == "day") {
			k[0] = 1
		}
		if r.place != nil {
			k[1] = 4 - geoPrecision(r.place.Precision)
		}
		if r.event.Fatalities != nil {
			k[2] = 1
		}
		k[3] = int(r.event.Confidence * 1000)
		return k
	}
	ka, kb := rank(a), rank(b)
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] > kb[i]
		}
	}
	return a.st.Num < b.st.Num
}

// geoPrecision is ACLED's geo_precision for a place precision: 1 for a
// town or site, 2 for a district, 3 for a province or region, 4 (not
// exportable) for a country.
func geoPrecision(p string) int {
	switch p {
	case "city", "site":
		return 1
	case "admin2":
		return 2
	case "admin1", "region":
		return 3
	}
	return 4
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func argName(a *document.Argument) string {
	if a == nil {
		return ""
	}
	if a.Canonical != "" {
		return a.Canonical
	}
	return a.Text
}

func coord(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', 4, 64)
}

var csvHeader = []string{"incident", "story", "article", "event", "type", "mode", "acled_event_type", "acled_sub_event_type",
	"date", "date_precision", "actor", "target", "participants", "place", "country", "admin1", "latitude", "longitude",
	"place_precision", "fatalities", "modality", "confidence", "trigger", "evidence", "outlet", "url", "published"}

func (e *Exporter) csv(w io.Writer, reports []report, sum *Summary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	stories := storyIDs(reports)
	for _, r := range reports {
		v, d := r.event, r.st.Doc
		var acledType, acledSub string
		if v.ACLED != nil {
			acledType, acledSub = v.ACLED.EventType, v.ACLED.SubEventType
		}
		var parts []string
		for _, p := range v.Participants {
			parts = append(parts, argName(&p))
		}
		var place, cc, admin1, lat, lon, precision string
		if r.place != nil {
			place, cc, admin1 = r.place.Name, r.place.Country, r.place.Admin1
			lat, lon, precision = coord(r.place.Lat), coord(r.place.Lon), r.place.Precision
		}
		fatalities := ""
		if v.Fatalities != nil {
			fatalities = strconv.Itoa(*v.Fatalities)
		}
		row := []string{strconv.FormatInt(incidentOf(r), 10), stories[r.st.Story], d.ID, v.ID, v.Type, v.Mode, acledType, acledSub,
			deref(v.Date), deref(v.DatePrecision), argName(v.Actor), argName(v.Target), strings.Join(parts, "; "),
			place, cc, admin1, lat, lon, precision, fatalities, v.Modality, strconv.FormatFloat(v.Confidence, 'f', 2, 64),
			v.Trigger.Text, v.Evidence.Text, deref(d.Outlet), deref(d.URL), deref(d.Published)}
		if err := cw.Write(row); err != nil {
			return err
		}
		sum.Rows++
	}
	cw.Flush()
	return cw.Error()
}

// storyIDs names each story by the id of its first article when that
// article is among the reports, else by its number.
func storyIDs(reports []report) map[int64]string {
	ids := make(map[int64]string)
	for _, r := range reports {
		if _, ok := ids[r.st.Story]; !ok {
			ids[r.st.Story] = "#" + strconv.FormatInt(r.st.Story, 10)
		}
	}
	for _, r := range reports {
		if r.st.Num == r.st.Story {
			ids[r.st.Story] = r.st.Doc.ID
		}
	}
	return ids
}

// ACLEDColumns are the columns of ACLED's export, in its order.
var ACLEDColumns = []string{"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
	"sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
	"civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
	"longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"}

// disorderType is ACLED's disorder type of an event (sub-event) type.
func disorderType(eventType, subEventType string) string {
	switch {
	case subEventType == "Excessive force against protesters":
		return "Political violence; Demonstrations"
	case eventType == "Protests" || eventType == "Riots":
		return "Demonstrations"
	case eventType == "Strategic developments":
		return "Strategic developments"
	}
	return "Political violence"
}

// Vague plurals of the dead, and the figure ACLED's convention gives
// them; used in the ACLED export only (rasad's own output keeps null).
var vagueFatalities = []struct {
	word  string
	count int
}{{"مئات", 100}, {"عشرات", 10}}

var deathWords = []string{"قتيل", "قتلى", "مقتل", "قتل", "ضحايا", "وفاة", "حتف"}

// acledFatalities returns the death toll for ACLED and a note when it
// came from a vague plural.
func acledFatalities(v document.Event) (int, string) {
	if v.Fatalities != nil {
		return *v.Fatalities, ""
	}
	ev := v.Evidence.Text
	dead := false
	for _, w := range deathWords {
		dead = dead || strings.Contains(ev, w)
	}
	if !dead {
		return 0, ""
	}
	for _, vf := range vagueFatalities {
		if strings.Contains(ev, vf.word) {
			return vf.count, fmt.Sprintf("Fatalities: the source says %s (vague plural), coded %d by ACLED's convention.", vf.word, vf.count)
		}
	}
	return 0, ""
}

func (e *Exporter) acled(w io.Writer, incidents []*incident, sum *Summary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ACLEDColumns); err != nil {
		return err
	}
	for _, inc := range incidents {
		// The first report that ACLED can take stands for the
		// incident; the others add sources and deaths.
		var best *report
		reason := ""
		for i := range inc.reports {
			r := &inc.reports[i]
			if why := acledUnfit(r); why != "" {
				if reason == "" {
					reason = why
				}
				continue
			}
			if _, ok := e.countries[r.place.Country]; !ok {
				reason = "with a country not in export/countries.tsv"
				continue
			}
			best = r
			break
		}
		if best == nil {
			sum.LeftOut[reason] += len(inc.reports)
			continue
		}
		v, p := best.event, best.place
		c := e.countries[p.Country]
		day := deref(v.Date)
		if day == "" {
			day = deref(best.st.Doc.Published)
		}
		timePrecision := "1"
		switch deref(v.DatePrecision) {
		case "week":
			timePrecision = "2"
		case "month":
			timePrecision = "3"
		}
		var assoc []string
		for _, a := range v.Participants {
			assoc = append(assoc, argName(&a))
		}
		fatalities, note := 0, ""
		var outlets, ids []string
		latest := ""
		for _, r := range inc.reports {
			n, why := acledFatalities(r.event)
			if n > fatalities {
				fatalities, note = n, why
			}
			if o := deref(r.st.Doc.Outlet); o != "" && !slices.Contains(outlets, o) {
				outlets = append(outlets, o)
			}
			if !slices.Contains(ids, r.st.Doc.ID) {
				ids = append(ids, r.st.Doc.ID)
			}
			if pub := deref(r.st.Doc.Published); pub > latest {
				latest = pub
			}
		}
		notes := strings.TrimSpace(v.Evidence.Text)
		if note != "" {
			notes += " " + note
		}
		notes += fmt.Sprintf(" [rasad: %d reports: %s]", len(inc.reports), strings.Join(ids, ", "))
		timestamp := ""
		if t, err := time.Parse(time.DateOnly, latest); err == nil {
			timestamp = strconv.FormatInt(t.Unix(), 10)
		}
		inter1, inter2, interaction := e.inters(v, p.Country)
		civilian := ""
		if v.ACLED.EventType == "Violence against civilians" {
			civilian = "Civilian targeting"
		}
		row := []string{
			c.alpha3 + strconv.FormatInt(inc.num, 10), day, day[:4], timePrecision,
			disorderType(v.ACLED.EventType, v.ACLED.SubEventType), v.ACLED.EventType, v.ACLED.SubEventType,
			argName(v.Actor), strings.Join(assoc, "; "), inter1, argName(v.Target), "", inter2, interaction,
			civilian, c.numeric, c.region, c.name, p.Admin1, "", "", p.Name, coord(p.Lat), coord(p.Lon),
			strconv.Itoa(geoPrecision(p.Precision)), strings.Join(outlets, "; "), "", notes,
			strconv.Itoa(fatalities), "", timestamp,
		}
		if err := cw.Write(row); err != nil {
			return err
		}
		sum.Rows++
	}
	cw.Flush()
	return cw.Error()
}

// inters returns ACLED's inter1, inter2 and interaction for an event in
// the country (ISO alpha-2) of its place, by section 4 of event-coding.md:
// a known actor's code comes from its sector and country (actors.yaml);
// one the list does not know gets the code its role in the event gives
// (the crowd of a protest or riot, the victims of violence against
// civilians). Unknown codes are left empty; interaction is the two codes
// lower first, or the one code followed by 0.
func (e *Exporter) inters(v document.Event, country string) (string, string, string) {
	code := func(a *document.Argument) actors.Inter {
		if a == nil {
			return actors.InterNone
		}
		if x, ok := e.actors.ByKB(a.KB); ok {
			return x.Inter(country)
		}
		return actors.InterNone
	}
	i1, i2 := code(v.Actor), code(v.Target)
	if v.ACLED != nil {
		switch {
		case v.ACLED.EventType == "Protests" && v.Type == "PROTEST" && i1 == actors.InterNone:
			i1 = actors.Protesters
		case v.ACLED.EventType == "Protests" && v.Type != "PROTEST" && i2 == actors.InterNone:
			i2 = actors.Protesters // the crowd force was used on
		case v.ACLED.EventType == "Riots" && i1 == actors.InterNone:
			i1 = actors.Rioters
		case v.ACLED.EventType == "Violence against civilians" && i2 == actors.InterNone:
			i2 = actors.Civilians
		}
	}
	text := func(i actors.Inter) string {
		if i == actors.InterNone {
			return ""
		}
		return strconv.Itoa(int(i))
	}
	interaction := ""
	switch {
	case i1 != actors.InterNone && i2 != actors.InterNone:
		interaction = strconv.Itoa(10*int(min(i1, i2)) + int(max(i1, i2)))
	case i1 != actors.InterNone || i2 != actors.InterNone:
		interaction = strconv.Itoa(10 * int(max(i1, i2)))
	}
	return text(i1), text(i2), interaction
}

// recalled reports an event dated more than a year before the article
// that tells it: a past event the article recalls (the 2012 attack on
// the consulate, "منذ 2011"), not news. ACLED records it from its own
// time's sources, so it stays out of the export.
func recalled(date, published *string) bool {
	if date == nil || published == nil {
		return false
	}
	pub, err := time.Parse(time.DateOnly, *published)
	if err != nil {
		return false
	}
	var when time.Time
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if t, err := time.Parse(layout, *date); err == nil {
			when = t
			break
		}
	}
	if when.IsZero() {
		return false
	}
	// A month or a year counts from its last day.
	switch len(*date) {
	case len("2006-01"):
		when = when.AddDate(0, 1, -1)
	case len("2006"):
		when = when.AddDate(1, 0, -1)
	}
	return when.Before(pub.AddDate(-1, 0, 0))
}

// acledUnfit says why ACLED cannot take a report, or "" when it can.
func acledUnfit(r *report) string {
	v := r.event
	switch {
	case v.ACLED == nil:
		return "not coded by ACLED"
	case v.Modality != "" && v.Modality != "asserted":
		return "not asserted (threatened, planned, negated or hypothetical)"
	case recalled(v.Date, r.st.Doc.Published):
		return "dated more than a year before the article (a past event recalled)"
	case v.DatePrecision != nil && *v.DatePrecision == "year":
		return "dated only to the year"
	case v.Date == nil && r.st.Doc.Published == nil:
		return "without a date"
	case r.place == nil || r.place.Lat == nil || r.place.Lon == nil:
		return "without a located place"
	case geoPrecision(r.place.Precision) > 3:
		return "located only to the country"
	}
	return ""
}

// geojson feature types.
type (
	featureCollection struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	feature struct {
		Type       string         `json:"type"`
		Geometry   geometry       `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	geometry struct {
		Type        string     `json:"type"`
		Coordinates [2]float64 `json:"coordinates"`
	}
	source struct {
		Article   string `json:"article"`
		Event     string `json:"event"`
		Outlet    string `json:"outlet,omitempty"`
		URL       string `json:"url,omitempty"`
		Published string `json:"published,omitempty"`
		Trigger   string `json:"trigger"`
	}
)

func (e *Exporter) geojson(w io.Writer, incidents []*incident, sum *Summary) error {
	fc := featureCollection{Type: "FeatureCollection", Features: []feature{}}
	for _, inc := range incidents {
		var best *report
		for i := range inc.reports {
			if r := &inc.reports[i]; r.place != nil && r.place.Lat != nil && r.place.Lon != nil {
				best = r
				break
			}
		}
		if best == nil {
			sum.LeftOut["without a located place"] += len(inc.reports)
			continue
		}
		v, p := best.event, best.place
		var sources []source
		fatalities := (*int)(nil)
		for _, r := range inc.reports {
			sources = append(sources, source{Article: r.st.Doc.ID, Event: r.event.ID, Outlet: deref(r.st.Doc.Outlet),
				URL: deref(r.st.Doc.URL), Published: deref(r.st.Doc.Published), Trigger: r.event.Trigger.Text})
			if f := r.event.Fatalities; f != nil && (fatalities == nil || *f > *fatalities) {
				fatalities = f
			}
		}
		props := map[string]any{
			"incident": inc.num, "type": v.Type, "mode": v.Mode, "date": search.EventDay(best.st.Doc, v),
			"actor": argName(v.Actor), "target": argName(v.Target), "fatalities": fatalities,
			"place": p.Name, "country": p.Country, "admin1": p.Admin1, "precision": p.Precision,
			"modality": v.Modality, "reports": len(inc.reports), "sources": sources, "evidence": v.Evidence.Text,
		}
		if v.ACLED != nil {
			props["acled_event_type"], props["acled_sub_event_type"] = v.ACLED.EventType, v.ACLED.SubEventType
		}
		fc.Features = append(fc.Features, feature{Type: "Feature",
			Geometry: geometry{Type: "Point", Coordinates: [2]float64{*p.Lon, *p.Lat}}, Properties: props})
		sum.Rows++
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(fc)
}
