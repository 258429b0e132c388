package kb

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rasad/rasad/arabic"
	"golang.org/x/text/unicode/norm"
)

// foldRest finishes what arabic.Normalize starts, for names: hamza on
// the line is dropped (بيضاء = بيضا, and ؤ ئ, which the normaliser turns
// into ء, go with it), Latin letters are lower-cased and lose their
// diacritics (Ţubruq → tubruq), apostrophes of transliterations and bidi
// marks vanish (-1), and anything that is no letter or digit separates
// words (' ').
func foldRest(r rune) rune {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return r
	case r >= 'A' && r <= 'Z':
		return r + ('a' - 'A')
	case r == 0x0621: // hamza on the line
		return -1
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return -1
	case r == '\'' || r == 0x2018 || r == 0x2019 || r == 0x02BB || r == 0x02BC || r == 0x02BF || r == 0x02BE || r == '`':
		return -1
	case r < utf8.RuneSelf:
		return ' '
	case r >= 0x00C0 && r < 0x0250 || r >= 0x1E00 && r < 0x1F00:
		r = latinBase(r)
	}
	if unicode.IsLetter(r) {
		return unicode.ToLower(r)
	}
	if unicode.Is(unicode.Mn, r) {
		return -1
	}
	return ' '
}

// foldWords splits s into words in their matching form, ال kept.
// Latin letters lose their diacritics (Ţubruq → tubruq).
func foldWords(s string) []string {
	var arr [128]byte
	b := appendFolded(arr[:0], s)
	if len(b) == 0 {
		return nil
	}
	return strings.Split(string(b), " ")
}

// appendFolded appends the words of s in their matching form to dst,
// separated by single spaces: arabic.Normalize, then foldRest.
func appendFolded(dst []byte, s string) []byte {
	var arr [256]byte
	folded := arabic.AppendNormalize(arr[:0], s)
	start := len(dst)
	space := true
	for len(folded) > 0 {
		r, n := utf8.DecodeRune(folded)
		folded = folded[n:]
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			r = foldRest(r)
		}
		switch r {
		case -1:
		case ' ':
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		default:
			dst = utf8.AppendRune(dst, r)
			space = false
		}
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// latinBase is the base letter of a precomposed Latin letter (Ţ → T,
// ā → a), or r itself.
func latinBase(r rune) rune {
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	if d := norm.NFD.Properties(b[:n]).Decomposition(); len(d) > 0 && d[0] < utf8.RuneSelf {
		return rune(d[0])
	}
	return r
}

const article = "ال"

// stripArticle drops a leading ال when a name of two letters or more is
// left, so that الزاوية and زاوية share a key.
func stripArticle(w string) string {
	if strings.HasPrefix(w, article) && utf8.RuneCountInString(w) >= 4 {
		return w[len(article):]
	}
	return w
}

// appendKey appends the Key of s to dst.
func appendKey(dst []byte, s string) []byte {
	start := len(dst)
	dst = appendFolded(dst, s)
	dst = compactWords(dst, start, func(w []byte, _ bool) []byte {
		if bytes.HasPrefix(w, []byte(article)) && utf8.RuneCount(w) >= 4 {
			return w[len(article):]
		}
		return w
	})
	return squeezeRepeats(dst, start)
}

// squeezeRepeats writes a consonant repeated in dst[start:] once: a
// doubled consonant is a shadda spelled out, which news writes or leaves
// out (القرة بوللي, القره بولي). و and ي stay: doubled, they are two
// sounds (أبيي).
func squeezeRepeats(dst []byte, start int) []byte {
	w := start
	var last rune = -1
	for r := start; r < len(dst); {
		c, n := utf8.DecodeRune(dst[r:])
		if c != last || c == 'ي' || c == 'و' || c == 'ا' {
			w += copy(dst[w:], dst[r:r+n])
			last = c
		}
		if r == start {
			// A key never starts with a shadda: لليبيا is ل + ليبيا.
			last = -1
		}
		r += n
	}
	return dst[:w]
}

// compactWords rewrites the space-separated words of dst[start:] in
// place, each as keep returns it (last tells the last word), with no
// spaces between them.
func compactWords(dst []byte, start int, keep func(w []byte, last bool) []byte) []byte {
	w := start
	rest := dst[start:]
	for len(rest) > 0 {
		word, tail, found := bytes.Cut(rest, []byte{' '})
		w += copy(dst[w:], keep(word, !found))
		rest = tail
		if !found {
			break
		}
	}
	return dst[:w]
}

// joinKey is the lookup key of a folded word sequence: every word without
// its article, with no spaces between them (بور سودان = بورسودان).
func joinKey(words []string) string {
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b := make([]byte, 0, n)
	for _, w := range words {
		b = append(b, stripArticle(w)...)
	}
	return string(squeezeRepeats(b, 0))
}

// Key is the normalised lookup key of a name: hamza, alef, ya and ta
// marbuta variants folded, diacritics dropped, the article ال removed from
// every word, the spaces between words removed and a doubled letter
// written once. Two spellings of a
// name that a reader takes for the same word have the same key.
func Key(name string) string {
	return string(appendKey(nil, name))
}

// latinArticles are the romanised forms of ال that begin Latin place
// names (Az Zawiyah, Al-Fashir, Ed Damazin).
var latinArticles = map[string]bool{
	"al": true, "el": true, "ad": true, "ed": true, "ar": true, "er": true, "as": true, "es": true,
	"az": true, "ez": true, "an": true, "en": true, "at": true, "et": true, "ash": true, "esh": true,
	"adh": true, "ath": true, "ul": true,
}

// latinKey is the key of a Latin-script name: lower case, no diacritics,
// the article dropped, no spaces.
func latinKey(name string) string {
	return string(appendLatinKey(nil, name))
}

func appendLatinKey(dst []byte, name string) []byte {
	start := len(dst)
	dst = appendFolded(dst, name)
	return compactWords(dst, start, func(w []byte, last bool) []byte {
		if !last && latinArticles[string(w)] {
			return nil
		}
		return w
	})
}

// isArabicScript reports whether s has Arabic letters and no Latin ones.
func isArabicScript(s string) bool {
	arabic := false
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			arabic = true
		} else if unicode.IsLetter(r) && r < 0x0600 {
			return false
		}
	}
	return arabic
}

