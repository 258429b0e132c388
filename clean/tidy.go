package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	zwnj = '\u200C' // zero-width non-joiner
	zwj  = '\u200D' // zero-width joiner
)

// paragraphs splits text into its non-empty lines, each tidied: every kind
// of line break counts (CRLF, CR, U+2028…), white space runs become one
// space, leading and trailing spaces go, and invisible format characters
// that are not part of a word are dropped (see invisible).
//
// Every non-empty line is a paragraph: blank lines between paragraphs carry
// no information once the text is one paragraph a line.
func paragraphs(text string) []string {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	var lines []string
	var b strings.Builder
	space := false // a space is pending between two words
	flush := func() {
		if b.Len() > 0 {
			lines = append(lines, b.String())
			b.Reset()
		}
		space = false
	}
	var prev rune
	for i, r := range text {
		switch {
		case '\u0621' <= r && r <= '\u06FF' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9':
			// Arabic letters and ASCII letters and digits, most of any
			// text, are neither spaces nor invisible: no table look-ups.
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(text[i : i+utf8.RuneLen(r)])
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' ||
			r == '\u0085' || r == '\u2028' || r == '\u2029':
			flush()
		case r == '\t' || unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			space = b.Len() > 0
		case r == zwnj || r == zwj:
			// A joiner shapes the letters on either side of it (Persian
			// plural -ها, Urdu, Arabic ligature control): keep it between
			// two letters, drop it anywhere else.
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if !space && unicode.IsLetter(prev) && unicode.IsLetter(next) {
				b.WriteRune(r)
			}
		case invisible(r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
		prev = r
	}
	flush()
	return lines
}

// invisible reports whether r is a control or format character that a
// reader does not see and that carries nothing for the text: directional
// marks, embeddings and isolates (U+200E, U+200F, U+061C, U+202A–U+202E,
// U+2066–U+2069), the byte-order mark U+FEFF, zero-width space, word joiner,
// soft hyphen, and C0/C1 control codes. Joiners (ZWNJ, ZWJ) are handled by
// the caller, since inside a word they are part of it.
func invisible(r rune) bool {
	switch r {
	case '\u200B', '\u200E', '\u200F', '\u061C', '\uFEFF', '\u2060', '\u00AD', '\u180E':
		return true
	}
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') ||
		(r < 0x20) || (r >= 0x7F && r <= 0x9F)
}
