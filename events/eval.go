package events

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/internal/metric"
)

// GoldArticle is one hand-coded article of the gold set (see
// testdata/gold/README.md for the conventions).
type GoldArticle struct {
	ID        string      `json:"id"`
	Published string      `json:"published"`
	Outlet    string      `json:"outlet"`
	Title     string      `json:"title"`
	Text      string      `json:"text"`
	Events    []GoldEvent `json:"events"`
	Quotes    []GoldQuote `json:"quotes"`
	File      string      `json:"-"`
}

// GoldEvent is a hand-coded event; string fields are spans of the text,
// located by their *_occurrence (1-based) when they occur more than once.
type GoldEvent struct {
	Type              string          `json:"type"`
	Mode              *string         `json:"mode"`
	Trigger           string          `json:"trigger"`
	TriggerOccurrence int             `json:"trigger_occurrence"`
	Actor             *string         `json:"actor"`
	ActorOccurrence   int             `json:"actor_occurrence"`
	ActorCanonical    *string         `json:"actor_canonical"`
	Target            *string         `json:"target"`
	TargetOccurrence  int             `json:"target_occurrence"`
	TargetCanonical   *string         `json:"target_canonical"`
	Participants      []string        `json:"participants"`
	Place             *string         `json:"place"`
	PlaceOccurrence   int             `json:"place_occurrence"`
	Date              *string         `json:"date"`
	DatePrecision     *string         `json:"date_precision"`
	Fatalities        *int            `json:"fatalities"`
	Modality          string          `json:"modality"`
	ACLED             *document.ACLED `json:"acled"`
	OtherTriggers     []string        `json:"other_triggers"`
	// OtherTriggersOccurrence is parallel to OtherTriggers (0 means 1).
	OtherTriggersOccurrence []int `json:"other_triggers_occurrence"`
}

// GoldQuote is a hand-coded quote.
type GoldQuote struct {
	Speaker           string `json:"speaker"`
	SpeakerCanonical  string `json:"speaker_canonical"`
	Role              string `json:"role"`
	Content           string `json:"content"`
	ContentOccurrence int    `json:"content_occurrence"`
	Direct            bool   `json:"direct"`
}

// LoadGold reads every *.json file of dir, in name order.
func LoadGold(dir string) ([]GoldArticle, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no gold *.json files", dir)
	}
	sort.Strings(files)
	out := make([]GoldArticle, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var g GoldArticle
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		g.File = f
		out = append(out, g)
	}
	return out, nil
}

// locate returns the byte span of the n-th (1-based; 0 means 1) match of s
// in text, counting matches inside longer words.
func locate(text, s string, n int) (int, int, bool) {
	if s == "" {
		return 0, 0, false
	}
	n = max(n, 1)
	from := 0
	for {
		i := strings.Index(text[from:], s)
		if i < 0 {
			return 0, 0, false
		}
		if n--; n == 0 {
			return from + i, from + i + len(s), true
		}
		from += i + 1
		for from < len(text) && text[from]&0xC0 == 0x80 {
			from++
		}
	}
}

func overlaps(a0, a1, b0, b1 int) bool { return a0 < b1 && b0 < a1 }

// Score accumulates the comparison of coded documents with the gold set.
type Score struct {
	Gold, Predicted, Matched int
	ActorRight, TargetRight  int
	PlaceRight, DateRight    int
	ModalityRight, ModeRight int
	ACLEDRight               int
	FatalitiesRight          int
	GoldQuotes, PredQuotes   int
	QuotesMatched            int
	// Missed and Spurious list the unmatched events, for reading.
	Missed, Spurious []string
	// Wrong lists the fields of matched events that differ from the gold.
	Wrong []string
	// MissedQuotes and SpuriousQuotes list the unmatched quotes.
	MissedQuotes, SpuriousQuotes []string
	// ByType holds the event counts of each PLOVER type.
	ByType map[string]*metric.Counts
}

