package clean

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
)

// leadParagraph is a paragraph of article text put before each line under
// test, so that the line is judged as part of an article already begun.
const leadParagraph = "بنغازي - قالت مصادر طبية إن أربعة أشخاص قتلوا وأصيب عشرة آخرون في انفجار سيارة مفخخة قرب سوق شعبي وسط المدينة صباح السبت."

// readCases reads a testdata/lines file: one case a line, comments (#) and
// blank lines skipped.
func readCases(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			cases = append(cases, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestBoilerplateRemoved checks that each line of testdata/lines/remove.txt
// is removed, whole, with its reason, and that the article paragraph is
// kept. A case reads "[top] [page] REASON | LINE": the line comes after the
// article paragraph, or before it with top; with page it is boilerplate
// only in a web page's text, and plain text keeps it.
func TestBoilerplateRemoved(t *testing.T) {
	c := newCleaner(t)
	for _, tc := range readCases(t, "testdata/lines/remove.txt") {
		head, line, ok := strings.Cut(tc, " | ")
		fields := strings.Fields(head)
		if !ok || len(fields) == 0 {
			t.Fatalf("bad case %q: want [top] [page] REASON | LINE", tc)
		}
		reason, top, pageOnly := fields[len(fields)-1], slices.Contains(fields, "top"), slices.Contains(fields, "page")
		input, at := []string{leadParagraph, line}, 0
		if top {
			input, at = []string{line, leadParagraph}, 1
		}
		for _, fromPage := range []bool{false, true} {
			kept, removed := c.rules.filter(input, fromPage, "")
			if !fromPage && pageOnly {
				if len(kept) != 2 || len(removed) != 0 {
					t.Errorf("text %q: kept %v, removed %v; want it kept in plain text", line, kept, removed)
				}
				continue
			}
			want := []document.Removed{{Text: line, Reason: reason}}
			if len(kept) != 1 || kept[0].text != leadParagraph || kept[0].line != at || !sameRemoved(removedList(removed), want) {
				t.Errorf("page=%v %q: kept %v, removed %v; want only the line removed as %s", fromPage, line, kept, removed, reason)
			}
		}
	}
}

// TestArticleSentencesKept checks that no line of testdata/lines/keep.txt,
// article sentences that mention cookies, sharing, reading, following and
// the like, is removed.
func TestArticleSentencesKept(t *testing.T) {
	c := newCleaner(t)
	for _, line := range readCases(t, "testdata/lines/keep.txt") {
		for _, fromPage := range []bool{false, true} {
			kept, removed := c.rules.filter([]string{leadParagraph, line}, fromPage, "")
			if len(kept) != 2 || kept[1].text != line || len(removed) != 0 {
				t.Errorf("page=%v %q: kept %v, removed %v; want it kept", fromPage, line, kept, removed)
			}
		}
	}
}

func sameRemoved(a, b []document.Removed) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
