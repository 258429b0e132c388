package ner

import (
	"math/bits"

	"github.com/rasad/rasad/arabic"
)

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
	tFrequency   = tGaz + 7
	tTrigram     = tGaz + 8
	tWordM3      = tGaz + 9
	tWordP3      = tGaz + 10
	tFreqWindow  = tGaz + 11
	tAuto        = tGaz + 12
	tAutoM1      = tGaz + 13
	tAutoP1      = tGaz + 14
	tAutoWindow  = tGaz + 15
	tSegStem     = tGaz + 16
	tSegPrefix   = tGaz + 17
	tSegSuffix   = tGaz + 18
	tSegStemM1   = tGaz + 19
	tSegStemP1   = tGaz + 20
	tSegCluster  = tGaz + 21 // + level
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
	gaz                uint64    // gazetteer matches at this position in the sentence
	gazCands           []gazName // names that may start with this word
	freq               uint64    // log2 buckets of the word's and stem's counts in the news corpus
	trigrams           []uint64
	auto               uint64 // automatic-lexicon summary of the stem
	// The arabic package's segmentation of the word, when the featurizer
	// has a segmenter: stem, proclitics, enclitic, stem clusters.
	segStem, segPrefix, segSuffix uint64
	segCl                         [maxLevels]uint16
}

// featurizer turns token strings into feature hashes. It holds the
// unlabelled-data resources and is immutable.
type featurizer struct {
	clusters *wordClusters
	gaz      *gazetteer
	auto     *autoLexicon
	seg      *arabic.Analyzer // nil: no segmenter features
}

// wordCache keeps what was worked out about each word already seen
// during one call of the tagger (news text repeats its words): its
// analysis, and the scores of its word-only features under each pass.
type wordCache map[string]*cachedWord

type cachedWord struct {
	info    tokenInfo
	scored  [2]bool
	partial [2][maxLabels]int32
}

// analyze fills infos for the tokens of one sentence, and with a cache,
// words with each token's cache entry.
func (fz *featurizer) analyze(tokens []string, infos []tokenInfo, cache wordCache, words []*cachedWord) {
	for i, tok := range tokens {
		if cache == nil {
			fz.analyzeWord(tok, &infos[i])
			continue
		}
		c, ok := cache[tok]
		if !ok {
			c = &cachedWord{}
			fz.analyzeWord(tok, &c.info)
			cache[tok] = c
		}
		infos[i] = c.info
		words[i] = c
	}
	matchGazetteer(infos)
}

// analyzeWord fills the parts of in that depend on the word alone.
func (fz *featurizer) analyzeWord(tok string, in *tokenInfo) {
	{
		n := normalize(tok)
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
		eWord, okWord := fz.clusters.lookup(n)
		eStem, okStem := fz.clusters.lookup(stem)
		if okWord {
			in.cl = eWord.ids
		}
		if okStem {
			in.scl = eStem.ids
		} else if e, ok := fz.clusters.lookup("ال" + stem); ok {
			in.scl = e.ids
		}
		if in.cl[0] == 0 {
			in.cl = in.scl
		}
		in.auto = fz.auto.feature(stem)
		in.gazCands = fz.gaz.candidates(n)
		if fz.seg != nil && in.shape>>8 == shapeArabic {
			sg := fz.seg.Segment(tok)
			in.segStem = hashString(sg.Norm)
			in.segPrefix = hashString(normalize(sg.Prefix))
			in.segSuffix = hashString(normalize(sg.Suffix))
			if e, ok := fz.clusters.lookup(normalize(sg.Norm)); ok {
				in.segCl = e.ids
			}
		}
		in.freq = uint64(bits.Len32(eWord.count))<<8 | uint64(bits.Len32(eStem.count))
		if len(r) > 3 {
			for j := 0; j+3 <= len(r); j++ {
				in.trigrams = append(in.trigrams, hashString(string(r[j:j+3])))
			}
		}
	}
}

var boundaryInfo = tokenInfo{
	word: hashString("<s>"), stem: hashString("<s>"), prefix: hashString("<s>"),
	shape: 0xffff,
}

// features appends the feature hashes of token i of a sentence to out:
// first those that depend on the word alone (nWord of them, the same
// wherever the word occurs, so their scores can be reused), then those of
// its context.
func (fz *featurizer) features(infos []tokenInfo, i int, out []uint64) (_ []uint64, nWord int) {
	start := len(out)
	out = fz.wordFeatures(&infos[i], out)
	nWord = len(out) - start
	return fz.contextFeatures(infos, i, out), nWord
}

func (fz *featurizer) wordFeatures(cur *tokenInfo, out []uint64) []uint64 {
	f := func(t int, v uint64) { out = append(out, combine(uint64(t), v)) }
	f(tWord, cur.word)
	f(tStem, cur.stem)
	f(tBias, 0)
	f(tPrefix, cur.prefix)
	f(tSuffix1, cur.suf1)
	f(tSuffix2, cur.suf2)
	f(tSuffix3, cur.suf3)
	f(tStart2, cur.start2)
	f(tStart3, cur.start3)
	f(tShape, cur.shape)
	for l := 0; l < maxLevels; l++ {
		if c := cur.cl[l]; c != 0 {
			f(tCluster+l, uint64(c))
		}
		if c := cur.scl[l]; c != 0 {
			f(tStemCluster+l, uint64(c))
		}
	}
	f(tFrequency, cur.freq)
	for _, h := range cur.trigrams {
		f(tTrigram, h)
	}
	if fz.auto != nil {
		f(tAuto, cur.auto)
	}
	if fz.seg != nil {
		f(tSegStem, cur.segStem)
		f(tSegPrefix, cur.segPrefix)
		f(tSegSuffix, cur.segSuffix)
		for l := 0; l < maxLevels; l++ {
			if c := cur.segCl[l]; c != 0 {
				f(tSegCluster+l, uint64(c))
			}
		}
	}
	return out
}

func (fz *featurizer) contextFeatures(infos []tokenInfo, i int, out []uint64) []uint64 {
	at := func(j int) *tokenInfo {
		if j < 0 || j >= len(infos) {
			return &boundaryInfo
		}
		return &infos[j]
	}
	f := func(t int, v uint64) { out = append(out, combine(uint64(t), v)) }
	cur, m1, p1, m2, p2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
	f(tBigramM1, combine(m1.word, cur.word))
	f(tBigramP1, combine(cur.word, p1.word))
	f(tStemBigram, combine(m1.stem, cur.stem))
	f(tWordM1, m1.word)
	f(tWordP1, p1.word)
	f(tWordM2, m2.word)
	f(tWordP2, p2.word)
	f(tStemM1, m1.stem)
	f(tStemP1, p1.stem)
	f(tShapeWindow, combine(combine(m1.shape, cur.shape), p1.shape))
	f(tPrefixM1, m1.prefix)
	for l := 0; l < maxLevels; l++ {
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
	for g := cur.gaz; g != 0; g &= g - 1 {
		f(tGaz, uint64(bits.TrailingZeros64(g)))
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
	f(tFreqWindow, combine(combine(m1.freq>>8, cur.freq>>8), p1.freq>>8))
	if fz.auto != nil {
		f(tAutoM1, m1.auto)
		f(tAutoP1, p1.auto)
		f(tAutoWindow, combine(combine(m1.auto, cur.auto), p1.auto))
	}
	if fz.seg != nil {
		f(tSegStemM1, m1.segStem)
		f(tSegStemP1, p1.segStem)
	}
	f(tWordM3, at(i-3).word)
	f(tWordP3, at(i+3).word)
	return out
}
