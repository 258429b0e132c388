package ner

import (
	"fmt"
	"strings"

	"github.com/rasad/rasad/document"
)

// Tag finds the named entities of d, reading d.Text, d.Tokens and
// d.Sentences, and appends them to d.Entities with ids T1, T2 … (counting
// on from any entities already there). A proclitic in front of a name
// (وحفتر، بطرابلس) stays out of its span, and so do titles (اللواء،
// الرئيس); canonical is the fullest name the article gives the same
// referent; confidence is the tagger's marginal probability of the
// entity's labels.
func (tg *Tagger) Tag(d *document.Document) {
	var (
		sents [][]document.Token
		words [][]string
		found []mention
		margs []float64
	)
	tg.eachSentence(d, func(toks []document.Token) {
		ws := make([]string, len(toks))
		for i, t := range toks {
			ws[i] = d.Text[t.Start:t.End]
		}
		sents = append(sents, toks)
		words = append(words, ws)
	})
	final := tg.m
	if tg.m2 != nil {
		final = tg.m2
	}
	n := final.labels.n()
	for i, ts := range tg.tagDoc(words, false, wordCache{}) {
		chunks := final.labels.decode(ts.path)
		if len(chunks) == 0 {
			continue
		}
		T := len(ts.path)
		margs = growF64(margs, T*n)
		final.marginals(ts.em, T, tg.temperature, margs)
		for _, c := range chunks {
			conf := 0.0
			for t := c.Start; t < c.End; t++ {
				conf += margs[t*n+ts.path[t]]
			}
			conf /= float64(c.End - c.Start)
			if m, ok := tg.mention(d.Text, sents[i][c.Start:c.End], c.Type, conf); ok {
				found = append(found, m)
			}
		}
	}
	canonicalize(found)
	for _, m := range found {
		d.Entities = append(d.Entities, document.Entity{
			ID:         fmt.Sprintf("T%d", len(d.Entities)+1),
			Type:       m.typ,
			Start:      m.start,
			End:        m.end,
			Text:       d.Text[m.start:m.end],
			Canonical:  m.canonical,
			Confidence: float64(int(m.conf*1000+0.5)) / 1000,
		})
	}
}

// eachSentence calls fn with the tokens of each sentence of d, in order;
// tokens outside every sentence (there should be none) form their own run.
func (tg *Tagger) eachSentence(d *document.Document, fn func([]document.Token)) {
	toks := d.Tokens
	i := 0
	for _, s := range d.Sentences {
		if i < len(toks) && toks[i].Start < s.Start() {
			j := i
			for j < len(toks) && toks[j].Start < s.Start() {
				j++
			}
			fn(toks[i:j])
			i = j
		}
		j := i
		for j < len(toks) && toks[j].End <= s.End() {
			j++
		}
		if j > i {
			fn(toks[i:j])
		}
		i = j
	}
	if i < len(toks) {
		fn(toks[i:])
	}
}

// mention is an entity found in a document, before ids are given.
type mention struct {
	typ        string
	start, end int
	words      []string // normalised words of the name, proclitics and titles off
	canonical  string
	conf       float64
}

// mention turns the tokens of a chunk into an entity span: titles at its
// head are dropped, and so is the proclitic of its first word.
func (tg *Tagger) mention(text string, toks []document.Token, typ string, conf float64) (mention, bool) {
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = normalize(text[t.Start:t.End])
	}
	if k := tg.titles.leading(norms); k == len(toks) {
		return mention{}, false
	} else if k > 0 {
		toks = toks[k:]
	}
	cut, elided := tg.procliticCut(text, toks[0])
	m := mention{typ: typ, start: toks[0].Start + cut, end: toks[len(toks)-1].End, conf: conf}
	m.canonical = text[m.start:m.end]
	if elided {
		m.canonical = "ال" + m.canonical
	}
	m.words = strings.Fields(normalize(m.canonical))
	return m, true
}

