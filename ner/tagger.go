package ner

// Tagger finds named entities. It is immutable once loaded and safe for
// concurrent use.
type Tagger struct {
	m   *model
	fz  *featurizer
	res *Resources
	// titles are kept out of entity spans.
	titles *titleList
}

// scratch is the per-call working memory of tagging one sentence.
type scratch struct {
	infos []tokenInfo
	hs    []uint64
	bs    []uint32
	em    []float32
	back  []int32
	path  []int
}

// labelSentence fills sc.em with the emission scores of tokens and sc.path
// with the best label sequence.
func (tg *Tagger) labelSentence(tokens []string, sc *scratch) {
	T := len(tokens)
	n := tg.m.labels.n()
	if cap(sc.infos) < T {
		sc.infos = make([]tokenInfo, T)
	}
	sc.infos = sc.infos[:T]
	tg.fz.analyze(tokens, sc.infos)
	sc.em = grow(sc.em, T*n)
	sc.back = growInt32(sc.back, T*n)
	sc.path = growInt(sc.path, T)
	for t := 0; t < T; t++ {
		sc.hs = tg.fz.features(sc.infos, t, sc.hs[:0])
		sc.bs = sc.bs[:0]
		for _, h := range sc.hs {
			sc.bs = append(sc.bs, tg.m.bucket(h))
		}
		tg.m.emissions(sc.bs, sc.em[t*n:])
	}
	tg.m.viterbi(sc.em, sc.path, sc.back)
}

// TagSentences tags each sentence of already tokenised text and returns
// BIO tags (B-PER, I-PER, O …), one slice per sentence.
func (tg *Tagger) TagSentences(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	var sc scratch
	for i, toks := range sents {
		tg.labelSentence(toks, &sc)
		tags := make([]string, len(toks))
		for j := range tags {
			tags[j] = "O"
		}
		for _, c := range tg.m.labels.decode(sc.path) {
			tags[c.Start] = "B-" + c.Type
			for k := c.Start + 1; k < c.End; k++ {
				tags[k] = "I-" + c.Type
			}
		}
		out[i] = tags
	}
	return out
}
