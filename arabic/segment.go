package arabic

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// affix is a proclitic sequence or an enclitic the segmenter may split off.
type affix struct {
	key     string  // folded form, as in the lexicon
	letters int     // number of letters
	weight  float64 // see clitics.txt
	article bool    // the prefix ends in the article (ال, لل)
	future  bool    // the prefix ends in the future marker س
}

// clitics is the inventory read from clitics.txt.
type clitics struct {
	prefixes, suffixes []affix
	// proof is how much more a sighting of a form with the article (or
	// after بال) counts than a bare one, as evidence that it is a stem.
	proof float64
	// hamza multiplies the weight of a prefix before a stem that starts
	// with أ إ or آ.
	hamza float64
}

func parseClitics(name, data string) (clitics, error) {
	roles := map[string][]affix{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 3 {
			return clitics{}, fmt.Errorf("%s:%d: want role<TAB>form<TAB>weight, got %q", name, line, s)
		}
		w, err := strconv.ParseFloat(f[2], 64)
		if err != nil || w <= 0 {
			return clitics{}, fmt.Errorf("%s:%d: weight %q is not a positive number", name, line, f[2])
		}
		switch f[0] {
		case "conj", "prep", "art", "art-alone", "fut", "pron", "proof", "hamza":
		default:
			return clitics{}, fmt.Errorf("%s:%d: unknown role %q", name, line, f[0])
		}
		roles[f[0]] = append(roles[f[0]], affix{key: f[1], letters: utf8.RuneCountInString(f[1]), weight: w})
	}
	if err := sc.Err(); err != nil {
		return clitics{}, err
	}
	if len(roles["art"]) != 1 || len(roles["art-alone"]) != 1 {
		return clitics{}, fmt.Errorf("%s: want exactly one art line and one art-alone line", name)
	}
	if len(roles["proof"]) != 1 || len(roles["hamza"]) != 1 {
		return clitics{}, fmt.Errorf("%s: want exactly one proof line and one hamza line", name)
	}
	none := []affix{{weight: 1}}
	c := clitics{proof: roles["proof"][0].weight, hamza: roles["hamza"][0].weight}
	for _, conj := range append(none, roles["conj"]...) {
		for _, prep := range append(none, roles["prep"]...) {
			for _, art := range append(none, roles["art"]...) {
				p := join(conj, prep)
				if art.key != "" {
					if conj.key == "" && prep.key == "" {
						art = roles["art-alone"][0]
					}
					key := art.key
					if prep.key == "ل" { // ل + ال is written لل
						key = strings.TrimPrefix(key, "ا")
					}
					p = join(p, affix{key: key, letters: utf8.RuneCountInString(key), weight: art.weight})
					p.article = true
				}
				if p.key != "" {
					c.prefixes = append(c.prefixes, p)
				}
			}
		}
		for _, fut := range roles["fut"] {
			p := join(conj, fut)
			p.future = true
			c.prefixes = append(c.prefixes, p)
		}
	}
	c.suffixes = roles["pron"]
	return c, nil
}

func join(a, b affix) affix {
	return affix{key: a.key + b.key, letters: a.letters + b.letters, weight: a.weight * b.weight}
}

// parseWordList reads a word list (one word a line, # comments), keying
// each word by key.
func parseWordList(name, data string, key func(string) string) (map[string]bool, error) {
	set := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if strings.ContainsAny(w, " \t") {
			return nil, fmt.Errorf("%s:%d: %q: one word a line", name, line, w)
		}
		set[key(w)] = true
	}
	return set, sc.Err()
}

// maxLetters bounds the words the segmenter looks at; longer ones are
// left whole.
const maxLetters = 40

// wordScratch holds a word's letters while it is segmented, so that
// segmenting allocates nothing.
type wordScratch struct {
	key    []byte              // the folded word
	keyAt  [maxLetters + 1]int // byte offset in key of each letter
	textAt [maxLetters + 1]int // byte offset in the text of each letter
	alt    []byte
	norm   []byte
}