// Consonant classes for matching an Arabic name against a romanised one
// when the sources give no Arabic spelling: letters that romanisations
// of Arabic render alike fall in one class, vowels and weak letters drop.
const (
	skK = 'K' // ق ك ج غ خ / q k g j c
	skT = 'T' // ت ط ث / t th
	skD = 'D' // د ض ذ / d dh
	skZ = 'Z' // ز ظ / z
	skS = 'S' // س ص ش / s sh
	skH = 'H' // ح ه / h
)

var arabicSkeleton = map[rune]rune{
	'ب': 'B', 'ت': skT, 'ث': skT, 'ج': skK, 'ح': skH, 'خ': skK, 'د': skD, 'ذ': skD,
	'ر': 'R', 'ز': skZ, 'س': skS, 'ش': skS, 'ص': skS, 'ض': skD, 'ط': skT, 'ظ': skZ,
	'غ': skK, 'ف': 'F', 'ق': skK, 'ك': skK, 'ل': 'L', 'م': 'M', 'ن': 'N', 'ه': skH,
}

// arabicSkel is the consonant skeleton of a folded Arabic name (from
// Key): ta marbuta at the end of a word and long vowels are left out.
func arabicSkel(words []string) string {
	var b []rune
	last := rune(0) // the class of the letter before, 0 after a vowel
	for _, w := range words {
		w = stripArticle(w)
		rs := []rune(w)
		for i, r := range rs {
			if r == 'ه' && i == len(rs)-1 && i > 0 {
				continue // ta marbuta, folded to ha
			}
			c, ok := arabicSkeleton[r]
			if !ok {
				last = 0
				continue
			}
			if c != last || c == 'ي' || c == 'و' || c == 'ا' {
				b = append(b, c)
			}
			last = c
		}
		last = 0
	}
	return string(b)
}

// latinSkel is the consonant skeleton of a romanised name, comparable
// with arabicSkel.
func latinSkel(name string) string {
	words := foldWords(name)
	var b []rune
	last := rune(0) // the class of the letter before, 0 after a vowel
	add := func(c rune) {
		if c != last || c == 'ي' || c == 'و' || c == 'ا' {
			b = append(b, c)
		}
		last = c
	}
	for wi, w := range words {
		if wi < len(words)-1 && latinArticles[w] {
			continue
		}
		last = 0
		// A final h after a vowel writes ta marbuta (Misratah, Darnah).
		if n := len(w); n > 2 && w[n-1] == 'h' && strings.ContainsRune("aeiou", rune(w[n-2])) {
			w = w[:n-1]
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			next := byte(0)
			if i+1 < len(w) {
				next = w[i+1]
			}
			switch {
			case next == 'h' && strings.IndexByte("kgsctdz", c) >= 0:
				switch c {
				case 'k', 'g':
					add(skK)
				case 's', 'c':
					add(skS)
				case 't':
					add(skT)
				case 'd', 'z':
					add(skD)
				}
				i++
			case strings.IndexByte("aeiouyw", c) >= 0:
				last = 0
			case strings.IndexByte("kqgjcx", c) >= 0:
				add(skK)
			case c == 't':
				add(skT)
			case c == 'd':
				add(skD)
			case c == 'z':
				add(skZ)
			case c == 's':
				add(skS)
			case c == 'h':
				add(skH)
			case c == 'b' || c == 'p':
				add('B')
			case c == 'f' || c == 'v':
				add('F')
			case c == 'l' || c == 'm' || c == 'n' || c == 'r':
				add(rune(c - 'a' + 'A'))
			}
		}
	}
	return string(b)
}
