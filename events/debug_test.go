package events_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rasad/rasad/events"
)

func TestDebug(t *testing.T) {
	id := os.Getenv("GOLD_ID")
	if id == "" {
		t.Skip()
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
