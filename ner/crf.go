package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// trainCRF fits the model as a linear-chain conditional random field by
// stochastic gradient descent with L2 regularisation (Bottou's recipe: the
// weights are kept as scale·v so that the decay of every weight at every
// step costs one multiplication), and returns the model of the best epoch
// on dev (or of the last epoch without dev).
func trainCRF(labels *labelSet, enc *encoded, opts TrainOptions, score func(*model) float64) (*model, int, error) {
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	m := newModel(labels, opts.Bits)
	n := labels.n()
	allowed := labels.allowed
	nSent := len(enc.starts) - 1
	order := make([]int, nSent)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x637266))
	lambda := opts.L2 / float64(nSent)
	eta0 := opts.Rate
	scale := 1.0
	var (
		em    []float32
		alpha []float64
		beta  []float64
		tmp   = make([]float64, n)
	)
	begin := time.Now()
	best, bestEpoch, bestScore := (*model)(nil), 0, -1.0
	step := 0.0
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		loss := 0.0
		for _, s := range order {
			lo, hi := enc.starts[s], enc.starts[s+1]
			T := hi - lo
			eta := eta0 / (1 + lambda*eta0*step)
			step++
			em = grow(em, T*n)
			alpha = growF64(alpha, T*n)
			beta = growF64(beta, T*n)
			feats := func(t int) []uint32 { return enc.tokenFeatures(lo + t) }
			for t := 0; t < T; t++ {
				m.emissions(feats(t), em[t*n:])
				for l := 0; l < n; l++ {
					em[t*n+l] *= float32(scale)
				}
			}
			gold := enc.gold[lo:hi]
			logZ := forwardBackward(m, em, T, alpha, beta, tmp)
			// Log-likelihood of the gold path, for the progress report.
			g := 0.0
			prev := n
			for t := 0; t < T; t++ {
				g += float64(m.trans[prev*(n+1)+gold[t]] + em[t*n+gold[t]])
				prev = gold[t]
			}
			g += float64(m.trans[prev*(n+1)+n])
			loss += logZ - g
			// Decay, then the gradient step on emissions.
			scale *= 1 - eta*lambda
			if scale < 1e-9 {
				for i := range m.w {
					m.w[i] *= float32(scale)
				}
				scale = 1
			}
			up := eta / scale
			for t := 0; t < T; t++ {
				for l := 0; l < n; l++ {
					p := math.Exp(alpha[t*n+l] + beta[t*n+l] - logZ)
					if l == gold[t] {
						p -= 1
					}
					tmp[l] = -p
				}
				for _, b := range feats(t) {
					row := m.w[int(b)*n : int(b)*n+n]
					for l := 0; l < n; l++ {
						if d := tmp[l]; d > 1e-5 || d < -1e-5 {
							row[l] += float32(up * d)
						}
					}
				}
			}
			// Transitions (not regularised): expected versus gold counts.
			for t := 0; t <= T; t++ {
				for from := 0; from <= n; from++ {
					if (t == 0) != (from == n) {
						continue
					}
					for to := 0; to <= n; to++ {
						if (t == T) != (to == n) || !allowed[from*(n+1)+to] {
							continue
						}
						var lp float64
						switch {
						case t == 0:
							lp = float64(m.trans[n*(n+1)+to]+em[to]) + beta[to] - logZ
						case t == T:
							lp = alpha[(T-1)*n+from] + float64(m.trans[from*(n+1)+n]) - logZ
						default:
							lp = alpha[(t-1)*n+from] + float64(m.trans[from*(n+1)+to]+em[t*n+to]) + beta[t*n+to] - logZ
						}
						m.trans[from*(n+1)+to] -= float32(eta * math.Exp(lp))
					}
				}
				gf, gt := n, n
				if t > 0 {
					gf = gold[t-1]
				}
				if t < T {
					gt = gold[t]
				}
				m.trans[gf*(n+1)+gt] += float32(eta)
			}
		}
		line := fmt.Sprintf("ner: epoch %d/%d: loss %.1f", epoch, opts.Epochs, loss)
		snapshot := func() *model {
			c := &model{labels: labels, bits: m.bits, w: make([]float32, len(m.w)), trans: append([]float32(nil), m.trans...)}
			for i, w := range m.w {
				c.w[i] = w * float32(scale)
			}
			return c
		}
		if score != nil {
			c := snapshot()
			f := score(c)
			line += fmt.Sprintf(", dev F1 %.4f", f)
			if f > bestScore {
				best, bestEpoch, bestScore = c, epoch, f
			}
		} else if epoch == opts.Epochs {
			best, bestEpoch = snapshot(), epoch
		}
		fmt.Fprintf(progress, "%s (%.1fs)\n", line, time.Since(begin).Seconds())
	}
	return best, bestEpoch, nil
}

// forwardBackward fills alpha and beta (log space, T×n) for emission scores
// em and returns log Z.
func forwardBackward(m *model, em []float32, T int, alpha, beta, tmp []float64) float64 {
	n := m.labels.n()
	allowed := m.labels.allowed
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
			alpha[t*n+to] = logSumExp(tmp) + float64(em[t*n+to])
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
			beta[t*n+from] = logSumExp(tmp)
		}
	}
	for l := 0; l < n; l++ {
		tmp[l] = alpha[(T-1)*n+l] + beta[(T-1)*n+l]
	}
	return logSumExp(tmp)
}

func logSumExp(xs []float64) float64 {
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

func growF64(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	return b[:n]
}
