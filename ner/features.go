package ner

// Feature templates. Each number names one template; changing what a
// template means requires retraining the model, so append, never reorder.
const (
	tBias = iota + 1
	tWord
	tStem
	tPrefix
	tWordM1
	tWordP1
	tWordM2
	tWordP2
	tStemM1
	tStemP1
	tBigramM1
	tBigramP1
	tSuffix1
	tSuffix2
	tSuffix3
	tStart2
	tStart3
	tShape
	tShapeWindow
	tCluster     // + level: cluster of the word
	tStemCluster = tCluster + maxLevels
	tClusterM1   = tStemCluster + maxLevels
	tClusterP1   = tClusterM1 + maxLevels
	tClusterM2   = tClusterP1 + maxLevels
	tClusterP2   = tClusterM2 + maxLevels
	tGaz         = tClusterP2 + maxLevels
	tGazM1       = tGaz + 1
	tGazP1       = tGaz + 2
	tPrefixM1    = tGaz + 3
	tStemBigram  = tGaz + 4
	tClusterPair = tGaz + 5
	tPosition    = tGaz + 6
	tLastTemplate
)

// tokenInfo is what the features of a token and its neighbours are built
// from, computed once per token.
type tokenInfo struct {
	norm               string
	word, stem, prefix uint64 // hashes
	suf1, suf2, suf3   uint64
	start2, start3     uint64
	shape              uint64
	cl, scl            [maxLevels]uint16
	gaz                uint16
}

// featurizer turns token strings into feature hashes. It holds the
// unlabelled-data resources and is immutable.
type featurizer struct {
	clusters *wordClusters
	gaz      *gazetteer
}

// analyze fills infos for the tokens of one sentence.
func (fz *featurizer) analyze(tokens []string, infos []tokenInfo) {
	norms := make([]string, len(tokens))
	for i, tok := range tokens {
		n := normalize(tok)
		norms[i] = n
		in := &infos[i]
		*in = tokenInfo{norm: n}
		prefix, stem := splitClitics(n)
		in.word = hashString(n)
		in.stem = hashString(stem)
		in.prefix = hashString(prefix)
		r := []rune(stem)
		in.suf1 = hashString(string(r[max(0, len(r)-1):]))
		in.suf2 = hashString(string(r[max(0, len(r)-2):]))
		in.suf3 = hashString(string(r[max(0, len(r)-3):]))
		in.start2 = hashString(string(r[:min(len(r), 2)]))
		in.start3 = hashString(string(r[:min(len(r), 3)]))
		in.shape = uint64(shapeOf(n))<<8 | uint64(min(len(r), 12))
		if e, ok := fz.clusters.lookup(n); ok {
			in.cl = e.ids
		}
		if e, ok := fz.clusters.lookup(stem); ok {
			in.scl = e.ids
		} else if e, ok := fz.clusters.lookup("ال" + stem); ok {
			in.scl = e.ids
		}
		if in.cl[0] == 0 {
			in.cl = in.scl
		}
	}
	gaz := make([]uint16, len(tokens))
	fz.gaz.match(norms, gaz)
	for i := range infos {
		infos[i].gaz = gaz[i]
	}
}

var boundaryInfo = tokenInfo{
	word: hashString("<s>"), stem: hashString("<s>"), prefix: hashString("<s>"),
	shape: 0xffff,
}

// features appends the feature hashes of token i of a sentence to out.
func (fz *featurizer) features(infos []tokenInfo, i int, out []uint64) []uint64 {
	at := func(j int) *tokenInfo {
		if j < 0 || j >= len(infos) {
			return &boundaryInfo
		}
		return &infos[j]
	}
	f := func(t int, v uint64) { out = append(out, combine(uint64(t), v)) }
	cur, m1, p1, m2, p2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
	f(tBias, 0)
	f(tWord, cur.word)
	f(tStem, cur.stem)
	f(tPrefix, cur.prefix)
	f(tWordM1, m1.word)
	f(tWordP1, p1.word)
	f(tWordM2, m2.word)
	f(tWordP2, p2.word)
	f(tStemM1, m1.stem)
	f(tStemP1, p1.stem)
	f(tBigramM1, combine(m1.word, cur.word))
	f(tBigramP1, combine(cur.word, p1.word))
	f(tSuffix1, cur.suf1)
	f(tSuffix2, cur.suf2)
	f(tSuffix3, cur.suf3)
	f(tStart2, cur.start2)
	f(tStart3, cur.start3)
	f(tShape, cur.shape)
	f(tShapeWindow, combine(combine(m1.shape, cur.shape), p1.shape))
	f(tPrefixM1, m1.prefix)
	f(tStemBigram, combine(m1.stem, cur.stem))
	for l := 0; l < maxLevels; l++ {
		if c := cur.cl[l]; c != 0 {
			f(tCluster+l, uint64(c))
		}
		if c := cur.scl[l]; c != 0 {
			f(tStemCluster+l, uint64(c))
		}
		if c := m1.cl[l]; c != 0 || i == 0 {
			f(tClusterM1+l, uint64(c))
		}
		if c := p1.cl[l]; c != 0 || i == len(infos)-1 {
			f(tClusterP1+l, uint64(c))
		}
	}
	if c := m2.cl[1]; c != 0 {
		f(tClusterM2, uint64(c))
	}
	if c := p2.cl[1]; c != 0 {
		f(tClusterP2, uint64(c))
	}
	if m1.cl[1] != 0 && cur.cl[1] != 0 {
		f(tClusterPair, uint64(m1.cl[1])<<16|uint64(cur.cl[1]))
	}
	for g := uint16(1); g != 0 && g <= cur.gaz; g <<= 1 {
		if cur.gaz&g != 0 {
			f(tGaz, uint64(g))
		}
	}
	if m1.gaz != 0 {
		f(tGazM1, uint64(m1.gaz))
	}
	if p1.gaz != 0 {
		f(tGazP1, uint64(p1.gaz))
	}
	if i == 0 {
		f(tPosition, 0)
	}
	return out
}
