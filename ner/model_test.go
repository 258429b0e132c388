package ner

import (
	"math"
	"math/rand/v2"
	"testing"
)

// bruteForce scores every allowed label sequence of length T.
func bruteForce(m *model, em []float32, T int, visit func(seq []int, score float64)) {
	n := m.labels.n()
	seq := make([]int, T)
	var rec func(t int)
	rec = func(t int) {
		if t == T {
			s, prev := 0.0, n
			for i, l := range seq {
				if !m.labels.allowed[prev*(n+1)+l] {
					return
				}
				s += float64(m.trans[prev*(n+1)+l] + em[i*n+l])
				prev = l
			}
			if !m.labels.allowed[prev*(n+1)+n] {
				return
			}
			visit(seq, s+float64(m.trans[prev*(n+1)+n]))
			return
		}
		for l := 0; l < n; l++ {
			seq[t] = l
			rec(t + 1)
		}
	}
	rec(0)
}

func randomModel(r *rand.Rand, types []string, T int) (*model, []float32) {
	m := newModel(newLabelSet(types), 10)
	for i := range m.trans {
		m.trans[i] = float32(r.NormFloat64())
	}
	n := m.labels.n()
	em := make([]float32, T*n)
	for i := range em {
		em[i] = float32(2 * r.NormFloat64())
	}
	return m, em
}

func TestViterbiMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 20; trial++ {
		T := 1 + trial%4
		m, em := randomModel(r, []string{"PER", "LOC"}, T)
		n := m.labels.n()
		path := make([]int, T)
		got := m.viterbi(em, path, make([]int32, T*n))
		best := math.Inf(-1)
		var bestSeq []int
		bruteForce(m, em, T, func(seq []int, s float64) {
			if s > best {
				best, bestSeq = s, append([]int(nil), seq...)
			}
		})
		if math.Abs(float64(got)-best) > 1e-4 {
			t.Fatalf("trial %d: viterbi score %v, brute force %v", trial, got, best)
		}
		for i := range path {
			if path[i] != bestSeq[i] {
				t.Fatalf("trial %d: viterbi path %v, brute force %v", trial, path, bestSeq)
			}
		}
	}
}

func TestMarginalsMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 10; trial++ {
		T := 1 + trial%3
		m, em := randomModel(r, []string{"PER", "LOC"}, T)
		n := m.labels.n()
		temp := 1 + float64(trial%3) // 1, 2, 3
		got := make([]float64, T*n)
		m.marginals(em, T, temp, got)
		want := make([]float64, T*n)
		z := 0.0
		bruteForce(m, em, T, func(seq []int, s float64) {
			p := math.Exp(s / temp)
			z += p
			for i, l := range seq {
				want[i*n+l] += p
			}
		})
		for i := range want {
			if math.Abs(got[i]-want[i]/z) > 1e-4 {
				t.Fatalf("trial %d: marginal %d = %v, brute force %v", trial, i, got[i], want[i]/z)
			}
		}
	}
}
