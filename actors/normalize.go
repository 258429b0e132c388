package actors

import (
	"strings"
	"unicode"

	"github.com/rasad/rasad/arabic"
)

// normalize gives the key under which a name is indexed and looked up:
// arabic.Normalize's folding (the one tokens' Norm uses, so that a
// token's normalised stem meets the list's aliases), then Latin letters in
// lower case and every run of spaces, punctuation and symbols as one
// space, so that "الناطق باسم الجيش، اللواء" and "AFRICOM" match however
// they are punctuated or cased.
func normalize(s string) string {
	s = arabic.Normalize(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
