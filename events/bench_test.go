package events_test

import (
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/events"
)

// BenchmarkCode codes the gold articles (already through the pipeline)
// and reports words per second; it checks that every article still yields
// the events it yielded before timing.
func BenchmarkCode(b *testing.B) {
	gold, err := events.LoadGold("testdata/gold")
	if err != nil {
		b.Fatal(err)
	}
	_, coder := loaded()
	docs := make([]*document.Document, len(gold))
	want := make([]int, len(gold))
	words := 0
	for i := range gold {
		d := process(b, gold[i].Text, gold[i].Published, gold[i].Title)
		want[i] = len(d.Events)
		d.Events = d.Events[:0]
		docs[i] = d
		words += len(strings.Fields(d.Text))
	}
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			d.Events = d.Events[:0]
			coder.Code(d)
			if len(d.Events) != want[i] {
				b.Fatalf("%s: %d events, want %d", gold[i].ID, len(d.Events), want[i])
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
