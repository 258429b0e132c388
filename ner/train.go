package ner

import (
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// TrainOptions configure Train.
type TrainOptions struct {
	// Epochs is the number of passes over the training sentences. With
	// development sentences, the weights of the best epoch are kept.
	Epochs int
	// Seed fixes the order in which sentences are visited; the same seed
	// and data give the same model.
	Seed uint64
	// Bits is log2 of the number of feature hash buckets.
	Bits uint
	// Progress receives one line per epoch; nil discards it.
	Progress io.Writer
}

// DefaultTrainOptions are the settings the committed model was trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 12, Seed: 1, Bits: 20}
}

// Types are the entity types the tagger knows, in label order.
var defaultTypes = []string{"PER", "LOC", "ORG", "MISC"}

// encoded is a corpus turned into feature buckets and gold labels.
type encoded struct {
	starts  []int    // sentence s has tokens [starts[s], starts[s+1])
	fstarts []int    // token t has buckets [fstarts[t], fstarts[t+1])
	buckets []uint32 // feature buckets of every token
	gold    []int    // gold label of every token
}

func (m *model) encode(fz *featurizer, sents []Sentence) *encoded {
	enc := &encoded{starts: []int{0}, fstarts: []int{0}}
	var (
		infos []tokenInfo
		hs    []uint64
	)
	for _, s := range sents {
		infos = append(infos[:0], make([]tokenInfo, len(s.Tokens))...)
		fz.analyze(s.Tokens, infos)
		for i := range s.Tokens {
			hs = fz.features(infos, i, hs[:0])
			for _, h := range hs {
				enc.buckets = append(enc.buckets, m.bucket(h))
			}
			enc.fstarts = append(enc.fstarts, len(enc.buckets))
		}
		enc.gold = append(enc.gold, m.labels.encode(Chunks(s.Tags), len(s.Tokens))...)
		enc.starts = append(enc.starts, len(enc.gold))
	}
	return enc
}

// perceptron holds the running and summed weights of an averaged
// structured perceptron (Collins 2002), averaged lazily: the average is
// w - u/c, where u sums each update times the step it was made at.
type perceptron struct {
	m      *model
	uw, ut []float64
	c      float64
}

func (p *perceptron) add(idx int, delta float32) {
	p.m.w[idx] += delta
	p.uw[idx] += p.c * float64(delta)
}

func (p *perceptron) addTrans(idx int, delta float32) {
	p.m.trans[idx] += delta
	p.ut[idx] += p.c * float64(delta)
}

// averaged returns the averaged weights as a new model.
func (p *perceptron) averaged() *model {
	avg := &model{labels: p.m.labels, bits: p.m.bits, w: make([]float32, len(p.m.w)), trans: make([]float32, len(p.m.trans))}
	for i, w := range p.m.w {
		avg.w[i] = w - float32(p.uw[i]/p.c)
	}
	for i, w := range p.m.trans {
		avg.trans[i] = w - float32(p.ut[i]/p.c)
	}
	return avg
}

// trainModel runs the perceptron over enc and returns the averaged model
// after each epoch to keep (the best on dev when dev is given).
func trainModel(labels *labelSet, fz *featurizer, train, dev []Sentence, opts TrainOptions) (*model, error) {
	if opts.Bits < 10 || opts.Bits > 26 {
		return nil, fmt.Errorf("bits = %d, want 10…26", opts.Bits)
	}
	if opts.Epochs < 1 {
		return nil, fmt.Errorf("epochs = %d, want at least 1", opts.Epochs)
	}
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	m := newModel(labels, opts.Bits)
	begin := time.Now()
	enc := m.encode(fz, train)
	fmt.Fprintf(progress, "ner: encoded %d sentences, %d tokens, %d features in %.1fs\n",
		len(train), len(enc.gold), len(enc.buckets), time.Since(begin).Seconds())
	p := &perceptron{m: m, uw: make([]float64, len(m.w)), ut: make([]float64, len(m.trans)), c: 1}
	n := labels.n()
	order := make([]int, len(enc.starts)-1)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e6572))
	var (
		em   []float32
		back []int32
		pred []int
	)
	var best *model
	bestF := -1.0
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errors := 0
		for _, s := range order {
			lo, hi := enc.starts[s], enc.starts[s+1]
			T := hi - lo
			em = grow(em, T*n)
			back = growInt32(back, T*n)
			pred = growInt(pred, T)
			for t := 0; t < T; t++ {
				m.emissions(enc.buckets[enc.fstarts[lo+t]:enc.fstarts[lo+t+1]], em[t*n:])
			}
			m.viterbi(em, pred, back)
			gold := enc.gold[lo:hi]
			wrong := false
			for t := 0; t < T; t++ {
				if pred[t] == gold[t] {
					continue
				}
				wrong = true
				errors++
				for _, b := range enc.buckets[enc.fstarts[lo+t]:enc.fstarts[lo+t+1]] {
					p.add(int(b)*n+gold[t], 1)
					p.add(int(b)*n+pred[t], -1)
				}
			}
			if wrong {
				prevG, prevP := n, n
				for t := 0; t <= T; t++ {
					g, q := n, n
					if t < T {
						g, q = gold[t], pred[t]
					}
					if g != q || prevG != prevP {
						p.addTrans(prevG*(n+1)+g, 1)
						p.addTrans(prevP*(n+1)+q, -1)
					}
					prevG, prevP = g, q
				}
			}
			p.c++
		}
		line := fmt.Sprintf("ner: epoch %d/%d: %d token errors on train (%.2f%%)", epoch, opts.Epochs, errors, 100*float64(errors)/float64(len(enc.gold)))
		if len(dev) > 0 || epoch == opts.Epochs {
			avg := p.averaged()
			if len(dev) > 0 {
				t := &Tagger{m: avg, fz: fz}
				sc := Evaluate(dev, t.TagSentences(tokensOf(dev)))
				f := sc.Overall().F1()
				line += fmt.Sprintf(", dev F1 %.4f", f)
				if f > bestF {
					best, bestF = avg, f
				}
			} else {
				best = avg
			}
		}
		fmt.Fprintf(progress, "%s (%.1fs)\n", line, time.Since(begin).Seconds())
	}
	return best, nil
}

func tokensOf(sents []Sentence) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		out[i] = s.Tokens
	}
	return out
}

func grow(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}

func growInt32(b []int32, n int) []int32 {
	if cap(b) < n {
		return make([]int32, n)
	}
	return b[:n]
}

func growInt(b []int, n int) []int {
	if cap(b) < n {
		return make([]int, n)
	}
	return b[:n]
}
