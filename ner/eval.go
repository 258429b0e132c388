package ner

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/rasad/rasad/internal/metric"
)

// Counts are the entity-level tallies of one type: an entity is correct
// only when both its span and its type match the gold entity.
type Counts = metric.Counts

// Scores are the result of comparing predicted tags with gold tags, the
// CoNLL way (conlleval's reading of chunks).
type Scores struct {
	PerType map[string]*Counts
	// Confusion counts gold entities against predictions: Confusion[g][p]
	// is how many gold entities of type g were predicted with the same
	// span as type p; the type "O" stands for no entity with that span.
	Confusion map[string]map[string]int
	// Boundary counts gold entities that a prediction of the same type
	// overlaps without matching its span.
	Boundary int
}

// Overall sums the counts of every type.
func (s *Scores) Overall() Counts {
	var c Counts
	for _, t := range s.PerType {
		c.Correct += t.Correct
		c.Predicted += t.Predicted
		c.Gold += t.Gold
	}
	return c
}

// Evaluate scores predicted BIO tags (one slice per sentence) against the
// gold tags of sents.
func Evaluate(sents []Sentence, predicted [][]string) *Scores {
	s := &Scores{PerType: map[string]*Counts{}, Confusion: map[string]map[string]int{}}
	count := func(t string) *Counts {
		if s.PerType[t] == nil {
			s.PerType[t] = &Counts{}
		}
		return s.PerType[t]
	}
	confuse := func(g, p string) {
		if s.Confusion[g] == nil {
			s.Confusion[g] = map[string]int{}
		}
		s.Confusion[g][p]++
	}
	for i, sent := range sents {
		gold, pred := Chunks(sent.Tags), Chunks(predicted[i])
		predAt := map[[2]int]string{}
		for _, p := range pred {
			count(p.Type).Predicted++
			predAt[[2]int{p.Start, p.End}] = p.Type
		}
		goldAt := map[[2]int]bool{}
		for _, g := range gold {
			count(g.Type).Gold++
			goldAt[[2]int{g.Start, g.End}] = true
			pt, ok := predAt[[2]int{g.Start, g.End}]
			switch {
			case ok && pt == g.Type:
				count(g.Type).Correct++
				confuse(g.Type, pt)
			case ok:
				confuse(g.Type, pt)
			default:
				confuse(g.Type, "O")
				for _, p := range pred {
					if p.Type == g.Type && p.Start < g.End && g.Start < p.End {
						s.Boundary++
						break
					}
				}
			}
		}
		for _, p := range pred {
			if !goldAt[[2]int{p.Start, p.End}] {
				confuse("O", p.Type)
			}
		}
	}
	return s
}

// Write prints the scores per type, the confusion between types, and as
// its last line "overall precision=P recall=R f1=F".
func (s *Scores) Write(w io.Writer) error {
	types := make([]string, 0, len(s.PerType))
	for t := range s.PerType {
		types = append(types, t)
	}
	slices.SortFunc(types, func(a, b string) int { return cmp.Or(typeOrder(a)-typeOrder(b), strings.Compare(a, b)) })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\tprecision\trecall\tf1\tgold\tpredicted\tcorrect\t")
	for _, t := range types {
		c := s.PerType[t]
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%d\t%d\t%d\t\n", t, c.Precision(), c.Recall(), c.F1(), c.Gold, c.Predicted, c.Correct)
	}
	o := s.Overall()
	fmt.Fprintf(tw, "all\t%.4f\t%.4f\t%.4f\t%d\t%d\t%d\t\n", o.Precision(), o.Recall(), o.F1(), o.Gold, o.Predicted, o.Correct)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "confusion (rows gold, columns predicted with the same span; O = no entity there):")
	cols := append(slices.Clone(types), "O")
	fmt.Fprint(tw, "gold\\pred\t")
	for _, c := range cols {
		fmt.Fprintf(tw, "%s\t", c)
	}
	fmt.Fprintln(tw)
	for _, g := range cols {
		fmt.Fprintf(tw, "%s\t", g)
		for _, p := range cols {
			if g == "O" && p == "O" {
				fmt.Fprint(tw, "-\t")
				continue
			}
			fmt.Fprintf(tw, "%d\t", s.Confusion[g][p])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "gold entities overlapped by a prediction of their type with other bounds: %d\n", s.Boundary)
	_, err := fmt.Fprintln(w, o.Overall())
	return err
}

func typeOrder(t string) int {
	if i := slices.Index(defaultTypes, t); i >= 0 {
		return i
	}
	return len(defaultTypes)
}