// procliticCut returns how many bytes at the start of a token are
// proclitics to leave out of a name that starts there, and whether they
// swallowed the article's alef. It follows the arabic package's
// segmentation of the token, keeping the article inside the name
// (والجزائر → الجزائر); for tokens that carry none (Kind unset) it
// guesses with procliticLen.
func (tg *Tagger) procliticCut(text string, t document.Token) (cut int, elided bool) {
	if t.Kind == 0 {
		return tg.procliticLen(text[t.Start:t.End])
	}
	if t.Kind != document.Word || t.StemStart <= t.Start {
		return 0, false
	}
	prefix := text[t.Start:t.StemStart]
	var letters []int // byte offsets of the prefix's letters
	for i, r := range prefix {
		if normalize(string(r)) != "" {
			letters = append(letters, i)
		}
	}
	p := normalize(prefix)
	switch {
	case strings.HasSuffix(p, "ال") && len(letters) >= 2:
		return letters[len(letters)-2], false
	case strings.HasSuffix(p, "لل"):
		return len(prefix), true
	}
	return len(prefix), false
}

// procliticLen returns how many bytes at the start of a word are
// proclitics (و ف ب ل ك, not the article) to leave out of a name, and
// whether they swallowed the article's alef (للعراق: the name is العراق,
// the span عراق). A split is taken when the rest starts with the article
// (والجزائر، بالقاهرة) or is clearly the more common word in the news
// corpus the clusters were learned from (وحفتر → حفتر, while بغداد and
// لبنان stay whole).
func (tg *Tagger) procliticLen(word string) (cut int, elided bool) {
	var offs []int // byte offset of each letter that normalisation keeps
	for i, r := range word {
		if normalize(string(r)) != "" {
			offs = append(offs, i)
		}
	}
	offs = append(offs, len(word))
	letters := []rune(normalize(word))
	if len(letters) != len(offs)-1 {
		return 0, false
	}
	rest := func(from int) string { return string(letters[from:]) }
	count := func(from int) int { return tg.fz.clusters.count(rest(from)) }
	better := func(from, than int) bool {
		if len(letters)-from < 2 {
			return false
		}
		if strings.HasPrefix(rest(from), "ال") && len(letters)-from >= 4 {
			return true
		}
		return count(from) > 2*count(than)+2
	}
	at := 0
	if letters[0] == 'و' || letters[0] == 'ف' {
		at = 1
	}
	if len(letters)-at >= 4 && letters[at] == 'ل' && letters[at+1] == 'ل' {
		// ل + article (للعراق), unless the name itself starts with ل (لليبيا).
		if tg.fz.clusters.count("ال"+rest(at+2)) >= count(at+1) {
			return offs[at+2], true
		}
		return offs[at+1], false
	}
	if len(letters)-at >= 3 && (letters[at] == 'ب' || letters[at] == 'ل' || letters[at] == 'ك') && better(at+1, 0) {
		return offs[at+1], false
	}
	if at == 1 && better(1, 0) {
		return offs[1], false
	}
	return 0, false
}

// canonicalize sets each mention's canonical name to the fullest mention
// of the same type in the document that contains its words in order
// (حفتر and المشير حفتر → خليفة حفتر); ties go to the first such mention.
func canonicalize(ms []mention) {
	for i := range ms {
		best := -1
		for j := range ms {
			if ms[j].typ != ms[i].typ || len(ms[j].words) <= len(ms[i].words) {
				continue
			}
			if !containsRun(ms[j].words, ms[i].words) {
				continue
			}
			if best < 0 || len(ms[j].words) > len(ms[best].words) {
				best = j
			}
		}
		if best >= 0 {
			ms[i].canonical = ms[best].canonical
		}
	}
}

// containsRun reports whether the words of part occur, contiguous and in
// order, in whole.
func containsRun(whole, part []string) bool {
	if len(part) == 0 {
		return false
	}
	for i := 0; i+len(part) <= len(whole); i++ {
		ok := true
		for j := range part {
			if whole[i+j] != part[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