// Add scores one document against its gold article.
func (s *Score) Add(g *GoldArticle, d *document.Document) {
	s.Gold += len(g.Events)
	s.Predicted += len(d.Events)
	used := make([]bool, len(d.Events))
	for _, ge := range g.Events {
		s.count(ge.Type).Gold++
		match := s.match(g, &ge, d, used)
		if match < 0 {
			s.Missed = append(s.Missed, fmt.Sprintf("%s %s/%s %q", g.ID, ge.Type, deref(ge.Mode), ge.Trigger))
			continue
		}
		used[match] = true
		s.Matched++
		s.count(ge.Type).Correct++
		pe := d.Events[match]
		if argRight(g.Text, pe.Actor, ge.Actor, ge.ActorCanonical, ge.ActorOccurrence) {
			s.ActorRight++
		} else {
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s %q actor %s, gold %s", g.ID, ge.Type, ge.Trigger, argText(pe.Actor), deref(ge.Actor)))
		}
		if argRight(g.Text, pe.Target, ge.Target, ge.TargetCanonical, ge.TargetOccurrence) {
			s.TargetRight++
		} else {
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s %q target %s, gold %s", g.ID, ge.Type, ge.Trigger, argText(pe.Target), deref(ge.Target)))
		}
		if placeRight(g.Text, d, pe.Place, ge.Place, ge.PlaceOccurrence) {
			s.PlaceRight++
		} else {
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s %q place %s, gold %s", g.ID, ge.Type, ge.Trigger, deref(pe.Place), deref(ge.Place)))
		}
		if dateRight(pe.Date, ge.Date, ge.DatePrecision) {
			s.DateRight++
		} else {
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s %q date %s, gold %s", g.ID, ge.Type, ge.Trigger, deref(pe.Date), deref(ge.Date)))
		}
		if pe.Modality == ge.Modality {
			s.ModalityRight++
		} else {
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s %q modality %s, gold %s", g.ID, ge.Type, ge.Trigger, pe.Modality, ge.Modality))
		}
		if (pe.ACLED == nil) == (ge.ACLED == nil) && (pe.ACLED == nil || *pe.ACLED == *ge.ACLED) {
			s.ACLEDRight++
		} else {
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s %q acled %v, gold %v", g.ID, ge.Type, ge.Trigger, pe.ACLED, ge.ACLED))
		}
		if (pe.Fatalities == nil) == (ge.Fatalities == nil) && (pe.Fatalities == nil || *pe.Fatalities == *ge.Fatalities) {
			s.FatalitiesRight++
		} else {
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s %q fatalities %v, gold %v", g.ID, ge.Type, ge.Trigger, intText(pe.Fatalities), intText(ge.Fatalities)))
		}
		if pe.Mode == deref(ge.Mode) {
			s.ModeRight++
		}
	}
	for k, pe := range d.Events {
		s.count(pe.Type).Predicted++
		if !used[k] {
			s.Spurious = append(s.Spurious, fmt.Sprintf("%s %s/%s %q", g.ID, pe.Type, pe.Mode, pe.Trigger.Text))
		}
	}
	s.GoldQuotes += len(g.Quotes)
	s.PredQuotes += len(d.Quotes)
	qused := make([]bool, len(d.Quotes))
	// The gold names one speaker by several mentions (يوسف يوسفي، وزير
	// الطاقة الجزائري، يوسفي): a predicted speaker may be any of them.
	aliases := map[string][]string{}
	for _, gq := range g.Quotes {
		if gq.SpeakerCanonical != "" {
			aliases[gq.SpeakerCanonical] = append(aliases[gq.SpeakerCanonical], gq.Speaker, gq.Role)
		}
	}
	for _, gq := range g.Quotes {
		c0, c1, ok := locate(g.Text, gq.Content, gq.ContentOccurrence)
		if !ok {
			continue
		}
		matched := s.QuotesMatched
		for k, pq := range d.Quotes {
			// Content must cover at least half of the gold content and be
			// at least half gold content (a quote is not its sentence).
			common := min(pq.Content.End, c1) - max(pq.Content.Start, c0)
			if qused[k] || 2*common < c1-c0 || 2*common < pq.Content.End-pq.Content.Start {
				continue
			}
			if sameName(pq.Speaker.Text, gq.Speaker) || sameName(pq.Speaker.Canonical, gq.SpeakerCanonical) || anyName(pq.Speaker.Text, aliases[gq.SpeakerCanonical]) {
				qused[k] = true
				s.QuotesMatched++
				break
			}
		}
		if s.QuotesMatched == matched {
			s.MissedQuotes = append(s.MissedQuotes, fmt.Sprintf("%s %s: %.60q", g.ID, gq.Speaker, gq.Content))
		}
	}
	for k, pq := range d.Quotes {
		if !qused[k] {
			s.SpuriousQuotes = append(s.SpuriousQuotes, fmt.Sprintf("%s %s: %.60q", g.ID, pq.Speaker.Text, pq.Content.Text))
		}
	}
}

