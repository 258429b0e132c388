package ner

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed titles.txt
var titlesFile string

// titleList is the set of titles (الرئيس، اللواء، الناطق باسم …) that are
// kept out of entity spans, as normalised word sequences.
type titleList struct {
	// byFirst maps a title's first word, without the article, to the
	// titles that start with it, longest first.
	byFirst map[string][][]string
}

func parseTitles(text, name string) (*titleList, error) {
	tl := &titleList{byFirst: map[string][][]string{}}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words := strings.Fields(line)
		for j, w := range words {
			words[j] = normalize(w)
			if words[j] == "" {
				return nil, fmt.Errorf("%s:%d: empty word in %q", name, i+1, line)
			}
		}
		k := titleKey(words[0])
		tl.byFirst[k] = append(tl.byFirst[k], words[1:])
	}
	for k, list := range tl.byFirst {
		// Longest first, so that "الفريق أول" wins over "الفريق".
		for i := 1; i < len(list); i++ {
			for j := i; j > 0 && len(list[j]) > len(list[j-1]); j-- {
				list[j], list[j-1] = list[j-1], list[j]
			}
		}
		tl.byFirst[k] = list
	}
	return tl, nil
}

// titleKey is the form a title word is indexed by: normalised, without a
// conjunction or preposition, without the article.
func titleKey(n string) string {
	for _, p := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(n, p); ok && len(rest) >= 6 && strings.HasPrefix(rest, "ال") {
			n = rest
		}
	}
	for _, p := range []string{"بال", "كال", "لل", "ال"} {
		if rest, ok := strings.CutPrefix(n, p); ok && len(rest) >= 4 {
			return rest
		}
	}
	return n
}

// leading returns how many of the normalised words start with a title
// (0 when they do not).
func (tl *titleList) leading(norms []string) int {
	if len(norms) == 0 {
		return 0
	}
	for _, rest := range tl.byFirst[titleKey(norms[0])] {
		if 1+len(rest) > len(norms) {
			continue
		}
		ok := true
		for j, w := range rest {
			if norms[1+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return 1 + len(rest)
		}
	}
	return 0
}
