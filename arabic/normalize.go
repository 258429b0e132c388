package arabic

import (
	"unicode/utf8"
)

// Normalize returns the form of s used for matching: alef forms (أ إ آ ٱ)
// become ا, ى becomes ي, ة becomes ه, hamza on waw or yeh (ؤ ئ) becomes the
// bare hamza ء (so that مسؤول and مسئول match), diacritics, tatweel and
// zero-width joiners are dropped, Arabic-Indic and Persian digits become
// ASCII digits (with ٫ → . and ٬ → ,), and Persian letters become their
// Arabic counterparts (ک → ك, ی → ي, پ → ب, چ → ج, ژ → ز, گ → ك, ڤ → ف).
// Everything else is kept as it is.
//
// The result is a separate string: offsets always point into the original
// text, never into a normalised one.
func Normalize(s string) string {
	if !needsNormalizing(s) {
		return s
	}
	return string(AppendNormalize(make([]byte, 0, len(s)), s))
}

// AppendNormalize appends the normalised form of s (see Normalize) to dst
// and returns the extended buffer.
func AppendNormalize(dst []byte, s string) []byte {
	return appendFold(dst, s, true)
}

// needsNormalizing reports whether Normalize would change s.
func needsNormalizing(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := decodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			return true
		}
		if m, keep := foldRune(r, true); !keep || m != r {
			return true
		}
		i += n
	}
	return false
}

// appendFold appends s folded for matching. With full set it is
// Normalize; without, it is the lighter folding the segmenter's lexicon
// keys use, which keeps the letters that tell words apart at a clitic
// boundary (hamza forms, ة, ى: والدة is not والده).
// Invalid UTF-8 bytes are dropped.
func appendFold(dst []byte, s string, full bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := decodeRune(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			continue
		}
		if m, keep := foldRune(r, full); keep {
			dst = utf8.AppendRune(dst, m)
		}
	}
	return dst
}

// foldRune maps one rune for matching and reports whether it is kept at
// all (diacritics, tatweel and joiners are not).
func foldRune(r rune, full bool) (rune, bool) {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == tatweel,
		r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E4, r == 0x06E7, r == 0x06E8,
		r >= 0x06EA && r <= 0x06ED, r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0x061C:
		return 0, false
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660, true
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0, true
	}
	switch r {
	case alefWasla, 0x0672, 0x0673:
		return alef, true
	case 'ک', 'ڪ', 'گ': // Persian kaf, swash kaf, gaf
		return 'ك', true
	case 'ی', 'ې', 'ے': // Persian yeh and its relatives
		return yeh, true
	case 'پ':
		return 'ب', true
	case 'چ':
		return 'ج', true
	case 'ژ':
		return 'ز', true
	case 'ڤ':
		return 'ف', true
	case 'ڨ': // Maghrebi g
		return 'ق', true
	case 'ھ', 'ە':
		return heh, true
	case 'ۀ', 'ۃ':
		if full {
			return heh, true
		}
		return tehMarbuta, true
	case '٫':
		return '.', true
	case '٪':
		return '%', true
	case '٬':
		return ',', true
	}
	if !full {
		return r, true
	}
	switch r {
	case alefHamzaAbove, alefHamzaBelow, alefMadda:
		return alef, true
	case alefMaqsura:
		return yeh, true
	case tehMarbuta:
		return heh, true
	case wawHamza, yehHamza:
		return hamza, true
	}
	return r, true
}