// match returns the index of the unused predicted event that matches ge:
// the same type, its trigger overlapping the gold trigger or, failing
// that, one of the words that restate the event later (other_triggers).
// -1 when there is none.
func (s *Score) match(g *GoldArticle, ge *GoldEvent, d *document.Document, used []bool) int {
	var spans [][2]int
	if t0, t1, ok := locate(g.Text, ge.Trigger, ge.TriggerOccurrence); ok {
		spans = append(spans, [2]int{t0, t1})
	}
	for k, o := range ge.OtherTriggers {
		n := 0
		if k < len(ge.OtherTriggersOccurrence) {
			n = ge.OtherTriggersOccurrence[k]
		}
		if t0, t1, ok := locate(g.Text, o, n); ok {
			spans = append(spans, [2]int{t0, t1})
		}
	}
	for _, sp := range spans {
		for k, pe := range d.Events {
			if !used[k] && pe.Type == ge.Type && overlaps(pe.Trigger.Start, pe.Trigger.End, sp[0], sp[1]) {
				return k
			}
		}
	}
	return -1
}

// count returns the counts of one event type, made on first use.
func (s *Score) count(typ string) *metric.Counts {
	if s.ByType == nil {
		s.ByType = map[string]*metric.Counts{}
	}
	c := s.ByType[typ]
	if c == nil {
		c = &metric.Counts{}
		s.ByType[typ] = c
	}
	return c
}

// Arguments is the share of actor, target and place right over the
// matched events (the three counted alike).
func (s *Score) Arguments() float64 {
	return ratio(s.ActorRight+s.TargetRight+s.PlaceRight, 3*s.Matched)
}

// Dates is the share of matched events whose date is right.
func (s *Score) Dates() float64 { return ratio(s.DateRight, s.Matched) }

// Quotes are the counts of quotes: gold, predicted, and matched.
func (s *Score) Quotes() metric.Counts {
	return metric.Counts{Correct: s.QuotesMatched, Predicted: s.PredQuotes, Gold: s.GoldQuotes}
}

// anyName reports whether name is one of names (as sameName has it).
func anyName(name string, names []string) bool {
	for _, n := range names {
		if sameName(name, n) {
			return true
		}
	}
	return false
}

func intText(n *int) string {
	if n == nil {
		return "null"
	}
	return fmt.Sprint(*n)
}

