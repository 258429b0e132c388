package arabic

import (
	"strings"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
)

// abbreviations is the set of words after which a full stop does not end a
// sentence, read from abbreviations.txt.
type abbreviations map[string]bool

func parseAbbreviations(name, data string) (abbreviations, error) {
	set, err := parseWordList(name, data, func(w string) string { return strings.TrimSuffix(w, ".") })
	return abbreviations(set), err
}

// Sentences returns the sentences of text, given its tokens (from
// Tokenize), as ranges that start at a sentence's first token and end
// after its last, so that only white space lies between them.
//
// A sentence ends at . ! ? ؟ (and runs of them), and at every line break.
// It does not end at a full stop that follows an abbreviation or a single
// letter (د. U.S.), a number opening a line (a list: "1. "), or at an
// ellipsis ("..." "…"), which in news text mostly marks a pause. Inside
// quotation marks or brackets a full stop does not end the sentence; the
// sentence then ends at the closing mark if a full stop comes just before
// it («... . ...» ends at »).
func (a *Analyzer) Sentences(text string, tokens []document.Token) []document.Range {
	return a.appendSentences(nil, text, tokens)
}

func (a *Analyzer) appendSentences(dst []document.Range, text string, tokens []document.Token) []document.Range {
	if len(tokens) == 0 {
		return dst
	}
	var (
		first       = 0     // index of the current sentence's first token
		depth       = 0     // open quotation marks and brackets
		straight    = false // inside "..."
		finalInside = false // a sentence-final mark was seen inside the quotation
	)
	end := func(last int) {
		dst = append(dst, document.Range{tokens[first].Start, tokens[last].End})
		first = last + 1
		depth, straight, finalInside = 0, false, false
	}
	for i := range tokens {
		if i < first {
			continue // taken by the sentence that just ended (closing marks)
		}
		t := tokens[i]
		if i > first && hasLineBreak(text[tokens[i-1].End:t.Start]) {
			end(i - 1)
		}
		if t.Kind != document.Punct {
			continue
		}
		s := text[t.Start:t.End]
		r, _ := utf8.DecodeRuneInString(s)
		quoted := depth > 0 || straight
		switch {
		case isOpening(r):
			depth++
			continue
		case isClosing(r):
			if depth > 0 {
				depth--
			}
			if depth == 0 && !straight && finalInside && i > 0 && endsSentence(text, tokens, i-1) {
				end(a.absorbClosers(text, tokens, i))
			}
			if depth == 0 && !straight {
				finalInside = false
			}
			continue
		case r == '"':
			if straight {
				straight = false
				if depth == 0 && finalInside && i > 0 && endsSentence(text, tokens, i-1) {
					end(a.absorbClosers(text, tokens, i))
				}
			} else {
				straight = true
			}
			continue
		case !isFinal(r):
			continue
		}
		if !a.isBoundary(text, tokens, i, first) {
			continue
		}
		if quoted {
			finalInside = true
			continue
		}
		end(a.absorbClosers(text, tokens, i))
	}
	if first < len(tokens) {
		end(len(tokens) - 1)
	}
	return dst
}

// isBoundary reports whether the run of final marks at tokens[i] ends a
// sentence, leaving quotation aside.
func (a *Analyzer) isBoundary(text string, tokens []document.Token, i, first int) bool {
	s := text[tokens[i].Start:tokens[i].End]
	if strings.ContainsAny(s, "!?؟‼⁉") {
		return true
	}
	if s != "." && s != "۔" {
		return false // an ellipsis
	}
	if i == first {
		return true // a stop on its own
	}
	prev := tokens[i-1]
	if prev.End != tokens[i].Start {
		return true // "word ." still ends it
	}
	word := text[prev.Start:prev.End]
	switch prev.Kind {
	case document.Number:
		// "1. " opening a line numbers a list item.
		return !(i-1 == first && tokenOpensLine(text, tokens, i-1))
	case document.Word, document.LatinWord:
		if a.abbrevs[word] {
			return false
		}
		if letterCount(word) == 1 {
			// An initial or an abbreviation (د. U.S.), unless it marks the era
			// of a year that ends the sentence (عام 1435 هـ.).
			if i >= 2 && tokens[i-2].Kind == document.Number {
				return true
			}
			return false
		}
		// A full stop glued to a Latin letter is inside a name or code (e.g. a.m).
		if next := tokens[i].End; next < len(text) && prev.Kind == document.LatinWord {
			if cls, _, _ := classify(text[next:]); cls == cLetter {
				return false
			}
		}
	}
	return true
}

func tokenOpensLine(text string, tokens []document.Token, i int) bool {
	if i == 0 {
		return true
	}
	return hasLineBreak(text[tokens[i-1].End:tokens[i].Start])
}

// endsSentence reports whether tokens[i] is a final mark that ends a
// sentence inside a quotation: "." "!" "؟" but not an ellipsis.
func endsSentence(text string, tokens []document.Token, i int) bool {
	t := tokens[i]
	if t.Kind != document.Punct {
		return false
	}
	s := text[t.Start:t.End]
	return s == "." || s == "۔" || strings.ContainsAny(s, "!?؟‼⁉")
}

// absorbClosers returns the index of the last token of the sentence whose
// final mark is tokens[i]: closing quotation marks and brackets glued to it
// belong to it, as does a final mark right after a closing quote (».).
func (a *Analyzer) absorbClosers(text string, tokens []document.Token, i int) int {
	for i+1 < len(tokens) && tokens[i+1].Start == tokens[i].End && tokens[i+1].Kind == document.Punct {
		r, _ := utf8.DecodeRuneInString(text[tokens[i+1].Start:])
		if !isClosing(r) && r != '"' && !isFinal(r) {
			break
		}
		i++
	}
	return i
}

func isOpening(r rune) bool {
	return r == '«' || r == '“' || r == '„' || r == '‹' || r == '(' || r == '[' || r == '{' || r == '﴾'
}

func isClosing(r rune) bool {
	return r == '»' || r == '”' || r == '›' || r == ')' || r == ']' || r == '}' || r == '﴿'
}

func hasLineBreak(s string) bool {
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f' || r == 0x85 {
			return true
		}
	}
	return false
}

// letterCount counts the letters of a word, not its diacritics.
func letterCount(s string) int {
	n := 0
	for i := 0; i < len(s); {
		cls, _, size := classify(s[i:])
		if cls == cArabic || cls == cLetter {
			n++
		}
		i += size
	}
	return n
}
