package events_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
)

// testCase is one block of testdata/cases.txt.
type testCase struct {
	line            int
	text, published string
	events          []wantEvent
}

type wantEvent struct {
	typ, mode, trigger string
	fields             map[string]string
}

func readCases(t *testing.T, path string) []testCase {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		key, value, ok := strings.Cut(l, ": ")
		if !ok {
			t.Fatalf("%s:%d: want KEY: VALUE", path, i+1)
		}
		switch key {
		case "text":
			cases = append(cases, testCase{line: i + 1, text: value})
		case "published":
			cases[len(cases)-1].published = value
		case "event":
			w, err := parseWant(value)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i+1, err)
			}
			cases[len(cases)-1].events = append(cases[len(cases)-1].events, w)
		default:
			t.Fatalf("%s:%d: unknown key %q", path, i+1, key)
		}
	}
	return cases
}

func parseWant(s string) (wantEvent, error) {
	head, rest, ok := strings.Cut(s, " «")
	trigger, rest, ok2 := strings.Cut(rest, "»")
	typ, mode, ok3 := strings.Cut(head, "/")
	if !ok || !ok2 || !ok3 {
		return wantEvent{}, fmt.Errorf("want TYPE/mode «trigger» key=value …, have %q", s)
	}
	if mode == "-" {
		mode = ""
	}
	w := wantEvent{typ: typ, mode: mode, trigger: trigger, fields: map[string]string{}}
	for _, kv := range strings.Fields(rest) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return w, fmt.Errorf("want key=value, have %q", kv)
		}
		w.fields[k] = v
	}
	return w, nil
}

func TestCases(t *testing.T) {
	for _, tc := range readCases(t, "testdata/cases.txt") {
		t.Run(fmt.Sprintf("line%d", tc.line), func(t *testing.T) {
			d := process(t, tc.text, tc.published, "")
			if len(d.Events) != len(tc.events) {
				t.Fatalf("%s\n%d events, want %d: %s", tc.text, len(d.Events), len(tc.events), describe(d.Events))
			}
			for k, w := range tc.events {
				checkEvent(t, d, d.Events[k], w)
			}
		})
	}
}

func checkEvent(t *testing.T, d *document.Document, e document.Event, w wantEvent) {
	t.Helper()
	text := d.Text
	if e.Type != w.typ || e.Mode != w.mode {
		t.Errorf("event %q is %s/%s, want %s/%s", e.Trigger.Text, e.Type, e.Mode, w.typ, w.mode)
	}
	start := strings.Index(text, w.trigger)
	if e.Trigger.Start != start || e.Trigger.End != start+len(w.trigger) || e.Trigger.Text != w.trigger {
		t.Errorf("trigger %+v, want %q at [%d, %d)", e.Trigger, w.trigger, start, start+len(w.trigger))
	}
	for k, v := range w.fields {
		var have string
		switch k {
		case "modality":
			have = e.Modality
		case "acled":
			have = "-"
			if e.ACLED != nil {
				have = strings.ReplaceAll(e.ACLED.EventType+":"+e.ACLED.SubEventType, " ", "_")
			}
		case "date":
			have = orDash(e.Date)
		case "place":
			// The name of the place the event's place id stands for.
			have = "-"
			for _, p := range d.Places {
				if e.Place != nil && p.ID == *e.Place {
					have = p.Name
				}
			}
		case "fatalities":
			have = "-"
			if e.Fatalities != nil {
				have = strconv.Itoa(*e.Fatalities)
			}
		case "actor", "target":
			arg := e.Actor
			if k == "target" {
				arg = e.Target
			}
			have = "-"
			if arg != nil {
				have = arg.Text
			}
			if v != "-" && strings.Contains(have, v) {
				continue
			}
		default:
			t.Fatalf("unknown key %q", k)
		}
		if have != v {
			t.Errorf("event %q: %s is %s, want %s", e.Trigger.Text, k, have, v)
		}
	}
}

func orDash(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func describe(es []document.Event) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%s/%s «%s» %s; ", e.Type, e.Mode, e.Trigger.Text, e.Modality)
	}
	return b.String()
}
