package actors

import (
	"strings"
	"unicode"
)

// normalize folds the spelling differences news text shows in names, so
// that aliases and mentions meet: diacritics and tatweel go, alef forms
// become ا, ى becomes ي, ة becomes ه, Persian letters their Arabic twins,
// Latin letters lower case, and punctuation a single space.
//
// TODO: switch to arabic.Normalize once package arabic lands, so that the
// actor index and the tokens' Norm agree by construction.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640: // harakat, superscript alef, tatweel
			continue
		case r >= 0x200B && r <= 0x200F, r == 0xFEFF: // zero-width joiners and marks
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى' || r == 'ی':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ک':
			r = 'ك'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default: // spaces, punctuation, quotation marks, symbols
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
