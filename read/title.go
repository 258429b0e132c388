package read

import (
	"strings"
	"unicode/utf8"
)

// Limits for a first line to be taken as a title: headlines are short.
const (
	titleMaxWords = 25
	titleMaxRunes = 200
)

// sentenceEnd holds the marks that end a sentence or announce more to
// come; a first line ending with one is prose, not a title.
const sentenceEnd = ".!?؟…۔:،,؛;"

// splitTitle takes the first line of a text file as its title when it
// looks like one: short, ending without sentence-final punctuation, and
// followed by more text. It returns the title ("" when there is none) and
// the text without it.
func splitTitle(text string) (title, body string) {
	rest := strings.TrimLeft(text, " \t\r\n\f\v\u00a0\ufeff")
	line, after, found := strings.Cut(rest, "\n")
	line = strings.TrimSpace(line)
	if !found || line == "" || strings.TrimSpace(after) == "" {
		return "", text
	}
	if utf8.RuneCountInString(line) > titleMaxRunes || len(strings.Fields(line)) > titleMaxWords {
		return "", text
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(sentenceEnd, last) {
		return "", text
	}
	return line, strings.TrimLeft(after, "\r\n")
}
