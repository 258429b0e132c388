package clean

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
)

const (
	// articleLineWords is how many words make a kept line a paragraph of
	// the article: once one is kept, a tail rule may remove the rest.
	articleLineWords = 12

	// headlineMaxWords and headingMaxLines bound what a heading rule takes
	// with it: the headline-like lines right after "اقرأ أيضا".
	headlineMaxWords = 15
	headingMaxLines  = 10

	// menuMaxWords and menuMinRun: in a page, a run of at least menuMinRun
	// consecutive lines of at most menuMaxWords words each is a menu, a
	// breadcrumb or a tag cloud, not prose.
	menuMaxWords = 2
	menuMinRun   = 3

	// menuItemMaxWords is the longest item of a menu written on one line
	// with separators.
	menuItemMaxWords = 3

	// latinChromeMaxWords: in a page, a short line with no Arabic letter
	// ("U.S.", "English", "2min") is interface text.
	latinChromeMaxWords = 8

	// fragmentMaxWords: in plain text, a line this short after a line
	// that does not end a sentence is a piece of that sentence, never
	// boilerplate.
	fragmentMaxWords = 4

	// titleSearchLines is how far into a page's lines a repeat of the title
	// is looked for.
	titleSearchLines = 6
)

// removal is a removed piece of text and the line it was found on.
type removal struct {
	document.Removed
	line int
}

// filter removes boilerplate from tidied lines and returns the indexes of
// the lines kept (with their text, which inline cuts may have shortened)
// and what was removed, in text order. fromPage turns on the checks that
// only make sense for text extracted from a web page (menus, short lines
// without Arabic). title, when not empty, is the article's title: a repeat
// of it before the article begins is removed as such.
func (rs *rules) filter(lines []string, fromPage bool, title string) (kept []keptLine, removed []removal) {
	kept = make([]keptLine, 0, len(lines))
	i := 0
	drop := func(text, reason string) {
		removed = append(removed, removal{document.Removed{Text: text, Reason: reason}, i})
	}
	folded := make([][]string, len(lines))
	for j, l := range lines {
		folded[j] = fold(l)
	}
	var menu []bool
	if fromPage {
		menu = menuLines(folded)
	}
	titleKey := strings.Join(fold(title), " ")
	started := false
	// The first line long enough to be a paragraph of the article: lead
	// rules apply only before it.
	first := len(lines)
	for j, words := range folded {
		if len(words) >= articleLineWords {
			first = j
			break
		}
	}
	// boilerplate[j] records that line j was removed whole by a rule: a
	// line after it starts afresh, not in the middle of a sentence.
	boilerplate := make([]bool, len(lines))
	lines = slices.Clone(lines) // pieces of punctuation move between lines
	for ; i < len(lines); i++ {
		text := rs.cutInline(lines[i], drop)
		lines[i] = text
		if text == "" {
			continue
		}
		words := folded[i]
		if len(text) != len(lines[i]) {
			words = fold(text)
		}
		if len(words) == 0 {
			// Punctuation alone: a separator, or a piece of a sentence
			// broken across lines ("…على\nتويتر\n." ), which goes back
			// where it belongs.
			last := len(kept) - 1
			switch {
			case decorative(text):
				drop(text, document.ReasonPageChrome)
			case last >= 0 && kept[last].line == i-1 && closes(text, kept[last].text):
				kept[last].text += text
				kept[last].line = i
			case i+1 < len(lines) && opens(text):
				lines[i+1] = text + lines[i+1]
			default:
				drop(text, document.ReasonPageChrome)
			}
			continue
		}
		fragment := !fromPage && len(words) <= fragmentMaxWords && brokenSentence(lines, boilerplate, i)
		if r := rs.match(text, words, i < first); r != nil && !fragment {
			drop(text, r.reason)
			boilerplate[i] = true
			switch r.kind {
			case kindHeading:
				for n := 0; n < headingMaxLines && i+1 < len(lines) && rs.headline(lines[i+1], folded[i+1], i+1 < first); n++ {
					i++
					drop(lines[i], r.reason)
					boilerplate[i] = true
				}
			case kindTail:
				if started {
					for i++; i < len(lines); i++ {
						drop(lines[i], r.reason)
					}
					return kept, removed
				}
			}
			continue
		}
		switch {
		case !hasLetters(words) && fromPage:
			// Counters, page numbers, lone times: in a page they are
			// interface; in plain text a number may be part of the article.
			drop(text, document.ReasonPageChrome)
			boilerplate[i] = true
		case !started && titleKey != "" && i < titleSearchLines && strings.Join(words, " ") == titleKey:
			drop(text, document.ReasonTitle)
			boilerplate[i] = true
		case fromPage && menu[i], strings.ContainsAny(text, "|•·") && separatedMenu(text):
			drop(text, document.ReasonNavigation)
			boilerplate[i] = true
		case fromPage && len(words) <= latinChromeMaxWords && !hasArabic(text):
			drop(text, document.ReasonPageChrome)
			boilerplate[i] = true
		default:
			kept = append(kept, keptLine{text, i})
			if len(words) >= articleLineWords {
				started = true
			}
		}
	}
	return kept, removed
}

