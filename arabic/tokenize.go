package arabic

import (
	"strings"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
)

// Tokenize appends the tokens of text to dst and returns the extended
// slice. Each token's Start/End are byte offsets into text; its stem is the
// whole token and Norm is left empty (the Analyzer segments words and fills
// Norm in).
//
// Arabic words keep their diacritics, tatweel and zero-width joiners
// inside them; numbers take their separators when a digit follows (3.5,
// ٣٫٥, 1,200, 10:30, 2013/5/1); a run of sentence-final marks ("...",
// "؟!") is one token; URLs and e-mail addresses are one Symbol token; %,
// ٪ and other symbols are Symbol tokens of one rune. Bytes that are not
// UTF-8 belong to no token, like white space.
func Tokenize(text string, dst []document.Token) []document.Token {
	for i := 0; i < len(text); {
		cls, r, n := classify(text[i:])
		start := i
		var kind document.TokenKind
		switch cls {
		case cSpace, cInvalid:
			i += n
			continue
		case cArabic, cJoiner:
			i = scanArabicWord(text, i+n)
			kind = document.Word
			if cls == cJoiner && !hasArabicLetter(text[start:i]) {
				kind = document.Symbol // a stray diacritic or a line of tatweel
			}
		case cLetter:
			if m := linkLen(text[i:]); m > 0 {
				i += m
				kind = document.Symbol
				break
			}
			i = scanLatinWord(text, i+n)
			kind = document.LatinWord
		case cDigit:
			if m := linkLen(text[i:]); m > 0 {
				i += m
				kind = document.Symbol
				break
			}
			i = scanNumber(text, i+n)
			kind = document.Number
		case cPunct:
			i += n
			if isFinal(r) {
				for i < len(text) {
					r2, n2 := utf8.DecodeRuneInString(text[i:])
					if !isFinal(r2) {
						break
					}
					i += n2
				}
			}
			kind = document.Punct
		default: // cMark on its own, cSymbol
			i += n
			kind = document.Symbol
		}
		dst = append(dst, document.Token{Start: start, End: i, StemStart: start, StemEnd: i, Kind: kind})
	}
	return dst
}

// isFinal reports whether r is a mark that can end a sentence.
func isFinal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '؟' || r == '…' || r == '۔' || r == '‼' || r == '⁉'
}

func scanArabicWord(text string, i int) int {
	for i < len(text) {
		cls, _, n := classify(text[i:])
		if cls != cArabic && cls != cJoiner {
			break
		}
		i += n
	}
	return i
}

func hasArabicLetter(s string) bool {
	for i := 0; i < len(s); {
		cls, _, n := classify(s[i:])
		if cls == cArabic {
			return true
		}
		i += n
	}
	return false
}

// scanLatinWord takes letters, combining marks and ASCII digits (F16, G20).
func scanLatinWord(text string, i int) int {
	for i < len(text) {
		cls, _, n := classify(text[i:])
		if cls != cLetter && cls != cMark && !(n == 1 && cls == cDigit) {
			break
		}
		i += n
	}
	return i
}

// scanNumber takes digits, and a separator only when a digit follows it.
func scanNumber(text string, i int) int {
	for i < len(text) {
		cls, r, n := classify(text[i:])
		if cls == cDigit {
			i += n
			continue
		}
		if !isNumberSeparator(r) || i+n >= len(text) {
			break
		}
		if next, _, _ := classify(text[i+n:]); next != cDigit {
			break
		}
		i += n
	}
	return i
}

func isNumberSeparator(r rune) bool {
	return r == '.' || r == ',' || r == '٫' || r == '٬' || r == ':' || r == '/'
}

// linkLen returns the length of the URL or e-mail address at the start of
// s, or 0 if there is none.
func linkLen(s string) int {
	c := s[0]
	if c == 'h' || c == 'H' || c == 'w' || c == 'W' {
		if hasPrefixFold(s, "https://") || hasPrefixFold(s, "http://") || hasPrefixFold(s, "www.") {
			n := 0
			for n < len(s) && isURLByte(s[n]) {
				n++
			}
			return trimLinkEnd(s[:n])
		}
	}
	// An address: local part, @, a domain with a dot in it.
	n := 0
	for n < len(s) && (isAlnum(s[n]) || s[n] == '.' || s[n] == '_' || s[n] == '-' || s[n] == '+') {
		n++
	}
	if n == 0 || n >= len(s) || s[n] != '@' {
		return 0
	}
	m := n + 1
	for m < len(s) && (isAlnum(s[m]) || s[m] == '.' || s[m] == '-') {
		m++
	}
	m = trimLinkEnd(s[:m])
	if m <= n+1 || !strings.Contains(s[n+1:m], ".") {
		return 0
	}
	return m
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isURLByte accepts the printable ASCII a URL may hold, and the bytes of
// non-ASCII runes (percent-decoded Arabic paths are common) except those
// of Arabic punctuation, which we cannot tell here; links end at space.
func isURLByte(c byte) bool {
	if c >= utf8.RuneSelf {
		return false
	}
	return c > ' ' && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`' &&
		c != '{' && c != '|' && c != '}' && c != 0x7f
}

// trimLinkEnd drops the punctuation that ends the sentence around a link
// rather than the link itself.
func trimLinkEnd(s string) int {
	n := len(s)
	for n > 0 && strings.IndexByte(".,;:!?)]'\"-", s[n-1]) >= 0 {
		if s[n-1] == ')' && strings.Count(s[:n], "(") >= strings.Count(s[:n], ")") {
			break
		}
		n--
	}
	return n
}
