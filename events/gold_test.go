package events_test

import (
	"flag"
	"os"
	"sync"
	"testing"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/events"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
)

var verbose = flag.Bool("gold.verbose", false, "print missed and spurious gold events")

// The pipeline and coder are loaded once for all the tests of the package.
var loaded = sync.OnceValues(func() (*pipeline.Pipeline, *events.Coder) {
	p, err := pipeline.New(pipeline.Options{Workers: 1})
	if err != nil {
		panic(err)
	}
	list, err := actors.Load()
	if err != nil {
		panic(err)
	}
	c, err := events.New(list)
	if err != nil {
		panic(err)
	}
	return p, c
})

// process runs the extract pipeline and the coder over a text.
func process(t testing.TB, text, published, title string) *document.Document {
	t.Helper()
	p, c := loaded()
	d, err := p.Process(&read.Article{Text: text, Published: published, Title: title})
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != text {
		t.Fatalf("the cleaner changed the text:\n%q\n%q", text, d.Text)
	}
	if len(d.Events) == 0 {
		c.Code(d)
	}
	return d
}

// TestGold scores the coder on the gold set; the floors are what it
// reaches, so that a change that loses events fails.
func TestGold(t *testing.T) {
	gold, err := events.LoadGold("testdata/gold")
	if err != nil {
		t.Fatal(err)
	}
	var s events.Score
	for i := range gold {
		g := &gold[i]
		d := process(t, g.Text, g.Published, g.Title)
		s.Add(g, d)
	}
	if err := s.Write(os.Stdout, *verbose); err != nil {
		t.Fatal(err)
	}
	const minPrecision, minRecall = 0.80, 0.93
	if s.Precision() < minPrecision || s.Recall() < minRecall {
		t.Errorf("precision %.3f recall %.3f, below the floors %.2f %.2f", s.Precision(), s.Recall(), minPrecision, minRecall)
	}
}
