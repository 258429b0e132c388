package ner

import "math"

// model is a first-order linear chain over BILOU labels: one row of label
// weights per feature hash bucket, and label-to-label transition weights.
type model struct {
	labels *labelSet
	bits   uint
	w      []float32 // (1<<bits) rows of labels.n() weights, while training
	trans  []float32 // (n+1)*(n+1): from (n = start) → to (n = end)
	// q holds the weights of a trained model as multiples of qscale: half
	// the memory of w, so that more of it stays in cache while tagging.
	q      []int16
	qscale float32
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
	if m.q != nil {
		var acc [maxLabels]int32
		m.addRows(buckets, acc[:n])
		m.finish(acc[:n], out)
		return
	}
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
	var prevBuf, curBuf [maxLabels]float32
	prev, cur := prevBuf[:n], curBuf[:n]
	for l := 0; l < n; l++ {
		if allowed[n*(n+1)+l] {
			prev[l] = m.trans[n*(n+1)+l] + em[l]
		} else {
			prev[l] = negInf
		}
	}
	// The allowed predecessors of each label with their transition
	// weights, side by side.
	var predBuf [maxLabels * maxLabels]struct {
		from  int32
		score float32
	}
	preds := make([][]struct {
		from  int32
		score float32
	}, n)
	k := 0
	for to := 0; to < n; to++ {
		start := k
		for _, from := range m.labels.preds[to] {
			predBuf[k].from, predBuf[k].score = from, m.trans[int(from)*(n+1)+to]
			k++
		}
		preds[to] = predBuf[start:k]
	}
	for t := 1; t < T; t++ {
		e := em[t*n : t*n+n]
		for to := 0; to < n; to++ {
			best, arg := negInf, int32(0)
			for _, p := range preds[to] {
				if s := prev[p.from] + p.score; s > best {
					best, arg = s, p.from
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

// marginals computes, by forward-backward over the scores divided by
// temp taken as log-potentials, each token's probability of each label,
// into out (T×n). It gives the tagger's confidence in an entity; the
// temperature, chosen on development data, keeps those confidences near
// the tagger's precision (perceptron scores are not probabilities). It
// works with potentials rather than logs, rescaling at every token, so
// that it takes n exponentials a token rather than n².
func (m *model) marginals(em []float32, T int, temp float64, out []float64) {
	n := m.labels.n()
	N := n + 1
	allowed := m.labels.allowed
	trans := make([]float64, N*N) // exp(trans/temp), 0 where not allowed
	for i := range trans {
		if allowed[i] {
			trans[i] = math.Exp(float64(m.trans[i]) / temp)
		}
	}
	pot := make([]float64, T*n) // exp(em/temp - max over the token's labels)
	for t := 0; t < T; t++ {
		mx := math.Inf(-1)
		for l := 0; l < n; l++ {
			mx = math.Max(mx, float64(em[t*n+l])/temp)
		}
		for l := 0; l < n; l++ {
			pot[t*n+l] = math.Exp(float64(em[t*n+l])/temp - mx)
		}
	}
	alpha := make([]float64, T*n)
	beta := make([]float64, T*n)
	normalize := func(v []float64) {
		s := 0.0
		for _, x := range v {
			s += x
		}
		if s > 0 {
			for i := range v {
				v[i] /= s
			}
		}
	}
	for l := 0; l < n; l++ {
		alpha[l] = trans[n*N+l] * pot[l]
	}
	normalize(alpha[:n])
	for t := 1; t < T; t++ {
		for to := 0; to < n; to++ {
			s := 0.0
			for from := 0; from < n; from++ {
				s += alpha[(t-1)*n+from] * trans[from*N+to]
			}
			alpha[t*n+to] = s * pot[t*n+to]
		}
		normalize(alpha[t*n : t*n+n])
	}
	for l := 0; l < n; l++ {
		beta[(T-1)*n+l] = trans[l*N+n]
	}
	normalize(beta[(T-1)*n : T*n])
	for t := T - 2; t >= 0; t-- {
		for from := 0; from < n; from++ {
			s := 0.0
			for to := 0; to < n; to++ {
				s += trans[from*N+to] * pot[(t+1)*n+to] * beta[(t+1)*n+to]
			}
			beta[t*n+from] = s
		}
		normalize(beta[t*n : t*n+n])
	}
	for t := 0; t < T; t++ {
		row := out[t*n : t*n+n]
		for l := range row {
			row[l] = alpha[t*n+l] * beta[t*n+l]
		}
		normalize(row)
	}
}

// quantized returns the model with its weights as int16 multiples of one
// scale, the form it is saved and tagged with.
func (m *model) quantized() *model {
	if m.q != nil {
		return m
	}
	var mx float32
	for _, w := range m.w {
		mx = max(mx, float32(math.Abs(float64(w))))
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	q := &model{labels: m.labels, bits: m.bits, trans: m.trans, q: make([]int16, len(m.w)), qscale: scale}
	for i, w := range m.w {
		q.q[i] = int16(math.Round(float64(w / scale)))
	}
	return q
}

// bilouLabels4 is the number of labels for four entity types.
const bilouLabels4 = 1 + perType*4

// addRows adds the int16 weight rows of buckets to acc (n sums), for a
// quantised model.
func (m *model) addRows(buckets []uint32, acc []int32) {
	n := len(acc)
	if n == bilouLabels4 {
		m.addRows17(buckets, (*[bilouLabels4]int32)(acc))
		return
	}
	for _, b := range buckets {
		row := m.q[int(b)*n : int(b)*n+n]
		for l := range acc {
			acc[l] += int32(row[l])
		}
	}
}

// finish turns summed int16 weights into scores.
func (m *model) finish(acc []int32, out []float32) {
	for l, a := range acc {
		out[l] = float32(a) * m.qscale
	}
}

// addRows17 is addRows for the usual 17 labels, unrolled: tagging spends
// most of its time here.
func (m *model) addRows17(buckets []uint32, a *[bilouLabels4]int32) {
	q := m.q
	for _, b := range buckets {
		r := (*[bilouLabels4]int16)(q[int(b)*bilouLabels4:])
		a[0] += int32(r[0])
		a[1] += int32(r[1])
		a[2] += int32(r[2])
		a[3] += int32(r[3])
		a[4] += int32(r[4])
		a[5] += int32(r[5])
		a[6] += int32(r[6])
		a[7] += int32(r[7])
		a[8] += int32(r[8])
		a[9] += int32(r[9])
		a[10] += int32(r[10])
		a[11] += int32(r[11])
		a[12] += int32(r[12])
		a[13] += int32(r[13])
		a[14] += int32(r[14])
		a[15] += int32(r[15])
		a[16] += int32(r[16])
	}
}

// maxLabels is the most labels a model may have (maxTypes types).
const maxLabels = 1 + perType*maxTypes
