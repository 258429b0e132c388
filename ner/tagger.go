package ner

// Tagger finds named entities. It is immutable once loaded and safe for
// concurrent use.
type Tagger struct {
	m  *model // first pass: each sentence alone
	m2 *model // second pass: with document-level features; nil for none
	fz *featurizer
	// res are the resources the features were built from, kept to save.
	res *Resources
	// titles are kept out of entity spans.
	titles *titleList
	// light says the second pass sees only word and document features.
	light bool
	// temperature divides the scores before marginals are taken for
	// confidences.
	temperature float64
	// docSentences is the pseudo-document size TagSentences groups
	// sentences into, as in training.
	docSentences int
}

// with returns a copy of tg with other models.
func (tg *Tagger) with(m1, m2 *model) *Tagger {
	c := *tg
	c.m, c.m2 = m1, m2
	return &c
}

// taggedSentence is one sentence of a document during tagging.
type taggedSentence struct {
	infos []tokenInfo
	words []*cachedWord // each token's cache entry
	hs    []uint64      // first-pass feature hashes of every token
	hoff  []int         // token t has hs[hoff[t]:hoff[t+1]]
	hword []int         // of which hs[hoff[t]:hword[t]] depend on the word alone
	em    []float32
	path  []int
}

// tagDoc labels the sentences of one document: each sentence alone, then,
// with a second pass, again with what the first made of the document.
// The emission scores of the final pass are left in each sentence.
func (tg *Tagger) tagDoc(sents [][]string, onlyFirst bool, cache wordCache) []taggedSentence {
	out := make([]taggedSentence, len(sents))
	var (
		bs   []uint32
		back []int32
	)
	// decode scores a sentence under m, from its first-pass features and
	// the second-pass features extra, if any.
	decode := func(pass int, m *model, ts *taggedSentence, extra []uint64, extraOffs []int) {
		n := m.labels.n()
		T := len(ts.infos)
		ts.em = grow(ts.em, T*n)
		back = growInt32(back, T*n)
		ts.path = growInt(ts.path, T)
		shift := 64 - m.bits
		buckets := func(hs []uint64) []uint32 {
			bs = bs[:0]
			for _, h := range hs {
				bs = append(bs, uint32(h>>shift))
			}
			return bs
		}
		for t := 0; t < T; t++ {
			w := ts.words[t]
			end := ts.hoff[t+1]
			if pass == 1 && tg.light {
				end = ts.hword[t]
			}
			if m.q == nil || w == nil {
				bs := buckets(ts.hs[ts.hoff[t]:end])
				if extra != nil {
					for _, h := range extra[extraOffs[t]:extraOffs[t+1]] {
						bs = append(bs, uint32(h>>shift))
					}
				}
				m.emissions(bs, ts.em[t*n:])
				continue
			}
			if !w.scored[pass] {
				m.addRows(buckets(ts.hs[ts.hoff[t]:ts.hword[t]]), w.partial[pass][:n])
				w.scored[pass] = true
			}
			acc := w.partial[pass]
			bs := buckets(ts.hs[ts.hword[t]:end])
			if extra != nil {
				for _, h := range extra[extraOffs[t]:extraOffs[t+1]] {
					bs = append(bs, uint32(h>>shift))
				}
			}
			m.addRows(bs, acc[:n])
			m.finish(acc[:n], ts.em[t*n:t*n+n])
		}
		m.viterbi(ts.em, ts.path, back)
	}
	for i, toks := range sents {
		ts := &out[i]
		ts.infos = make([]tokenInfo, len(toks))
		ts.words = make([]*cachedWord, len(toks))
		tg.fz.analyze(toks, ts.infos, cache, ts.words)
		ts.hs = make([]uint64, 0, 80*len(toks))
		ts.hoff = make([]int, 1, len(toks)+1)
		ts.hword = make([]int, len(toks))
		for t := range toks {
			var nw int
			ts.hs, nw = tg.fz.features(ts.infos, t, ts.hs)
			ts.hword[t] = ts.hoff[t] + nw
			ts.hoff = append(ts.hoff, len(ts.hs))
		}
		decode(0, tg.m, ts, nil, nil)
	}
	if tg.m2 == nil || onlyFirst {
		return out
	}
	infos := make([][]tokenInfo, len(out))
	labels := make([][]int, len(out))
	for i := range out {
		infos[i] = out[i].infos
		labels[i] = append([]int(nil), out[i].path...)
	}
	extra, offs := docFeaturesFlat(tg.m.labels, infos, labels)
	for i := range out {
		decode(1, tg.m2, &out[i], extra[i], offs[i])
	}
	return out
}

// labelSentences returns the first-pass labels of sentences, in
// pseudo-documents as in training.
func (tg *Tagger) labelSentences(sents [][]string) [][]int {
	out := make([][]int, 0, len(sents))
	cache := wordCache{}
	for _, r := range docRanges(len(sents), tg.docSentences) {
		for _, ts := range tg.tagDoc(sents[r[0]:r[1]], true, cache) {
			out = append(out, ts.path)
		}
	}
	return out
}

// TagSentences tags already tokenised sentences and returns BIO tags
// (B-PER, I-PER, O …), one slice per sentence. Consecutive sentences are
// read as documents of the size the model was trained with, since a
// corpus of sentences has no document boundaries.
func (tg *Tagger) TagSentences(sents [][]string) [][]string {
	out := make([][]string, 0, len(sents))
	cache := wordCache{}
	for _, r := range docRanges(len(sents), tg.docSentences) {
		for _, ts := range tg.tagDoc(sents[r[0]:r[1]], false, cache) {
			tags := make([]string, len(ts.path))
			for j := range tags {
				tags[j] = "O"
			}
			for _, c := range tg.m.labels.decode(ts.path) {
				tags[c.Start] = "B-" + c.Type
				for k := c.Start + 1; k < c.End; k++ {
					tags[k] = "I-" + c.Type
				}
			}
			out = append(out, tags)
		}
	}
	return out
}