func argText(a *document.Argument) string {
	if a == nil {
		return ""
	}
	return a.Text
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// sameName reports whether two names share their text, one inside the other.
func sameName(a, b string) bool {
	return a != "" && b != "" && (strings.Contains(a, b) || strings.Contains(b, a))
}

func argRight(text string, pred *document.Argument, gold, canonical *string, occ int) bool {
	if pred == nil || gold == nil {
		return pred == nil && gold == nil
	}
	return sameName(pred.Text, *gold) || canonical != nil && sameName(pred.Canonical, *canonical)
}

func placeRight(text string, d *document.Document, pred *string, gold *string, occ int) bool {
	if pred == nil || gold == nil {
		return pred == nil && gold == nil
	}
	g0, g1, ok := locate(text, *gold, occ)
	for _, p := range d.Places {
		if p.ID != *pred {
			continue
		}
		for _, id := range p.Mentions {
			for _, e := range d.Entities {
				if e.ID != id {
					continue
				}
				if ok && overlaps(e.Start, e.End, g0, g1) || sameName(e.Text, *gold) {
					return true
				}
			}
		}
	}
	return false
}

// dateRight compares dates; a gold week accepts any day of that week.
func dateRight(pred, gold, precision *string) bool {
	if pred == nil || gold == nil {
		return pred == nil && gold == nil
	}
	if *pred == *gold {
		return true
	}
	if deref(precision) == "week" {
		g, err1 := time.Parse(time.DateOnly, *gold)
		p, err2 := time.Parse(time.DateOnly, *pred)
		return err1 == nil && err2 == nil && !p.Before(g) && p.Before(g.AddDate(0, 0, 7))
	}
	return false
}

var (
	ratio = metric.Ratio
	f1    = metric.F1
)

// Events are the counts of events: gold, predicted, and matched.
func (s *Score) Events() metric.Counts {
	return metric.Counts{Correct: s.Matched, Predicted: s.Predicted, Gold: s.Gold}
}

// Precision is the share of predicted events that match a gold one.
func (s *Score) Precision() float64 { return s.Events().Precision() }

// Recall is the share of gold events found.
func (s *Score) Recall() float64 { return s.Events().Recall() }

// F1 is the harmonic mean of Precision and Recall.
func (s *Score) F1() float64 { return s.Events().F1() }

// Write prints the figures; the last line is
// "overall precision=P recall=R f1=F" for events.
func (s *Score) Write(w io.Writer, verbose bool) error {
	var b strings.Builder
	if verbose {
		for _, m := range s.Missed {
			fmt.Fprintf(&b, "missed   %s\n", m)
		}
		for _, m := range s.Spurious {
			fmt.Fprintf(&b, "spurious %s\n", m)
		}
		for _, m := range s.Wrong {
			fmt.Fprintf(&b, "wrong    %s\n", m)
		}
		for _, m := range s.MissedQuotes {
			fmt.Fprintf(&b, "missed   quote %s\n", m)
		}
		for _, m := range s.SpuriousQuotes {
			fmt.Fprintf(&b, "spurious quote %s\n", m)
		}
	}
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := s.ByType[t]
		fmt.Fprintf(&b, "type %-9s gold=%d predicted=%d matched=%d precision=%.3f recall=%.3f f1=%.3f\n",
			t, c.Gold, c.Predicted, c.Correct, c.Precision(), c.Recall(), c.F1())
	}
	fmt.Fprintf(&b, "events: gold=%d predicted=%d matched=%d\n", s.Gold, s.Predicted, s.Matched)
	fmt.Fprintf(&b, "arguments (over matched events): actor=%.3f target=%.3f place=%.3f mode=%.3f all=%.3f\n",
		ratio(s.ActorRight, s.Matched), ratio(s.TargetRight, s.Matched), ratio(s.PlaceRight, s.Matched), ratio(s.ModeRight, s.Matched), s.Arguments())
	fmt.Fprintf(&b, "acled accuracy=%.3f\n", ratio(s.ACLEDRight, s.Matched))
	fmt.Fprintf(&b, "fatalities accuracy=%.3f\n", ratio(s.FatalitiesRight, s.Matched))
	fmt.Fprintf(&b, "date accuracy=%.3f\n", ratio(s.DateRight, s.Matched))
	fmt.Fprintf(&b, "modality accuracy=%.3f\n", ratio(s.ModalityRight, s.Matched))
	qp, qr := ratio(s.QuotesMatched, s.PredQuotes), ratio(s.QuotesMatched, s.GoldQuotes)
	fmt.Fprintf(&b, "quotes: gold=%d predicted=%d matched=%d precision=%.3f recall=%.3f f1=%.3f\n",
		s.GoldQuotes, s.PredQuotes, s.QuotesMatched, qp, qr, f1(qp, qr))
	fmt.Fprintln(&b, s.Events().Overall())
	_, err := io.WriteString(w, b.String())
	return err
}
