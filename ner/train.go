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
	// Epochs1, when set, is the number of epochs of the first pass
	// (Epochs is then the second pass's). The first pass, which sees every
	// feature, overfits sooner.
	Epochs1 int
	// Seed fixes the order in which sentences are visited; the same seed
	// and data give the same model.
	Seed uint64
	// Bits is log2 of the number of feature hash buckets.
	Bits uint
	// Learner is "crf" (SGD on the conditional log-likelihood) or
	// "perceptron" (averaged structured perceptron).
	Learner string
	// L2 is the CRF's regularisation strength (over the whole corpus) and
	// Rate its initial learning rate.
	L2, Rate float64
	// TwoPass adds a second, document-level pass (see docfeatures.go),
	// trained on first-pass labels from Folds-fold jackknifing.
	TwoPass bool
	Folds   int
	// Temperature divides the model's scores before confidences are
	// computed from them (see model.marginals).
	Temperature float64
	// SecondLight gives the second pass only the word's own features and
	// the document features (see Train).
	SecondLight bool
	// DocSentences is the size, in sentences, of the pseudo-documents a
	// corpus without document boundaries (ANERcorp) is cut into.
	DocSentences int
	// Progress receives one line per epoch; nil discards it.
	Progress io.Writer
}

// DefaultTrainOptions are the settings the committed model was trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 8, Temperature: 32, Seed: 1, Bits: 15, Learner: "perceptron", L2: 1, Rate: 0.1, TwoPass: true, SecondLight: true, Folds: 5, DocSentences: 20}
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

// tokenFeatures returns the buckets of token t.
func (enc *encoded) tokenFeatures(t int) []uint32 {
	return enc.buckets[enc.fstarts[t]:enc.fstarts[t+1]]
}

// encodeCorpus computes the features of every token of sents, with the
// second-pass features extra[s][t] appended when extra is not nil.
func encodeCorpus(ls *labelSet, bits uint, fz *featurizer, sents []Sentence, extra [][][]uint64, secondLight bool) *encoded {
	enc := &encoded{starts: []int{0}, fstarts: []int{0}}
	var (
		infos []tokenInfo
		hs    []uint64
	)
	shift := 64 - bits
	for s, sent := range sents {
		infos = append(infos[:0], make([]tokenInfo, len(sent.Tokens))...)
		fz.analyze(sent.Tokens, infos, nil, nil)
		for i := range sent.Tokens {
			if extra != nil && secondLight {
				// The light second pass: the word's own features and the
				// document features; the first pass's labels of the token
				// and its neighbours stand for the context.
				hs = fz.wordFeatures(&infos[i], hs[:0])
				hs = append(hs, extra[s][i]...)
			} else {
				hs, _ = fz.features(infos, i, hs[:0])
				if extra != nil {
					hs = append(hs, extra[s][i]...)
				}
			}
			for _, h := range hs {
				enc.buckets = append(enc.buckets, uint32(h>>shift))
			}
			enc.fstarts = append(enc.fstarts, len(enc.buckets))
		}
		enc.gold = append(enc.gold, ls.encode(Chunks(sent.Tags), len(sent.Tokens))...)
		enc.starts = append(enc.starts, len(enc.gold))
	}
	return enc
}

