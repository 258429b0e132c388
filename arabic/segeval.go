package arabic

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// GoldWord is one line of a segmentation gold file.
type GoldWord struct {
	Line                 int
	Word                 string
	Prefix, Stem, Suffix string
}

// goldProclitics and goldEnclitics are the pieces a gold segmentation may
// split off; لل stands for ل + ال as written.
var (
	goldProclitics = map[string]bool{"و": true, "ف": true, "ب": true, "ك": true, "ل": true, "ال": true, "لل": true, "س": true}
	goldEnclitics  = map[string]bool{"ه": true, "ها": true, "هما": true, "هم": true, "هن": true, "ك": true, "كم": true, "كن": true, "كما": true, "نا": true, "ي": true}
)

// ReadGold reads a segmentation gold file: lines "word<TAB>segmentation",
// where the segmentation joins proclitics, stem and enclitic with + (for
// example وبالمدينة<TAB>و+ب+ال+مدينة); # starts a comment line.
func ReadGold(name string, r io.Reader) ([]GoldWord, error) {
	var out []GoldWord
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		word, seg, ok := strings.Cut(s, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want word<TAB>segmentation, got %q", name, line, s)
		}
		if strings.ReplaceAll(seg, "+", "") != word {
			return nil, fmt.Errorf("%s:%d: segmentation %q does not spell %q", name, line, seg, word)
		}
		pieces := strings.Split(seg, "+")
		g := GoldWord{Line: line, Word: word}
		for len(pieces) > 1 && goldProclitics[pieces[0]] {
			g.Prefix += pieces[0]
			pieces = pieces[1:]
		}
		if len(pieces) > 1 && goldEnclitics[pieces[len(pieces)-1]] {
			g.Suffix = pieces[len(pieces)-1]
			pieces = pieces[:len(pieces)-1]
		}
		if len(pieces) != 1 || pieces[0] == "" {
			return nil, fmt.Errorf("%s:%d: cannot tell the stem in %q", name, line, seg)
		}
		g.Stem = pieces[0]
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// SegmenterScore counts how many gold words the segmenter got right.
type SegmenterScore struct {
	Words                       int
	Stem, Prefix, Suffix, Whole int // correct stems, prefixes, suffixes, and all three
	Errors                      []SegmenterError
}

// SegmenterError is a gold word the segmenter split differently.
type SegmenterError struct {
	Gold GoldWord
	Got  Segmentation
}

// EvalSegmenter segments every gold word and compares.
func (a *Analyzer) EvalSegmenter(gold []GoldWord) SegmenterScore {
	var s SegmenterScore
	for _, g := range gold {
		got := a.Segment(g.Word)
		p := Normalize(got.Prefix) == Normalize(g.Prefix)
		st := got.Stem == g.Stem
		su := got.Suffix == g.Suffix
		s.Words++
		if p {
			s.Prefix++
		}
		if st {
			s.Stem++
		}
		if su {
			s.Suffix++
		}
		if p && st && su {
			s.Whole++
		} else {
			s.Errors = append(s.Errors, SegmenterError{g, got})
		}
	}
	return s
}