// brokenSentence reports whether line i of a plain text reads as a piece of
// a sentence broken across lines: the line before it does not end a
// sentence or clause (and was not itself a boilerplate line), or the line
// after it starts with punctuation or a digit ("في مايو 19\n46 اجتمعت…").
func brokenSentence(lines []string, boilerplate []bool, i int) bool {
	if i > 0 && !boilerplate[i-1] && !endsClause(lines[i-1]) && !(i == 1 && looksLikeTitle(lines[0])) {
		return true
	}
	if i+1 < len(lines) {
		next, _ := utf8.DecodeRuneInString(lines[i+1])
		return startsWithPunct(lines[i+1]) || unicode.IsDigit(next)
	}
	return false
}

// endsClause reports whether a line ends a sentence or a clause that
// introduces what follows (":", "؛").
func endsClause(s string) bool {
	if endsSentence(s) {
		return true
	}
	s = strings.TrimRight(s, "\"'»”’)] ")
	return strings.HasSuffix(s, ":") || strings.HasSuffix(s, "؛") || strings.HasSuffix(s, "…")
}

// decorative reports whether s is made only of separator marks ("***",
// "- - -", "•").
func decorative(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("*-_=•~#·|/\\+^◆■□●○►▪–—ـ ", r) {
			return false
		}
	}
	return true
}

// closes reports whether punctuation s ends the line before it, prev: a
// full stop, comma, closing bracket or quote, or a straight quote that
// prev leaves open.
func closes(s, prev string) bool {
	r := []rune(s)[0]
	switch r {
	case '"', '\'':
		return strings.Count(prev, string(r))%2 == 1
	}
	return strings.ContainsRune(".,،؛;:!?؟)]}»”’…", r)
}

// opens reports whether punctuation s opens what follows it.
func opens(s string) bool {
	r := []rune(s)[0]
	return strings.ContainsRune("([{«“‘\"'", r)
}

// keptLine is a line kept in the text and its index among the input lines.
type keptLine struct {
	text string
	line int
}

// headline reports whether a line after a related-links heading looks like
// a linked headline: short, not a finished sentence, and no other rule's.
func (rs *rules) headline(line string, words []string, lead bool) bool {
	if len(words) == 0 || len(words) > headlineMaxWords || rs.match(line, words, lead) != nil {
		return false
	}
	return !strings.HasSuffix(line, ".") || strings.HasSuffix(line, "..")
}

// cutInline removes the matches of inline rules from line, reporting each
// through drop, and returns what is left, tidied.
func (rs *rules) cutInline(line string, drop func(text, reason string)) string {
	for _, r := range rs.inline {
		for {
			loc := r.re.FindStringIndex(line)
			if loc == nil {
				break
			}
			drop(strings.TrimSpace(line[loc[0]:loc[1]]), r.reason)
			left, right := strings.TrimRight(line[:loc[0]], " "), strings.TrimLeft(line[loc[1]:], " ")
			if left != "" && right != "" && !startsWithPunct(right) {
				left += " "
			}
			line = left + right
		}
	}
	return line
}

// menuLines marks the lines (given folded) that belong to a run of
// menuMinRun or more consecutive very short lines.
func menuLines(lines [][]string) []bool {
	menu := make([]bool, len(lines))
	short := func(words []string) bool {
		return len(words) > 0 && len(words) <= menuMaxWords
	}
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && short(lines[j]) {
			j++
		}
		if j-i >= menuMinRun {
			for k := i; k < j; k++ {
				menu[k] = true
			}
		}
		i = max(j, i+1)
	}
	return menu
}

// separatedMenu reports whether a line is a menu written on one line:
// at least menuMinRun short items between "|" or "•" separators
// ("الرئيسية | فيديو | الشرق الأوسط | العالم").
func separatedMenu(line string) bool {
	items := strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == '•' || r == '·' })
	if len(items) < menuMinRun {
		return false
	}
	for _, item := range items {
		if n := len(fold(item)); n > menuItemMaxWords || endsSentence(item) {
			return false
		}
	}
	return true
}

// hasLetters reports whether some folded word is not a number.
func hasLetters(words []string) bool {
	for _, w := range words {
		if !isNumber(w) {
			return true
		}
	}
	return false
}

func hasArabic(s string) bool {
	for _, r := range s {
		if isArabicLetter(r) {
			return true
		}
	}
	return false
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'»”’)] ")
	for _, end := range []string{".", "!", "?", "؟"} {
		if strings.HasSuffix(s, end) {
			return true
		}
	}
	return false
}

func startsWithPunct(s string) bool {
	for _, r := range s {
		return strings.ContainsRune(".,،؛;:!?؟)]»”", r)
	}
	return false
}
