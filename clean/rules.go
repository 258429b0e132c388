package clean

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rasad/rasad/document"
)

// ruleKind says how a boilerplate rule's pattern is matched against a line.
type ruleKind uint8

const (
	kindLine     ruleKind = iota + 1 // the whole folded line equals the pattern
	kindHeading                      // as kindLine, and the headline lines after it go too
	kindTail                         // as kindLine, and everything after it goes too
	kindPrefix                       // the folded line starts with the pattern's words
	kindContains                     // the folded line contains the pattern's words
	kindWords                        // every word of the line is one of the pattern's words
	kindRegexp                       // a regular expression matches the line as written
	kindInline                       // a regular expression's matches are cut out of a line
)

var kindNames = map[string]ruleKind{
	"line": kindLine, "heading": kindHeading, "tail": kindTail, "prefix": kindPrefix,
	"contains": kindContains, "words": kindWords, "regexp": kindRegexp, "inline": kindInline,
}

// defaultMaxWords is, for each kind, the longest line (in folded words) the
// kind removes when the rule gives no max=N: a longer line is a sentence of
// the article, whatever it starts with or contains.
var defaultMaxWords = map[ruleKind]int{
	kindPrefix: 20, kindContains: 40, kindWords: 12, kindRegexp: 30,
}

// knownReasons are the removal reasons a rule may give: the document
// contract's Reason* values.
var knownReasons = map[string]bool{
	document.ReasonCookieNotice: true, document.ReasonRelatedLinks: true,
	document.ReasonShare: true, document.ReasonFollowUs: true,
	document.ReasonPhotoCredit: true, document.ReasonNewsletter: true,
	document.ReasonCopyright: true, document.ReasonNavigation: true,
	document.ReasonComments: true, document.ReasonAdvert: true,
	document.ReasonTags: true, document.ReasonTitle: true,
	document.ReasonDateline: true, document.ReasonPageChrome: true,
}

// rule is one line of the rules file.
type rule struct {
	kind     ruleKind
	reason   string
	maxWords int
	words    []string        // folded pattern (line, heading, tail)
	slots    [][]string      // folded pattern, each word with its alternatives (prefix, contains)
	lead     bool            // applies only before the article's first paragraph
	set      map[string]bool // folded words, each true if it suffices alone (words)
	re       *regexp.Regexp  // regexp, inline
	where    string          // FILE:LINE, for messages and tests
}

// rules is the parsed boilerplate rules file, indexed for matching. It is
// never modified after parseRules returns.
type rules struct {
	exact  map[string]*rule   // folded line → line, heading or tail rule
	byHead map[string][]*rule // first folded word → prefix rules
	others []*rule            // contains, words and regexp rules, in file order
	inline []*rule
}

