package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize returns the matching form of an Arabic word: diacritics and
// tatweel dropped, the alef variants folded into bare alef, alef maqsura
// into ya, ta marbuta into ha, Arabic-Indic digits into ASCII, Latin
// letters lower-cased. Names are spelled every way in news text (أمريكا,
// امريكا), so the tagger only ever sees this form.
func normalize(w string) string {
	clean := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r >= 0x064B && r <= 0x0652, r == 0x0670, r == 0x0640, r == 0x200F, r == 0x200E, r == 0x200C, r == 0x200D:
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			r = '0' + (r - '۰')
		case r < utf8.RuneSelf:
			r = unicode.ToLower(r)
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Proclitic strings in normalised form, longest first, as they stack in
// front of a word: conjunction (و ف), then preposition or future particle
// (ب ل ك س), then the article (ال). "لل" is ل + ال with the alef elided.
var procliticForms = [...]string{
	"وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
	"وب", "ول", "وك", "وس", "فب", "فل", "فك", "فس", "و", "ف", "ب", "ل", "ك",
}

// splitClitics guesses the proclitics of a normalised word by form alone:
// the longest proclitic string that leaves a stem of at least minStem
// letters. It is a cheap stand-in for a segmenter, used for features, where
// a wrong guess costs little because the whole word is a feature too.
// It returns the proclitic and the stem.
func splitClitics(n string) (prefix, stem string) {
	for _, p := range procliticForms {
		if len(n)-len(p) >= 2*minStem && strings.HasPrefix(n, p) && n[len(p):] != "ال" {
			return p, n[len(p):]
		}
	}
	return "", n
}

// minStem is the fewest letters splitClitics leaves in a stem.
const minStem = 2

// wordShape classes.
const (
	shapeArabic = iota
	shapeLatin
	shapeDigit
	shapePunct
	shapeMixed
	shapeOther
)

// shapeOf classifies a normalised token by the scripts it is written in.
func shapeOf(n string) int {
	var arabic, latin, digit, punct, other bool
	for _, r := range n {
		switch {
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			punct = true
		case r >= 0x0600 && r <= 0x06FF:
			arabic = true
		case r >= '0' && r <= '9':
			digit = true
		case unicode.Is(unicode.Latin, r):
			latin = true
		default:
			other = true
		}
	}
	switch {
	case arabic && !latin && !digit && !punct:
		return shapeArabic
	case latin && !arabic && !digit && !punct:
		return shapeLatin
	case digit && !arabic && !latin:
		return shapeDigit
	case punct && !arabic && !latin && !digit:
		return shapePunct
	case arabic || latin || other:
		return shapeMixed
	}
	return shapeOther
}
