package clean

import (
	"strings"
	"unicode"
)

// fold returns the words of s in the form the boilerplate rules are matched
// in: Arabic diacritics and tatweel dropped, the alef forms, alef maqsura and
// ta marbuta unified, Latin letters in lower case, and everything that is
// not a letter or a digit treated as a word break. So "اقرأ أيضاً:" and
// "إقرأ ايضا" fold to the same two words.
func fold(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case isArabicMark(r) || r == 'ـ':
			// Diacritics and tatweel never separate words.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(foldRune(r))
		case unicode.Is(unicode.Mn, r) || r == zwnj || r == zwj:
			// Other combining marks and joiners belong to the word they are in.
		default:
			flush()
		}
	}
	flush()
	return words
}

// foldRune maps one letter to its matching form.
func foldRune(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى':
		return 'ي'
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ئ':
		return 'ي'
	case 'ک':
		return 'ك'
	case 'ی':
		return 'ي'
	}
	if r >= '٠' && r <= '٩' {
		return '0' + (r - '٠')
	}
	if r >= '۰' && r <= '۹' {
		return '0' + (r - '۰')
	}
	return unicode.ToLower(r)
}

// isArabicMark reports whether r is an Arabic diacritic (harakat, tanwin,
// shadda, sukun, superscript alef, Quranic marks).
func isArabicMark(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 ||
		(r >= 0x0610 && r <= 0x061A) || (r >= 0x06D6 && r <= 0x06ED)
}

// isArabicLetter reports whether r is a letter of the Arabic script.
func isArabicLetter(r rune) bool {
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

// isNumber reports whether a folded word is made of digits only.
func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}
