package events_test

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/events"
	"github.com/rasad/rasad/internal/shared"
)

var show = flag.String("gold.show", "", "print the tokens, entities, places and events of the gold article (written or real) with this `id` beside the gold events")

// TestShowGold is a reading aid, not a check: with -gold.show=g05 (or the
// id of a real article, eg13-07955) it prints what the pipeline and the
// coder make of one gold article.
func TestShowGold(t *testing.T) {
	id := *show
	if id == "" {
		t.Skip("no -gold.show id")
	}
	gold, _ := events.LoadGold("testdata/gold")
	for i := range gold {
		if g := &gold[i]; g.ID == id {
			printShown(g, process(t, g.Text, g.Published, g.Title))
			return
		}
	}
	arts, err := events.LoadReal("testdata/real", "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range arts {
		a := &arts[i]
		if a.ID != id {
			continue
		}
		records, err := events.ReadRecords(context.Background(), shared.Root(), arts[i:i+1])
		if err != nil {
			t.Fatal(err)
		}
		rec := records[a.Corpus+"#"+a.ID]
		p, _ := loaded()
		d, err := p.Process(rec)
		if err != nil {
			t.Fatal(err)
		}
		g, err := a.Resolve(rec.Text, d.Text, deref(d.Published))
		if err != nil {
			t.Fatal(err)
		}
		printShown(g, d)
		return
	}
	t.Fatalf("no gold article %q", id)
}

func printShown(g *events.GoldArticle, d *document.Document) {
	for _, tk := range d.Tokens {
		fmt.Printf("%s|%s|%s ", d.Text[tk.Start:tk.End], tk.Prefix, tk.Norm)
	}
	fmt.Println()
	for _, e := range d.Entities {
		fmt.Println(" ent", e.ID, e.Type, e.Text, e.Canonical, e.KB)
	}
	for _, p := range d.Places {
		fmt.Println(" place", p.ID, p.Name, p.Mentions)
	}
	for _, e := range d.Events {
		fmt.Printf("PRED %s/%s %q actor=%v target=%v part=%v place=%v date=%v %v mod=%s fat=%v\n", e.Type, e.Mode, e.Trigger.Text, e.Actor, e.Target, e.Participants, deref(e.Place), deref(e.Date), deref(e.DateText), e.Modality, e.Fatalities)
	}
	for _, e := range g.Events {
		fmt.Printf("GOLD %s/%s %q actor=%s target=%s part=%v place=%s date=%s mod=%s\n", e.Type, deref(e.Mode), e.Trigger, deref(e.Actor), deref(e.Target), strings.Join(e.Participants, ","), deref(e.Place), deref(e.Date), e.Modality)
	}
}

func deref(s *string) string {
	if s == nil {
		return "nil"
	}
	return *s
}