// parseRules reads a rules file (see boilerplate.rules for the format);
// name is used in error messages, which name the file and line.
func parseRules(name string, src []byte) (*rules, error) {
	rs := &rules{exact: map[string]*rule{}, byHead: map[string][]*rule{}}
	sc := bufio.NewScanner(bytes.NewReader(src))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		r, err := parseRule(line)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		r.where = where
		switch r.kind {
		case kindLine, kindHeading, kindTail:
			key := strings.Join(r.words, " ")
			if prev, dup := rs.exact[key]; dup {
				return nil, fmt.Errorf("%s: line %q is already a rule at %s", where, key, prev.where)
			}
			rs.exact[key] = r
		case kindPrefix:
			for _, first := range r.slots[0] {
				rs.byHead[first] = append(rs.byHead[first], r)
			}
		case kindInline:
			rs.inline = append(rs.inline, r)
		default:
			rs.others = append(rs.others, r)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return rs, nil
}

// parseRule parses "KIND REASON [max=N] PATTERN".
func parseRule(line string) (*rule, error) {
	kindName, rest, _ := strings.Cut(line, " ")
	kind, ok := kindNames[kindName]
	if !ok {
		return nil, fmt.Errorf("unknown rule kind %q (want line, heading, tail, prefix, contains, words, regexp or inline)", kindName)
	}
	reason, rest, _ := strings.Cut(strings.TrimSpace(rest), " ")
	if !knownReasons[reason] {
		return nil, fmt.Errorf("unknown reason %q", reason)
	}
	r := &rule{kind: kind, reason: reason, maxWords: defaultMaxWords[kind]}
	// Options come before the pattern: max=N and lead.
options:
	for {
		rest = strings.TrimSpace(rest)
		opt, after, _ := strings.Cut(rest, " ")
		switch {
		case opt == "lead":
			if kind == kindInline || kind == kindTail {
				return nil, fmt.Errorf("lead means nothing for a %s rule", kindName)
			}
			r.lead = true
		case strings.HasPrefix(opt, "max="):
			m, err := strconv.Atoi(strings.TrimPrefix(opt, "max="))
			if err != nil || m < 1 {
				return nil, fmt.Errorf("bad %q: want max=N with N a positive number", opt)
			}
			if kind == kindLine || kind == kindHeading || kind == kindTail || kind == kindInline {
				return nil, fmt.Errorf("max=N means nothing for a %s rule", kindName)
			}
			r.maxWords = m
		default:
			break options
		}
		rest = after
	}
	if rest == "" {
		return nil, fmt.Errorf("%s rule without a pattern", kindName)
	}
	switch kind {
	case kindRegexp, kindInline:
		re, err := regexp.Compile(rest)
		if err != nil {
			return nil, fmt.Errorf("bad regular expression: %w", err)
		}
		if re.MatchString("") {
			return nil, fmt.Errorf("regular expression %q matches the empty string", rest)
		}
		r.re = re
	case kindWords:
		// "core words + helper words": a line needs one core word; helpers
		// ("على", "في") may stand beside them but never make a line alone.
		core, helpers, _ := strings.Cut(" "+rest+" ", " + ")
		r.set = map[string]bool{}
		for _, w := range fold(helpers) {
			r.set[w] = false
		}
		for _, w := range fold(core) {
			r.set[w] = true
		}
		if strings.ContainsRune(core, '+') || strings.ContainsRune(helpers, '+') {
			return nil, fmt.Errorf("more than one + in a words rule")
		}
		if len(fold(core)) == 0 {
			return nil, fmt.Errorf("words rule without core words before +")
		}
	case kindPrefix, kindContains:
		slots, err := parseSlots(rest)
		if err != nil {
			return nil, err
		}
		r.slots = slots
	default:
		if strings.ContainsAny(rest, "{}") {
			return nil, fmt.Errorf("{…} alternatives mean nothing in a %s rule", kindName)
		}
		r.words = fold(rest)
	}
	if r.re == nil && len(r.words) == 0 && len(r.set) == 0 && len(r.slots) == 0 {
		return nil, fmt.Errorf("pattern %q has no letters or digits", rest)
	}
	return r, nil
}

// parseSlots parses a prefix or contains pattern: words, and groups of
// alternatives in braces, "{a b c}", any one of which matches one word.
func parseSlots(pattern string) ([][]string, error) {
	var slots [][]string
	for rest := pattern; rest != ""; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			open = len(rest)
		}
		if strings.ContainsRune(rest[:open], '}') {
			return nil, fmt.Errorf("unbalanced braces in %q", pattern)
		}
		for _, w := range fold(rest[:open]) {
			slots = append(slots, []string{w})
		}
		if open == len(rest) {
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 || strings.ContainsRune(rest[open+1:open+end], '{') {
			return nil, fmt.Errorf("unbalanced braces in %q", pattern)
		}
		alts := fold(rest[open+1 : open+end])
		if len(alts) == 0 {
			return nil, fmt.Errorf("empty alternatives {} in %q", pattern)
		}
		slots = append(slots, alts)
		rest = rest[open+end+1:]
	}
	return slots, nil
}

// match returns the rule that removes the whole line (given as written and
// folded), or nil. lead says whether the line comes before the article's
// first paragraph, where lead rules apply.
func (rs *rules) match(line string, words []string, lead bool) *rule {
	if len(words) == 0 {
		return nil
	}
	if r := rs.exact[strings.Join(words, " ")]; r != nil && (lead || !r.lead) {
		return r
	}
	if startsLikeText(line) {
		for _, r := range rs.byHead[words[0]] {
			if len(words) <= r.maxWords && hasPrefix(words, r.slots) && (lead || !r.lead) {
				return r
			}
		}
	}
	for _, r := range rs.others {
		if len(words) > r.maxWords || (r.lead && !lead) {
			continue
		}
		switch r.kind {
		case kindContains:
			if containsWords(words, r.slots) {
				return r
			}
		case kindWords:
			if allIn(words, r.set) {
				return r
			}
		case kindRegexp:
			if r.re.MatchString(line) {
				return r
			}
		}
	}
	return nil
}

// startsLikeText reports whether a line opens with a letter, a digit or a
// bullet, not with a quotation mark or bracket: "«تابعونا على الأرض»، قال…"
// is somebody's words, not a follow-us prompt.
func startsLikeText(line string) bool {
	for _, r := range line {
		switch r {
		case '"', '\'', '«', '»', '“', '”', '‘', '’', '„', '(', '[', '{', '<', '‹', '›':
			return false
		}
		return true
	}
	return false
}

// hasPrefix reports whether words start with one of each slot's
// alternatives, in order.
func hasPrefix(words []string, prefix [][]string) bool {
	if len(prefix) > len(words) {
		return false
	}
	for i, alts := range prefix {
		if !slices.Contains(alts, words[i]) {
			return false
		}
	}
	return true
}

func containsWords(words []string, pattern [][]string) bool {
	for i := 0; i+len(pattern) <= len(words); i++ {
		if hasPrefix(words[i:], pattern) {
			return true
		}
	}
	return false
}

// allIn reports whether every word is in set or is a number, with at least
// one core word (true in set).
func allIn(words []string, set map[string]bool) bool {
	found := false
	for _, w := range words {
		core, in := set[w]
		switch {
		case core:
			found = true
		case in, isNumber(w):
		default:
			return false
		}
	}
	return found
}
