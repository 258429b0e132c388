package events_test

import (
	"context"
	"os"
	"sort"
	"testing"

	"github.com/rasad/rasad/events"
	"github.com/rasad/rasad/internal/shared"
)

// realFloors are the figures the coder reaches on the real articles of
// testdata/real, per split (tune: the articles the coder was improved on;
// heldout: scored only at the end), so that a change that loses events,
// arguments, dates or quotes fails. BENCHMARKS.md reports them.
var realFloors = map[string]struct{ events, arguments, dates, quotes float64 }{
	"tune":    {events: 0.80, arguments: 0.61, dates: 0.94, quotes: 0.95},
	"heldout": {events: 0.55, arguments: 0.46, dates: 0.71, quotes: 0.76},
}

// TestRealGold runs the pipeline on the annotated records of the shared
// corpora and scores it like the written gold.
func TestRealGold(t *testing.T) {
	for _, corpus := range []string{"news-saudinewsnet/articles.jsonl.gz", "news-egypt2013/articles.jsonl.gz"} {
		shared.Path(t, corpus)
	}
	arts, err := events.LoadReal("testdata/real", "")
	if err != nil {
		t.Fatal(err)
	}
	records, err := events.ReadRecords(context.Background(), shared.Root(), arts)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := loaded()
	scores := map[string]*events.Score{}
	for i := range arts {
		a := &arts[i]
		rec := records[a.Corpus+"#"+a.ID]
		d, err := p.Process(rec)
		if err != nil {
			t.Fatal(err)
		}
		published := ""
		if d.Published != nil {
			published = *d.Published
		}
		g, err := a.Resolve(rec.Text, d.Text, published)
		if err != nil {
			t.Fatal(err)
		}
		if scores[a.Split] == nil {
			scores[a.Split] = &events.Score{}
		}
		scores[a.Split].Add(g, d)
	}
	splits := make([]string, 0, len(scores))
	for s := range scores {
		splits = append(splits, s)
	}
	sort.Strings(splits)
	for _, split := range splits {
		s := scores[split]
		t.Logf("split %s", split)
		if *verbose {
			if err := s.Write(os.Stdout, true); err != nil {
				t.Fatal(err)
			}
		}
		floor, ok := realFloors[split]
		if !ok {
			t.Errorf("split %q has no floors", split)
			continue
		}
		got := struct{ events, arguments, dates, quotes float64 }{s.F1(), s.Arguments(), s.Dates(), s.Quotes().F1()}
		t.Logf("%s: events F1 %.3f, arguments %.3f, dates %.3f, quotes F1 %.3f", split, got.events, got.arguments, got.dates, got.quotes)
		if got.events < floor.events || got.arguments < floor.arguments || got.dates < floor.dates || got.quotes < floor.quotes {
			t.Errorf("%s: events F1 %.3f, arguments %.3f, dates %.3f, quotes F1 %.3f; below the floors %+v", split, got.events, got.arguments, got.dates, got.quotes, floor)
		}
	}
}

// TestResolveCarriesSpans checks that spans into the stored content reach
// the same words of a cleaned text with other spaces and a dropped line.
func TestResolveCarriesSpans(t *testing.T) {
	content := " غارة  جوية على\u00a0سرت.\nشاهد الفيديو\nوقال المتحدث إن الطائرات قصفت مواقع."
	text := "غارة جوية على سرت.\nوقال المتحدث إن الطائرات قصفت مواقع."
	span := func(s string, n int) events.Span {
		from := 0
		for ; n > 1; n-- {
			from += len(s) + indexFrom(content[from:], s)
		}
		i := from + indexFrom(content[from:], s)
		return events.Span{i, i + len(s)}
	}
	trig := span("قصفت", 1)
	place := span("سرت", 1)
	a := events.RealArticle{ID: "x", Where: "test",
		Events: []events.RealEvent{{Type: "ASSAULT", Trigger: trig, Place: &place, Modality: "asserted"}},
		Quotes: []events.RealQuote{{Speaker: span("المتحدث", 1), Content: span("الطائرات قصفت مواقع", 1)}}}
	g, err := a.Resolve(content, text, "2025-01-02")
	if err != nil {
		t.Fatal(err)
	}
	if g.Events[0].Trigger != "قصفت" || *g.Events[0].Place != "سرت" || g.Quotes[0].Content != "الطائرات قصفت مواقع" || g.Quotes[0].Speaker != "المتحدث" {
		t.Errorf("resolved %+v %+v", g.Events[0], g.Quotes[0])
	}
	// A span of the dropped line cannot be scored.
	lost := span("الفيديو", 1)
	a.Events[0].Trigger = lost
	if _, err := a.Resolve(content, text, "2025-01-02"); err == nil {
		t.Error("a span of removed text resolved")
	}
	// A span that cuts a letter in two is refused.
	a.Events[0].Trigger = events.Span{trig[0] + 1, trig[1]}
	if _, err := a.Resolve(content, text, "2025-01-02"); err == nil {
		t.Error("a span inside a letter resolved")
	}
}

func indexFrom(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