// segmentation is the segmenter's decision for one word, in letters.
type segmentation struct {
	prefix, suffix int    // letters split off at each end
	restore        string // the stem's last letter as the lexicon has it, when it differs (ت → ة)
}

// letters fills sc with the letters of word (which starts at byte offset
// base of the text) and returns their number, or -1 if there are too many.
func (sc *wordScratch) letters(word string, base int) int {
	sc.key = sc.key[:0]
	n := 0
	for i := 0; i < len(word); {
		cls, r, size := classify(word[i:])
		if cls == cArabic {
			if n == maxLetters {
				return -1
			}
			sc.keyAt[n] = len(sc.key)
			sc.textAt[n] = base + i
			if n == 0 {
				sc.textAt[0] = base // leading tatweel or marks belong to the first letter
			}
			n++
			if m, keep := foldRune(r, false); keep {
				sc.key = utf8.AppendRune(sc.key, m)
			}
		}
		i += size
	}
	sc.keyAt[n] = len(sc.key)
	sc.textAt[n] = base + len(word)
	return n
}

// evidence is how often the form was seen as a stem: alone, with the
// article, or after a preposition and the article.
func (s *Analyzer) evidence(key []byte) uint32 {
	c := s.lex.forms[string(key)]
	return c.alone + c.withAl + c.afterPrep
}

// nounEvidence is the evidence that the form follows the article as a
// noun: seen alone, or after بال or كال, which only nouns are (unlike ال
// itself, which also begins verbs such as التقى).
func (s *Analyzer) nounEvidence(key []byte) float64 {
	c := s.lex.forms[string(key)]
	return float64(c.alone) + s.clitics.proof*float64(c.afterPrep)
}

// wholeEvidence is the evidence for the word itself being a stem. A word
// seen with the article, or after بال, cannot be clitics + stem (the
// article never precedes و ف ب ك ل), so those counts weigh more than its
// own bare count, which includes its uses with clitics.
func (s *Analyzer) wholeEvidence(key []byte) float64 {
	if rest, ok := cutArticle(key); ok {
		return float64(s.lex.forms[string(rest)].withAl)
	}
	c := s.lex.forms[string(key)]
	return float64(c.alone) + s.clitics.proof*float64(c.withAl+c.afterPrep)
}

// startsWithHamzaAlef reports whether key starts with أ إ or آ, which
// few words have as their second letter (وأد، بأس) but many stems as their
// first (و + أضاف، ب + أن).
func startsWithHamzaAlef(key []byte) bool {
	r, _ := utf8.DecodeRune(key)
	return r == alefHamzaAbove || r == alefHamzaBelow || r == alefMadda
}

// cutArticle returns the word without a leading ال, if it has one and at
// least two letters after it.
func cutArticle(key []byte) ([]byte, bool) {
	if len(key) >= 4 && string(key[:4]) == "ال" && utf8.RuneCount(key[4:]) >= 2 {
		return key[4:], true
	}
	return nil, false
}

