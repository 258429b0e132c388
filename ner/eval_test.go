package ner

import (
	"bytes"
	"strings"
	"testing"
)

func TestEvaluate(t *testing.T) {
	gold := []Sentence{
		{Tokens: make([]string, 6), Tags: []string{"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"}},
		{Tokens: make([]string, 3), Tags: []string{"B-MISC", "O", "I-LOC"}},
	}
	pred := [][]string{
		{"B-PER", "I-PER", "O", "B-ORG", "O", "O"}, // PER right, LOC as ORG, ORG missed
		{"B-MISC", "B-PER", "B-LOC"},               // MISC right, PER spurious, stray-I LOC right
	}
	s := Evaluate(gold, pred)
	o := s.Overall()
	if o.Correct != 3 || o.Predicted != 5 || o.Gold != 5 {
		t.Errorf("overall = %+v, want 3 correct of 5 predicted, 5 gold", o)
	}
	if c := s.PerType["LOC"]; c.Correct != 1 || c.Gold != 2 || c.Predicted != 1 {
		t.Errorf("LOC = %+v", c)
	}
	if s.Confusion["LOC"]["ORG"] != 1 || s.Confusion["ORG"]["O"] != 1 || s.Confusion["O"]["PER"] != 1 {
		t.Errorf("confusion = %v", s.Confusion)
	}
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if want := "overall precision=0.6000 recall=0.6000 f1=0.6000"; lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}
}
