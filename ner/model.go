package ner

import "math"

// model is a first-order linear chain over BILOU labels: one row of label
// weights per feature hash bucket, and label-to-label transition weights.
type model struct {
	labels *labelSet
	bits   uint
	w      []float32 // (1<<bits) rows of labels.n() weights
	trans  []float32 // (n+1)*(n+1): from (n = start) → to (n = end)
}

func newModel(labels *labelSet, bits uint) *model {
	n := labels.n()
	return &model{
		labels: labels,
		bits:   bits,
		w:      make([]float32, (1<<bits)*n),
		trans:  make([]float32, (n+1)*(n+1)),
	}
}

func (m *model) bucket(h uint64) uint32 { return uint32(h >> (64 - m.bits)) }

// emissions writes the label scores of one token, whose feature buckets are
// given, into out[:n].
func (m *model) emissions(buckets []uint32, out []float32) {
	n := m.labels.n()
	out = out[:n]
	clear(out)
	for _, b := range buckets {
		row := m.w[int(b)*n : int(b)*n+n]
		for l := range out {
			out[l] += row[l]
		}
	}
}

var negInf = float32(math.Inf(-1))

// viterbi finds the best allowed label sequence for emission scores em
// (len(path) tokens × n labels) and writes it to path. back is scratch of
// the same size as em.
func (m *model) viterbi(em []float32, path []int, back []int32) float32 {
	n := m.labels.n()
	T := len(path)
	if T == 0 {
		return 0
	}
	allowed := m.labels.allowed
	var prevBuf, curBuf [64]float32
	prev, cur := prevBuf[:n], curBuf[:n]
	for l := 0; l < n; l++ {
		if allowed[n*(n+1)+l] {
			prev[l] = m.trans[n*(n+1)+l] + em[l]
		} else {
			prev[l] = negInf
		}
	}
	for t := 1; t < T; t++ {
		e := em[t*n : t*n+n]
		for to := 0; to < n; to++ {
			best, arg := negInf, int32(0)
			for from := 0; from < n; from++ {
				if !allowed[from*(n+1)+to] || prev[from] == negInf {
					continue
				}
				if s := prev[from] + m.trans[from*(n+1)+to]; s > best {
					best, arg = s, int32(from)
				}
			}
			cur[to] = best + e[to]
			back[t*n+to] = arg
		}
		prev, cur = cur, prev
	}
	best, arg := negInf, 0
	for l := 0; l < n; l++ {
		if !allowed[l*(n+1)+n] || prev[l] == negInf {
			continue
		}
		if s := prev[l] + m.trans[l*(n+1)+n]; s > best {
			best, arg = s, l
		}
	}
	path[T-1] = arg
	for t := T - 1; t > 0; t-- {
		path[t-1] = int(back[t*n+path[t]])
	}
	return best
}

// marginals computes, by forward-backward over the scores taken as
// log-potentials, each token's probability of each label, into out
// (T×n). It gives the tagger's confidence in an entity.
func (m *model) marginals(em []float32, T int, out []float64) {
	n := m.labels.n()
	allowed := m.labels.allowed
	alpha := make([]float64, T*n)
	beta := make([]float64, T*n)
	logsum := func(xs []float64) float64 {
		mx := math.Inf(-1)
		for _, x := range xs {
			mx = math.Max(mx, x)
		}
		if math.IsInf(mx, -1) {
			return mx
		}
		s := 0.0
		for _, x := range xs {
			s += math.Exp(x - mx)
		}
		return mx + math.Log(s)
	}
	tmp := make([]float64, n)
	for l := 0; l < n; l++ {
		alpha[l] = math.Inf(-1)
		if allowed[n*(n+1)+l] {
			alpha[l] = float64(m.trans[n*(n+1)+l] + em[l])
		}
	}
	for t := 1; t < T; t++ {
		for to := 0; to < n; to++ {
			for from := 0; from < n; from++ {
				tmp[from] = math.Inf(-1)
				if allowed[from*(n+1)+to] {
					tmp[from] = alpha[(t-1)*n+from] + float64(m.trans[from*(n+1)+to])
				}
			}
			alpha[t*n+to] = logsum(tmp) + float64(em[t*n+to])
		}
	}
	for l := 0; l < n; l++ {
		beta[(T-1)*n+l] = math.Inf(-1)
		if allowed[l*(n+1)+n] {
			beta[(T-1)*n+l] = float64(m.trans[l*(n+1)+n])
		}
	}
	for t := T - 2; t >= 0; t-- {
		for from := 0; from < n; from++ {
			for to := 0; to < n; to++ {
				tmp[to] = math.Inf(-1)
				if allowed[from*(n+1)+to] {
					tmp[to] = float64(m.trans[from*(n+1)+to]+em[(t+1)*n+to]) + beta[(t+1)*n+to]
				}
			}
			beta[t*n+from] = logsum(tmp)
		}
	}
	for l := 0; l < n; l++ {
		tmp[l] = alpha[(T-1)*n+l] + beta[(T-1)*n+l]
	}
	z := logsum(tmp)
	for i := 0; i < T*n; i++ {
		out[i] = math.Exp(alpha[i] + beta[i] - z)
	}
}