// segment decides how to split the word whose letters are in sc.
func (s *Analyzer) segment(sc *wordScratch, n int) segmentation {
	var best segmentation
	key := sc.key
	if n < 3 || s.unsegmented[string(key)] {
		return best
	}
	first, _ := utf8.DecodeRune(key)
	last, _ := utf8.DecodeLastRune(key)
	canPrefix := first == waw || first == 'ف' || first == 'ب' || first == 'ك' || first == 'ل' || first == alef || first == 'س'
	canSuffix := last == heh || last == alef || last == 'م' || last == 'ن' || last == 'ك' || last == yeh
	if !canPrefix && !canSuffix {
		return best
	}
	bestScore := s.wholeEvidence(key) + 1
	try := func(p, q *affix) {
		pl, ql := 0, 0
		w := 1.0
		if p != nil {
			pl, w = p.letters, w*p.weight
		}
		if q != nil {
			ql, w = q.letters, w*q.weight
		}
		if n-pl-ql < 2 {
			return
		}
		stem := key[sc.keyAt[pl]:sc.keyAt[n-ql]]
		if q != nil && pl > 0 && s.unsegmented[string(key[sc.keyAt[pl]:])] {
			return // a word kept whole keeps its end after a proclitic too (و + اتهم)
		}
		if w*s.clitics.hamza*(s.maxEvidence+1) <= bestScore {
			return // cannot win, whatever the stem
		}
		ev, restore, ok := s.stemEvidence(sc, stem, p, q != nil)
		if !ok {
			return
		}
		if p != nil && !p.article && startsWithHamzaAlef(stem) {
			w *= s.clitics.hamza
		}
		if score := w * (ev + 1); score > bestScore {
			bestScore = score
			best = segmentation{prefix: pl, suffix: ql, restore: restore}
		}
	}
	var suffixes [8]*affix
	ns := 0
	if canSuffix {
		for i := range s.clitics.suffixes {
			q := &s.clitics.suffixes[i]
			if len(key) > len(q.key) && string(key[len(key)-len(q.key):]) == q.key && ns < len(suffixes) {
				suffixes[ns] = q
				ns++
			}
		}
	}
	for j := range ns {
		try(nil, suffixes[j])
	}
	if canPrefix {
		for i := range s.clitics.prefixes {
			p := &s.clitics.prefixes[i]
			if len(key) <= len(p.key) || string(key[:len(p.key)]) != p.key {
				continue
			}
			try(p, nil)
			if p.article {
				continue // no enclitic after the article
			}
			for j := range ns {
				try(p, suffixes[j])
			}
		}
	}
	return best
}

// stemEvidence returns the evidence that stem (the word without prefix p
// and, when suffixed, an enclitic) is a word of its own, the letter to
// restore at its end if the lexicon knows it better that way, and whether
// the split is allowed at all.
func (s *Analyzer) stemEvidence(sc *wordScratch, stem []byte, p *affix, suffixed bool) (float64, string, bool) {
	if p != nil && p.future {
		r, _ := utf8.DecodeRune(stem)
		if r != yeh && r != teh && r != 'ن' && r != alefHamzaAbove {
			return 0, "", false
		}
	}
	if rest, ok := cutArticle(stem); ok {
		// A stem with the article in it (و + التقى), which competes with
		// splitting the article off too (وال + مدينة).
		if suffixed {
			return 0, "", false // no enclitic after the article
		}
		return float64(s.lex.forms[string(rest)].withAl), "", true
	}
	if p != nil && p.article {
		// ال + stem must not be a word kept whole (وال + له is not و + الله).
		sc.alt = append(append(sc.alt[:0], "ال"...), stem...)
		if s.unsegmented[string(sc.alt)] {
			return 0, "", false
		}
		ev := s.nounEvidence(stem)
		if r, size := utf8.DecodeRune(stem); r == alef {
			// Hamza is often left off after the article (الامن for الأمن).
			for _, h := range [...]string{"أ", "إ", "آ"} {
				sc.alt = append(append(sc.alt[:0], h...), stem[size:]...)
				ev += s.nounEvidence(sc.alt)
			}
		}
		return ev, "", true
	}
	ev := s.evidence(stem)
	restore := ""
	if suffixed {
		// Before an enclitic ة is written ت (مدينته), ى is written ي
		// (عليه), the alef after plural و is dropped (قتلوه), and a final
		// hamza takes the seat of its case (أعضائه).
		last, size := utf8.DecodeLastRune(stem)
		var alt string
		switch last {
		case teh:
			alt = "ة"
		case yeh:
			alt = "ى"
		case waw:
			alt = "وا"
		case yehHamza, wawHamza: // أعضائه, أعضاؤه: أعضاء
			alt = "ء"
		}
		if alt != "" {
			sc.alt = append(append(sc.alt[:0], stem[:len(stem)-size]...), alt...)
			if ev2 := s.evidence(sc.alt); ev2 > ev {
				ev, restore = ev2, alt
			}
		}
	}
	return float64(ev), restore, true
}
