package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxLevels is the most cluster granularities a clusters file may hold.
const maxLevels = 4

// wordClusters maps a normalised word of the unlabelled news corpus to its
// cluster at each granularity, coarse to fine, and to its corpus count.
type wordClusters struct {
	levels []int
	words  map[string]clusterEntry
}

type clusterEntry struct {
	ids   [maxLevels]uint16 // cluster number + 1 at each level
	count uint32
}

// lookup returns the entry of a normalised word, falling back to the word
// without its proclitics (keeping the article), then without the article.
func (wc *wordClusters) lookup(n string) (clusterEntry, bool) {
	if wc == nil {
		return clusterEntry{}, false
	}
	if e, ok := wc.words[n]; ok {
		return e, true
	}
	return clusterEntry{}, false
}

func (wc *wordClusters) count(n string) int {
	if wc == nil {
		return 0
	}
	return int(wc.words[n].count)
}

// readClusters reads a clusters file: gzip-compressed text whose first line
// is "#levels K1 K2 …" and every other line "word<TAB>count<TAB>c1<TAB>c2…".
func readClusters(r io.Reader, name string) (*wordClusters, error) {
	wc := &wordClusters{words: make(map[string]clusterEntry, 1<<17)}
	err := readWordTable(r, name, "#levels", maxLevels, func(vals []string) error {
		for _, s := range vals {
			k, err := strconv.Atoi(s)
			if err != nil || k <= 0 || k >= 1<<16 {
				return fmt.Errorf("bad level size %q", s)
			}
			wc.levels = append(wc.levels, k)
		}
		return nil
	}, func(word string, count uint32, cols []string) error {
		e := clusterEntry{count: count}
		for i, s := range cols {
			id, err := strconv.Atoi(s)
			if err != nil || id < 0 || id >= wc.levels[i] {
				return fmt.Errorf("cluster %q out of range for level %d", s, i+1)
			}
			e.ids[i] = uint16(id + 1)
		}
		wc.words[word] = e
		return nil
	})
	if err != nil {
		return nil, err
	}
	return wc, nil
}

// readWordTable reads the gzip-compressed word tables the model keeps
// (clusters, the automatic lexicon): a first line "KEY V1 V2 …" with at
// most maxCols values, given to header, then one line a word,
// "word<TAB>count<TAB>x1<TAB>x2…" with one column for each header value,
// given to row. Errors name the file and line.
func readWordTable(r io.Reader, name, key string, maxCols int,
	header func(vals []string) error, row func(word string, count uint32, cols []string) error) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	cols, line := 0, 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			f := strings.Fields(text)
			if len(f) < 2 || f[0] != key || len(f)-1 > maxCols {
				return fmt.Errorf("%s:1: want \"%s V1 V2 …\" (at most %d values), got %q", name, key, maxCols, text)
			}
			if err := header(f[1:]); err != nil {
				return fmt.Errorf("%s:1: %w", name, err)
			}
			cols = len(f) - 1
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 2+cols {
			return fmt.Errorf("%s:%d: want %d tab-separated fields, got %d", name, line, 2+cols, len(f))
		}
		count, err := strconv.ParseUint(f[1], 10, 32)
		if err != nil {
			return fmt.Errorf("%s:%d: count: %w", name, line, err)
		}
		if err := row(f[0], uint32(count), f[2:]); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line, err)
	}
	if line == 0 {
		return fmt.Errorf("%s: empty", name)
	}
	return nil
}

// gazetteer holds names from lists (places, actors), matched over
// normalised tokens, longest first.
type gazetteer struct {
	types []string
	// first maps a name's first word to the names that start with it.
	first map[string][]gazName
}

type gazName struct {
	rest []string
	typ  uint8
}

// readGazetteer reads a gazetteer file: gzip-compressed text with one
// "TYPE<TAB>name" a line; names are normalised on reading.
func readGazetteer(r io.Reader, name string) (*gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer zr.Close()
	g := &gazetteer{first: make(map[string][]gazName, 1<<15)}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		typ, val, ok := strings.Cut(text, "\t")
		words := strings.Fields(val)
		if !ok || typ == "" || len(words) == 0 {
			return nil, fmt.Errorf("%s:%d: want \"TYPE<TAB>name\", got %q", name, line, text)
		}
		t := -1
		for i, x := range g.types {
			if x == typ {
				t = i
			}
		}
		if t < 0 {
			if len(g.types) == maxGazTypes {
				return nil, fmt.Errorf("%s:%d: more than %d types", name, line, maxGazTypes)
			}
			g.types = append(g.types, typ)
			t = len(g.types) - 1
		}
		for i := range words {
			words[i] = normalize(words[i])
		}
		g.first[words[0]] = append(g.first[words[0]], gazName{rest: words[1:], typ: uint8(t)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return g, nil
}

// maxGazTypes is how many name types a gazetteer may have: four match
// flags each in a token's 64-bit mask.
const maxGazTypes = 16

// gazetteer match flags of a token, by its place in a name of type t
// (BILU: first word, middle word, last word, the whole name).
func gazBegin(t uint8) uint64  { return 1 << (4 * t) }
func gazInside(t uint8) uint64 { return 1 << (4*t + 1) }
func gazLast(t uint8) uint64   { return 1 << (4*t + 2) }
func gazUnit(t uint8) uint64   { return 1 << (4*t + 3) }

// candidates returns the names that may start at a word (normalised),
// under each form it may take in a list (with and without proclitics).
func (g *gazetteer) candidates(n string) []gazName {
	if g == nil {
		return nil
	}
	var keys [3]string
	var out []gazName
	for _, k := range detachForms(n, keys[:0]) {
		out = append(out, g.first[k]...)
	}
	return out
}

// match marks which of the tokens begin or continue a gazetteer name,
// longest first, from each token's candidates. The first word of a name
// may carry proclitics (وطرابلس، بالعراق); later words must match exactly.
func matchGazetteer(infos []tokenInfo) {
	for i := range infos {
		best, bestType := 0, uint8(0)
		for _, name := range infos[i].gazCands {
			l := 1 + len(name.rest)
			if l <= best || i+l > len(infos) {
				continue
			}
			ok := true
			for j, w := range name.rest {
				if infos[i+1+j].norm != w {
					ok = false
					break
				}
			}
			if ok {
				best, bestType = l, name.typ
			}
		}
		if best == 0 {
			continue
		}
		if best == 1 {
			infos[i].gaz |= gazUnit(bestType)
			continue
		}
		infos[i].gaz |= gazBegin(bestType)
		for j := i + 1; j < i+best-1; j++ {
			infos[j].gaz |= gazInside(bestType)
		}
		infos[i+best-1].gaz |= gazLast(bestType)
	}
}

// detachForms appends the forms a word may have in a list: itself, without
// a conjunction, without a preposition too (للعراق → العراق).
func detachForms(n string, out []string) []string {
	out = append(out, n)
	s := n
	if len(s) > 6 && (strings.HasPrefix(s, "و") || strings.HasPrefix(s, "ف")) {
		s = s[2:]
		out = append(out, s)
	}
	if len(s) > 6 {
		switch {
		case strings.HasPrefix(s, "لل"):
			out = append(out, "ا"+s[2:])
		case strings.HasPrefix(s, "ب") || strings.HasPrefix(s, "ل") || strings.HasPrefix(s, "ك"):
			out = append(out, s[2:])
		}
	}
	return out
}
