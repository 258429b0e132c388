package clean

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
)

// squeeze returns s without its white space, to compare the text of lines
// that an extractor and the page break and space differently.
func squeeze(s string) string {
	if strings.IndexFunc(s, isSpace) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if !isSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isSpace is unicode.IsSpace, quicker on Arabic letters.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r)
}

// pageRun returns the consecutive lines of the page whose text, white
// space aside, is exactly the one line an extractor gave; nil when there
// are none, or when the line is one of the page's lines already. On a
// short page trafilatura gives up on paragraphs and runs the text of the
// <article> together (its "baseline"): the title, the byline and the
// paragraphs in one line, which the boilerplate filter cannot take apart.
// The page's own lines hold the same text with its structure.
func pageRun(line string, page []string) []string {
	want := squeeze(line)
	keys := make([]string, len(page))
	for i, l := range page {
		keys[i] = squeeze(l)
	}
	for i, k := range keys {
		if k == "" || !strings.HasPrefix(want, k) {
			continue
		}
		rest := want[len(k):]
		for j := i + 1; j < len(keys) && rest != "" && strings.HasPrefix(rest, keys[j]); j++ {
			rest = rest[len(keys[j]):]
			if rest == "" {
				return page[i : j+1]
			}
		}
	}
	return nil
}

// numericDate is a date written with digits, year first or last: 2026-03-04,
// 04/03/2026, 4.3.2026 (day before month, as Arabic pages write it).
var numericDate = regexp.MustCompile(`(?:^|[^\d])(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))(?:[^\d]|$)`)

// datelineDate returns, as YYYY-MM-DD, the first valid date written with
// digits in the lines removed as datelines; "" when there is none.
func datelineDate(removed []removal) string {
	for _, r := range removed {
		if r.Reason != document.ReasonDateline {
			continue
		}
		if d := numericDateOf(toASCIIDigits(r.Text)); d != "" {
			return d
		}
	}
	return ""
}

// numericDateOf returns the first valid date of numericDate in s.
func numericDateOf(s string) string {
	for _, m := range numericDate.FindAllStringSubmatch(s, -1) {
		y, mo, d := m[1], m[2], m[3]
		if y == "" {
			y, mo, d = m[6], m[5], m[4]
		}
		year, _ := strconv.Atoi(y)
		month, _ := strconv.Atoi(mo)
		day, _ := strconv.Atoi(d)
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if year < 1900 || t.Year() != year || int(t.Month()) != month || t.Day() != day {
			continue // 2026-02-30, or a number that is not a date
		}
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	}
	return ""
}

// toASCIIDigits writes Arabic-Indic and Eastern Arabic-Indic digits as
// ASCII digits.
func toASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case '٠' <= r && r <= '٩':
			return '0' + r - '٠'
		case '۰' <= r && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
}
