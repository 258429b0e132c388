package ner

import (
	"reflect"
	"testing"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want []Chunk
	}{
		{"plain", []string{"B-PER", "I-PER", "O", "B-LOC"}, []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"adjacent", []string{"B-LOC", "B-LOC", "I-LOC"}, []Chunk{{0, 1, "LOC"}, {1, 3, "LOC"}}},
		// conlleval: a stray I- starts an entity.
		{"stray I", []string{"O", "I-ORG", "I-ORG", "O"}, []Chunk{{1, 3, "ORG"}}},
		{"type change", []string{"B-PER", "I-LOC"}, []Chunk{{0, 1, "PER"}, {1, 2, "LOC"}}},
		{"none", []string{"O", "O"}, nil},
	}
	for _, tt := range tests {
		if got := Chunks(tt.tags); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Chunks(%v) = %v, want %v", tt.name, tt.tags, got, tt.want)
		}
	}
}

func TestLabelsRoundTrip(t *testing.T) {
	ls := newLabelSet(defaultTypes)
	chunks := []Chunk{{0, 1, "PER"}, {2, 5, "ORG"}, {5, 7, "LOC"}, {8, 9, "MISC"}}
	labels := ls.encode(chunks, 10)
	want := []string{"U-PER", "O", "B-ORG", "I-ORG", "L-ORG", "B-LOC", "L-LOC", "O", "U-MISC", "O"}
	for i, l := range labels {
		if ls.String(l) != want[i] {
			t.Errorf("label %d = %s, want %s", i, ls.String(l), want[i])
		}
	}
	if got := ls.decode(labels); !reflect.DeepEqual(got, chunks) {
		t.Errorf("decode(encode) = %v, want %v", got, chunks)
	}
}

func TestLabelsAllowed(t *testing.T) {
	ls := newLabelSet(defaultTypes)
	n := ls.n()
	start, end := n, n
	per := func(pos int) int { return ls.label(0, pos) }
	loc := func(pos int) int { return ls.label(1, pos) }
	tests := []struct {
		from, to int
		want     bool
	}{
		{start, 0, true},
		{start, per(posB), true},
		{start, per(posI), false},
		{start, per(posL), false},
		{per(posB), per(posI), true},
		{per(posB), per(posL), true},
		{per(posB), loc(posL), false},
		{per(posB), 0, false},
		{per(posB), end, false},
		{per(posL), 0, true},
		{per(posU), loc(posB), true},
		{per(posU), per(posI), false},
		{0, end, true},
		{per(posI), end, false},
	}
	for _, tt := range tests {
		if got := ls.allowed[tt.from*(n+1)+tt.to]; got != tt.want {
			t.Errorf("%d → %d allowed = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

// A broken label sequence (as a hand-edited one could be) still decodes
// into chunks, closing each where it breaks.
func TestDecodeRepairs(t *testing.T) {
	ls := newLabelSet(defaultTypes)
	labels := []int{ls.label(0, posI), ls.label(0, posL), 0, ls.label(1, posB), ls.label(2, posL), ls.label(1, posI)}
	want := []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "ORG"}, {5, 6, "LOC"}}
	if got := ls.decode(labels); !reflect.DeepEqual(got, want) {
		t.Errorf("decode = %v, want %v", got, want)
	}
}
