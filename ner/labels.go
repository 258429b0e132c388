package ner

import "fmt"

// labelSet numbers the per-token labels of a BILOU encoding of entity
// chunks: label 0 is O, then B, I, L, U for each type in turn. BILOU tells
// the tagger where a name ends, which a linear model cannot learn from BIO.
type labelSet struct {
	types []string
	// allowed[from*n+to] says whether label to may follow label from;
	// from == n is the start of the sentence, to == n its end.
	allowed []bool
	// preds[to] lists the labels that may come before label to.
	preds [][]int32
}

// Positions of a label inside its type's block.
const (
	posB = iota
	posI
	posL
	posU
	perType
)

func newLabelSet(types []string) *labelSet {
	ls := &labelSet{types: types}
	n := ls.n()
	ls.allowed = make([]bool, (n+1)*(n+1))
	for from := 0; from <= n; from++ {
		for to := 0; to <= n; to++ {
			ls.allowed[from*(n+1)+to] = ls.canFollow(from, to)
		}
	}
	ls.preds = make([][]int32, n)
	for to := 0; to < n; to++ {
		for from := 0; from < n; from++ {
			if ls.allowed[from*(n+1)+to] {
				ls.preds[to] = append(ls.preds[to], int32(from))
			}
		}
	}
	return ls
}

// n is the number of labels.
func (ls *labelSet) n() int { return 1 + perType*len(ls.types) }

func (ls *labelSet) label(typ, pos int) int { return 1 + typ*perType + pos }

// split returns a label's type index and position; ok is false for O.
func (ls *labelSet) split(l int) (typ, pos int, ok bool) {
	if l == 0 || l >= ls.n() {
		return 0, 0, false
	}
	return (l - 1) / perType, (l - 1) % perType, true
}

func (ls *labelSet) canFollow(from, to int) bool {
	n := ls.n()
	// What may come next depends on whether from leaves an entity open.
	ft, fp, fok := ls.split(from)
	open := fok && from < n && (fp == posB || fp == posI)
	if to == n { // end of sentence
		return !open
	}
	tt, tp, tok := ls.split(to)
	if open {
		return tok && tt == ft && (tp == posI || tp == posL)
	}
	return !tok || tp == posB || tp == posU
}

func (ls *labelSet) String(l int) string {
	t, p, ok := ls.split(l)
	if !ok {
		return "O"
	}
	return fmt.Sprintf("%c-%s", "BILU"[p], ls.types[t])
}

func (ls *labelSet) typeIndex(typ string) int {
	for i, t := range ls.types {
		if t == typ {
			return i
		}
	}
	return -1
}

// encode turns entity chunks into a label sequence of length n; chunks of
// unknown types are left as O.
func (ls *labelSet) encode(chunks []Chunk, n int) []int {
	out := make([]int, n)
	for _, c := range chunks {
		t := ls.typeIndex(c.Type)
		if t < 0 {
			continue
		}
		if c.End-c.Start == 1 {
			out[c.Start] = ls.label(t, posU)
			continue
		}
		out[c.Start] = ls.label(t, posB)
		for i := c.Start + 1; i < c.End-1; i++ {
			out[i] = ls.label(t, posI)
		}
		out[c.End-1] = ls.label(t, posL)
	}
	return out
}

// decode reads chunks out of a label sequence. Sequences from Viterbi are
// always well formed; for others a chunk is closed wherever its type or
// shape breaks, so no label is lost.
func (ls *labelSet) decode(labels []int) []Chunk {
	var out []Chunk
	open := false
	for i, l := range labels {
		t, p, ok := ls.split(l)
		if !ok {
			open = false
			continue
		}
		typ := ls.types[t]
		cont := open && out[len(out)-1].Type == typ && (p == posI || p == posL)
		if cont {
			out[len(out)-1].End = i + 1
		} else {
			out = append(out, Chunk{Start: i, End: i + 1, Type: typ})
		}
		open = p == posB || p == posI
	}
	return out
}
