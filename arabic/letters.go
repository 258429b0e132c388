package arabic

import (
	"unicode"
	"unicode/utf8"
)

// Arabic letters the segmenter and the normaliser refer to by name.
const (
	hamza          = 'ء'
	alef           = 'ا'
	alefMadda      = 'آ'
	alefHamzaAbove = 'أ'
	alefHamzaBelow = 'إ'
	alefWasla      = 'ٱ'
	waw            = 'و'
	wawHamza       = 'ؤ'
	yeh            = 'ي'
	yehHamza       = 'ئ'
	alefMaqsura    = 'ى'
	tehMarbuta     = 'ة'
	teh            = 'ت'
	heh            = 'ه'
	tatweel        = 'ـ'
)

// class is what a rune is for the tokeniser.
type class uint8

const (
	cSpace  class = iota
	cArabic       // Arabic letter
	cJoiner       // diacritic, tatweel or zero-width joiner: part of the word around it
	cLetter       // letter of another script
	cMark         // combining mark of another script
	cDigit        // digit of any digit set
	cPunct
	cSymbol
	cInvalid // a byte that is not UTF-8
)

// classify returns the class of the rune at the start of s and its size.
func classify(s string) (class, rune, int) {
	c := s[0]
	if c < utf8.RuneSelf {
		return asciiClass(c), rune(c), 1
	}
	r, n := decodeRune(s)
	if r == utf8.RuneError && n == 1 {
		return cInvalid, r, 1
	}
	return runeClass(r), r, n
}

// decodeRune is utf8.DecodeRuneInString with a fast path for two-byte
// sequences, which every Arabic letter is.
func decodeRune(s string) (rune, int) {
	if len(s) >= 2 && s[0] >= 0xC2 && s[0] <= 0xDF && s[1]&0xC0 == 0x80 {
		return rune(s[0]&0x1F)<<6 | rune(s[1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s)
}

func asciiClass(c byte) class {
	switch {
	case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
		return cSpace
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		return cLetter
	case '0' <= c && c <= '9':
		return cDigit
	case c == '%' || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' ||
		c == '^' || c == '`' || c == '|' || c == '~' || c < ' ' || c == 0x7f:
		return cSymbol
	}
	return cPunct
}

func runeClass(r rune) class {
	switch {
	case r >= 0x0621 && r <= 0x063A, r >= 0x0641 && r <= 0x064A:
		return cArabic
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == tatweel:
		return cJoiner
	case r == 0x200C || r == 0x200D: // ZWNJ, ZWJ: used inside Persian and Arabic words
		return cJoiner
	case r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
		return cDigit
	case r == '٪' || r == '؉' || r == '؊' || r == '‰' || r == '٭':
		return cSymbol
	case unicode.IsSpace(r):
		return cSpace
	}
	arabicBlock := r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F ||
		r >= 0x08A0 && r <= 0x08FF || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
	switch {
	case unicode.IsLetter(r):
		if arabicBlock {
			return cArabic
		}
		return cLetter
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		if arabicBlock {
			return cJoiner
		}
		return cMark
	case unicode.IsDigit(r):
		return cDigit
	case unicode.IsPunct(r):
		return cPunct
	}
	return cSymbol
}

// isSpace reports whether r is white space in the sense of strings.TrimSpace,
// which document.Check uses to decide what may lie between sentences.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass(byte(r)) == cSpace
	}
	return unicode.IsSpace(r)
}
