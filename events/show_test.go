package events_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/rasad/rasad/events"
)

var show = flag.String("gold.show", "", "print the tokens, entities, places and events of the gold article with this `id` beside the gold events")

// TestShowGold is a reading aid, not a check: with -gold.show=g05 it prints
// what the pipeline and the coder make of one gold article.
func TestShowGold(t *testing.T) {
	id := *show
	if id == "" {
		t.Skip("no -gold.show id")
	}
	gold, _ := events.LoadGold("testdata/gold")
	for i := range gold {
		g := &gold[i]
		if g.ID != id {
			continue
		}
		d := process(t, g.Text, g.Published, g.Title)
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
}

func deref(s *string) string {
	if s == nil {
		return "nil"
	}
	return *s
}
