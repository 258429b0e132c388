package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// An automatic lexicon: how often the tagger itself, run over a large
// unlabelled news corpus, put each word stem inside a name of each type.
// A stem the tagger found as a PER dozens of times in clear contexts is a
// good bet for PER in a sentence whose context says little, and the
// lexicon covers names the small labelled corpus never shows
// (self-training through a feature, in the spirit of uptraining).

// autoLexicon maps a stem to the share of its corpus occurrences tagged
// as each entity type, in hundredths.
type autoLexicon struct {
	types []string
	stems map[string]autoEntry
}

type autoEntry struct {
	total uint32
	share [maxTypes]uint8 // percent of occurrences inside a name of each type
}

// autoMinCount is the fewest corpus occurrences a stem needs to be listed.
const autoMinCount = 3

// BuildAutoLexicon tags every article of texts with tg and returns an
// automatic-lexicon file: gzip text, a "#types T1 T2 …" line, then
// "stem<TAB>count<TAB>percent per type" for stems seen autoMinCount times
// or more and tagged inside a name at least once.
func (tg *Tagger) BuildAutoLexicon(texts func(fn func(text string)) error, progress io.Writer) ([]byte, error) {
	if progress == nil {
		progress = io.Discard
	}
	types := tg.m.labels.types
	nt := len(types)
	type tally struct {
		total int
		typed [maxTypes]int
	}
	stems := map[string]*tally{}
	begin := time.Now()
	articles, tokens := 0, 0
	cache := wordCache{}
	err := texts(func(text string) {
		sents := splitSentences(text)
		if len(cache) > 200000 {
			cache = wordCache{}
		}
		tagged := tg.tagDoc(sents, false, cache)
		for i, ts := range tagged {
			typeAt := make([]int, len(ts.path))
			for j := range typeAt {
				typeAt[j] = -1
			}
			for _, c := range tg.m.labels.decode(ts.path) {
				t := tg.m.labels.typeIndex(c.Type)
				for j := c.Start; j < c.End; j++ {
					typeAt[j] = t
				}
			}
			for j, w := range sents[i] {
				_, stem := splitClitics(normalize(w))
				tl := stems[stem]
				if tl == nil {
					tl = &tally{}
					stems[stem] = tl
				}
				tl.total++
				if typeAt[j] >= 0 {
					tl.typed[typeAt[j]]++
				}
			}
			tokens += len(sents[i])
		}
		articles++
		if articles%5000 == 0 {
			fmt.Fprintf(progress, "ner: automatic lexicon: %d articles, %d tokens (%.0fs)\n", articles, tokens, time.Since(begin).Seconds())
		}
	})
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(stems))
	for k, tl := range stems {
		named := 0
		for _, c := range tl.typed[:nt] {
			named += c
		}
		if tl.total >= autoMinCount && named > 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "#types %s\n", strings.Join(types, " "))
	for _, k := range keys {
		tl := stems[k]
		fmt.Fprintf(bw, "%s\t%d", k, tl.total)
		for _, c := range tl.typed[:nt] {
			fmt.Fprintf(bw, "\t%d", (100*c+tl.total/2)/tl.total)
		}
		fmt.Fprintln(bw)
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "ner: automatic lexicon: %d stems from %d articles, %d tokens (%.0fs)\n", len(keys), articles, tokens, time.Since(begin).Seconds())
	return buf.Bytes(), nil
}

// splitSentences cuts an article into tokenised sentences: at line breaks
// and after sentence-final punctuation, and at most every 150 tokens.
func splitSentences(text string) [][]string {
	var out [][]string
	for _, para := range strings.Split(text, "\n") {
		var cur []string
		SplitWords(para, func(s, e int) {
			w := para[s:e]
			cur = append(cur, w)
			if w == "." || w == "!" || w == "?" || w == "؟" || len(cur) >= 150 {
				out = append(out, cur)
				cur = nil
			}
		})
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out
}

func readAutoLexicon(r io.Reader, name string) (*autoLexicon, error) {
	lex := &autoLexicon{stems: map[string]autoEntry{}}
	err := readWordTable(r, name, "#types", maxTypes, func(vals []string) error {
		lex.types = vals
		return nil
	}, func(stem string, total uint32, cols []string) error {
		e := autoEntry{total: total}
		for i, s := range cols {
			p, err := strconv.Atoi(s)
			if err != nil || p < 0 || p > 100 {
				return fmt.Errorf("share %q is not a percentage", s)
			}
			e.share[i] = uint8(p)
		}
		lex.stems[stem] = e
		return nil
	})
	if err != nil {
		return nil, err
	}
	return lex, nil
}

// autoFeature summarises a stem's entry: for each type with a share of at
// least 5%, the type and a share bucket, packed one type per byte.
func (lex *autoLexicon) feature(stem string) uint64 {
	if lex == nil {
		return 0
	}
	e, ok := lex.stems[stem]
	if !ok {
		return 0
	}
	var v uint64
	for t := range lex.types {
		s := e.share[t]
		var b uint64
		switch {
		case s >= 80:
			b = 4
		case s >= 50:
			b = 3
		case s >= 20:
			b = 2
		case s >= 5:
			b = 1
		}
		v |= b << (4 * t)
	}
	return v
}
