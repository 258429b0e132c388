package actors

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
)

// Mention is a stretch of an article's text that names an actor, by name
// or by description, with the actors it may mean there.
type Mention struct {
	// Start and End are byte offsets into the text. Clitics in front
	// (و، ب، ل …) are left out: in "وللجيش الوطني" the mention starts at
	// the article's ل.
	Start, End int
	Text       string
	Resolution
}

// Mentions finds every stretch of text that the list knows as an actor's
// name or description and that fits ctx, given the text's tokens as
// package arabic's Tokenize gives them. At each word it takes the longest
// match; matches never overlap and never cross punctuation. Descriptions
// are found too ("القيادة العامة", "رئيس المجلس الرئاسي"), so that the
// linking stage can tie them to an actor where the tagger saw no name.
func (l *List) Mentions(text string, tokens []document.Token, ctx Context) []Mention {
	norms := make([]string, len(tokens))
	for i, t := range tokens {
		if t.Kind == document.Word || t.Kind == document.LatinWord || t.Kind == document.Number {
			norms[i] = normalize(text[t.Start:t.End])
		}
	}
	type match struct {
		end   int // index of the token after the match
		form  string
		strip int
	}
	var out []Mention
	var found []match
	for i := 0; i < len(tokens); {
		found = found[:0]
		if norms[i] != "" {
			// Grow a window from each clitic form of the first word while
			// it is the start of some indexed form.
			for _, sp := range cliticSplits(norms[i]) {
				form := sp.form
				for j := i + 1; l.prefixes[form]; j++ {
					if l.index[form] != nil {
						found = append(found, match{j, form, sp.strip})
					}
					if j == len(tokens) || norms[j] == "" {
						break
					}
					form += " " + norms[j]
				}
			}
		}
		// The longest match that fits the context; the bare form before a
		// clitic reading of the same length.
		slices.SortStableFunc(found, func(a, b match) int { return b.end - a.end })
		next := i + 1
		for _, m := range found {
			r := l.rank(l.candidates(m.form), ctx)
			if len(r.Candidates) == 0 {
				continue
			}
			start, stop := skipLetters(text, tokens[i].Start, m.strip), tokens[m.end-1].End
			out = append(out, Mention{Start: start, End: stop, Text: text[start:stop], Resolution: r})
			next = m.end
			break
		}
		i = next
	}
	return out
}

// skipLetters returns the offset after n letters of text from i, each with
// the diacritics and tatweel that follow it.
func skipLetters(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.Is(unicode.Mn, r) && r != 'ـ' {
				break
			}
			i += size
		}
	}
	return i
}