// Train learns a tagger from CoNLL sentences. With dev sentences, it keeps
// the epoch that scores best on them.
//
// With TwoPass, it trains the first-pass tagger, then tags the training
// data with taggers trained on the other folds (so that the first-pass
// labels the second pass learns from are as wrong as they will be on new
// text), and trains the second pass on them.
func Train(train, dev []Sentence, res *Resources, opts TrainOptions) (*Tagger, error) {
	if opts.Bits < 10 || opts.Bits > 26 {
		return nil, fmt.Errorf("bits = %d, want 10…26", opts.Bits)
	}
	if opts.Epochs < 1 {
		return nil, fmt.Errorf("epochs = %d, want at least 1", opts.Epochs)
	}
	if opts.Learner != "crf" && opts.Learner != "perceptron" {
		return nil, fmt.Errorf("learner %q, want crf or perceptron", opts.Learner)
	}
	if opts.Temperature <= 0 {
		return nil, fmt.Errorf("temperature %v, want more than 0", opts.Temperature)
	}
	if res == nil {
		res = &Resources{}
	}
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	ls := newLabelSet(defaultTypes)
	base, err := newTagger(nil, nil, res, opts.DocSentences, opts.Temperature)
	if err != nil {
		return nil, err
	}
	base.light = opts.SecondLight
	fz := base.fz
	devTokens := tokensOf(dev)
	scoreWith := func(m1, m2 *model) float64 {
		t := base.with(m1, m2)
		return Evaluate(dev, t.TagSentences(devTokens)).Overall().F1()
	}
	begin := time.Now()
	enc := encodeCorpus(ls, opts.Bits, fz, train, nil, false)
	fmt.Fprintf(progress, "ner: pass 1: %d sentences, %d tokens, %d features (%.1fs)\n",
		len(train), len(enc.gold), len(enc.buckets), time.Since(begin).Seconds())
	var score1 func(*model) float64
	if len(dev) > 0 {
		score1 = func(c *model) float64 { return scoreWith(c, nil) }
	}
	opts1 := opts
	if opts.Epochs1 > 0 {
		opts1.Epochs = opts.Epochs1
	}
	m1, epochs1, err := fit(ls, enc, opts1, score1)
	if err != nil {
		return nil, err
	}
	if !opts.TwoPass {
		return base.with(m1.quantized(), nil), nil
	}

	// First-pass labels of the training data, each fold tagged by a model
	// that has not seen it.
	folds := max(2, opts.Folds)
	pass1 := make([][]int, len(train))
	quiet := opts
	quiet.Epochs, quiet.Progress = epochs1, nil
	trainTokens := tokensOf(train)
	for f := 0; f < folds; f++ {
		a, b := foldRange(len(train), opts.DocSentences, f, folds)
		rest := append(append([]Sentence(nil), train[:a]...), train[b:]...)
		mf, _, err := fit(ls, encodeCorpus(ls, opts.Bits, fz, rest, nil, false), quiet, nil)
		if err != nil {
			return nil, err
		}
		copy(pass1[a:b], base.with(mf.quantized(), nil).labelSentences(trainTokens[a:b]))
		fmt.Fprintf(progress, "ner: fold %d/%d: sentences %d…%d tagged by a model of the rest (%.1fs)\n",
			f+1, folds, a, b, time.Since(begin).Seconds())
	}
	extra := make([][][]uint64, 0, len(train))
	for _, r := range docRanges(len(train), opts.DocSentences) {
		infos := make([][]tokenInfo, r[1]-r[0])
		for i := range infos {
			infos[i] = make([]tokenInfo, len(train[r[0]+i].Tokens))
			fz.analyze(train[r[0]+i].Tokens, infos[i], nil, nil)
		}
		extra = append(extra, docFeatures(ls, infos, pass1[r[0]:r[1]])...)
	}
	enc2 := encodeCorpus(ls, opts.Bits, fz, train, extra, opts.SecondLight)
	fmt.Fprintf(progress, "ner: pass 2: %d features (%.1fs)\n", len(enc2.buckets), time.Since(begin).Seconds())
	var score2 func(*model) float64
	if len(dev) > 0 {
		score2 = func(c *model) float64 { return scoreWith(m1, c) }
	}
	m2, _, err := fit(ls, enc2, opts, score2)
	if err != nil {
		return nil, err
	}
	return base.with(m1.quantized(), m2.quantized()), nil
}

// docRanges cuts n sentences of a corpus without document boundaries into
// pseudo-documents of size sentences ([start, end) pairs); size 0 makes
// one document of them all.
func docRanges(n, size int) [][2]int {
	if size <= 0 {
		size = max(n, 1)
	}
	var out [][2]int
	for a := 0; a < n; a += size {
		out = append(out, [2]int{a, min(n, a+size)})
	}
	return out
}

// foldRange is the block of sentences in fold f of k, cut on
// pseudo-document boundaries.
func foldRange(n, size, f, k int) (int, int) {
	docs := docRanges(n, size)
	a, b := len(docs)*f/k, len(docs)*(f+1)/k
	if a == b {
		return 0, 0
	}
	return docs[a][0], docs[b-1][1]
}

// fit trains a model with the chosen learner and returns it with the
// number of epochs it was trained for.
func fit(ls *labelSet, enc *encoded, opts TrainOptions, score func(*model) float64) (*model, int, error) {
	if opts.Learner == "crf" {
		return trainCRF(ls, enc, opts, score)
	}
	return trainPerceptron(ls, enc, opts, score)
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

// trainPerceptron runs the perceptron over enc and returns the averaged
// model after the epoch to keep (the best on dev when score is given).
func trainPerceptron(labels *labelSet, enc *encoded, opts TrainOptions, score func(*model) float64) (*model, int, error) {
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	m := newModel(labels, opts.Bits)
	begin := time.Now()
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
	bestF, bestEpoch := -1.0, 0
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errors := 0
		for _, s := range order {
			lo, hi := enc.starts[s], enc.starts[s+1]
			T := hi - lo
			em = grow(em, T*n)
			back = growInt32(back, T*n)
			pred = growInt(pred, T)
			feats := func(t int) []uint32 { return enc.tokenFeatures(lo + t) }
			for t := 0; t < T; t++ {
				m.emissions(feats(t), em[t*n:])
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
				for _, b := range feats(t) {
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
		if score != nil || epoch == opts.Epochs {
			avg := p.averaged()
			if score != nil {
				f := score(avg)
				line += fmt.Sprintf(", dev F1 %.4f", f)
				if f > bestF {
					best, bestF, bestEpoch = avg, f, epoch
				}
			} else {
				best, bestEpoch = avg, epoch
			}
		}
		fmt.Fprintf(progress, "%s (%.1fs)\n", line, time.Since(begin).Seconds())
	}
	return best, bestEpoch, nil
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
