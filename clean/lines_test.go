package clean

import (
	"bufio"
	"os"
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
// is removed, whole, with its reason, and that the article paragraph before
// it is kept.
func TestBoilerplateRemoved(t *testing.T) {
	c := newCleaner(t)
	for _, tc := range readCases(t, "testdata/lines/remove.txt") {
		reason, line, ok := strings.Cut(tc, " | ")
		if !ok {
			t.Fatalf("bad case %q: want REASON | LINE", tc)
		}
		for _, fromPage := range []bool{false, true} {
			kept, removed := c.rules.filter([]string{leadParagraph, line}, fromPage, "")
			want := []document.Removed{{Text: line, Reason: reason}}
			if len(kept) != 1 || kept[0].text != leadParagraph || !sameRemoved(removedList(removed), want) {
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
