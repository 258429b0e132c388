package clean

import (
	_ "embed"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/rasad/rasad/document"
)

// ErrNoText is returned for a page in which no article text was found (a
// page of scripts, an empty page, a page that is all menus).
var ErrNoText = errors.New("no article text found")

//go:embed boilerplate.rules
var defaultRules []byte

// Cleaner cleans articles. It holds the compiled boilerplate rules and is
// never modified after New returns, so one Cleaner serves any number of
// goroutines.
type Cleaner struct {
	rules *rules
}

// Result is a cleaned article.
type Result struct {
	// Text is the cleaned text, one paragraph a line, lines separated by
	// "\n", with no leading or trailing white space on any line.
	Text string
	// Metadata found in the article ("" when none). Published is a date,
	// YYYY-MM-DD; URL is the page's canonical address, else the one given.
	Title, Published, Outlet, URL string
	// Removed lists what was left out of Text, with why, in text order.
	// White space and invisible characters that were tidied away are not
	// listed.
	Removed []document.Removed
}

// New returns a Cleaner with the boilerplate rules built into rasad
// (boilerplate.rules).
func New() (*Cleaner, error) {
	return NewWithRules("boilerplate.rules", defaultRules)
}

// NewWithRules returns a Cleaner using the boilerplate rules in src, a file
// in the format boilerplate.rules describes; name is the file's name for
// error messages, which give it with the line number.
func NewWithRules(name string, src []byte) (*Cleaner, error) {
	rs, err := parseRules(name, src)
	if err != nil {
		return nil, err
	}
	return &Cleaner{rules: rs}, nil
}

// Text cleans a plain-text article: white space tidied (see paragraphs),
// boilerplate lines removed, and the first line taken as the title when it
// looks like one (see looksLikeTitle).
func (c *Cleaner) Text(text string) Result {
	kept, removed := c.rules.filter(paragraphs(text), false, "")
	var res Result
	var title []removal
	if len(kept) > 1 && looksLikeTitle(kept[0].text) {
		res.Title = kept[0].text
		title = append(title, removal{document.Removed{Text: kept[0].text, Reason: document.ReasonTitle}, kept[0].line})
		kept = kept[1:]
	}
	res.Text = joinLines(kept)
	res.Removed = removedList(removed, title...)
	return res
}

const (
	// titleMaxWords is the longest first line of a plain text taken as
	// its title, titleMinWords the shortest (counting words of two letters
	// or more: "أ ش أ", "رويترز" and "وكالات" are credits, not titles).
	titleMaxWords = 25
	titleMinWords = 3

	// bylineSideMaxWords: a first line that is two parts this short around
	// a dash is a byline ("ترجمة - دينا قدري", "الإسكندرية – محمد أحمد").
	bylineSideMaxWords = 3

	// titleMaxNumbers: a first line with more numbers is a dateline
	// ("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس").
	titleMaxNumbers = 2
)

// datelineOpener matches the start of a news lead, "CITY (AGENCY) --" or
// "CITY - (AGENCY)": a first line holding it is a dateline, or the lead
// paragraph broken by a crawler.
var datelineOpener = regexp.MustCompile(`\([^()]{1,30}\)\s*(?:--|[-–—])|[-–—]\s*\([^()]{1,30}\)|--`)

// looksLikeTitle reports whether the first line of a plain text is its
// title: short, not ending like a sentence or a lead-in (". ! ? ؟ : ،"),
// and not a credit, byline, dateline or bracketed note.
func looksLikeTitle(line string) bool {
	words := fold(line)
	long, numbers := 0, 0
	for _, w := range words {
		switch {
		case isNumber(w):
			numbers++
		case utf8.RuneCountInString(w) >= 2:
			long++
		}
	}
	if len(words) > titleMaxWords || long < titleMinWords || numbers > titleMaxNumbers ||
		endsSentence(line) || strings.IndexAny(line, "([{") == 0 || startsWithPunct(line) {
		return false
	}
	s := strings.TrimRight(line, " ")
	if strings.HasSuffix(s, ":") || strings.HasSuffix(s, "،") || strings.HasSuffix(s, ",") {
		return false
	}
	if datelineOpener.MatchString(line) {
		return false
	}
	for _, dash := range []string{" - ", " – ", " — ", " ـ ", " ــ "} {
		if a, b, ok := strings.Cut(line, dash); ok && len(fold(a)) <= bylineSideMaxWords && len(fold(b)) <= bylineSideMaxWords {
			return false
		}
	}
	return true
}

// TextWithTitle cleans a plain-text article that comes with its title (a
// JSON Lines record's "title"): the first line is not taken as a title,
// but removed as one when it repeats the given title.
func (c *Cleaner) TextWithTitle(text, title string) Result {
	kept, removed := c.rules.filter(paragraphs(text), false, title)
	return Result{Title: title, Text: joinLines(kept), Removed: removedList(removed)}
}

// joinLines returns the text of the kept lines, one a line.
func joinLines(kept []keptLine) string {
	var b strings.Builder
	for i, k := range kept {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(k.text)
	}
	return b.String()
}

// removedList returns the removals, with extra ones inserted in line order.
func removedList(removed []removal, extra ...removal) []document.Removed {
	out := make([]document.Removed, 0, len(removed)+len(extra))
	for _, r := range removed {
		for len(extra) > 0 && extra[0].line < r.line {
			out = append(out, extra[0].Removed)
			extra = extra[1:]
		}
		out = append(out, r.Removed)
	}
	for _, e := range extra {
		out = append(out, e.Removed)
	}
	return out
}
