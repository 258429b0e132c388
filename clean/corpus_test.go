package clean

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/rasad/rasad/internal/shared"
)

var corpus = flag.Bool("corpus", false, "clean the shared plain-text news corpora (44,000 articles, about 10 s) and report what is removed")

// TestCorpus cleans every article of the two shared plain-text corpora,
// prose with very little boilerplate, and checks that the filter takes
// almost nothing from them: what it removes is listed by reason with the
// most frequent texts, for a person to read (go test -run Corpus -corpus -v).
func TestCorpus(t *testing.T) {
	if !*corpus {
		t.Skip("needs -corpus")
	}
	c := newCleaner(t)
	type count struct {
		text string
		n    int
	}
	byReason := map[string]map[string]int{}
	var articles, inBytes, removedBytes, titles int
	for _, rel := range []string{"news-egypt2013/articles.jsonl.gz", "news-saudinewsnet/articles.jsonl.gz"} {
		f, err := os.Open(shared.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		gz, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(gz)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var rec struct {
				Title   string `json:"title"`
				Content string `json:"content"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			articles++
			inBytes += len(rec.Content)
			res := c.TextWithTitle(rec.Content, rec.Title)
			if c.Text(rec.Content).Title != "" {
				titles++
			}
			for _, r := range res.Removed {
				if byReason[r.Reason] == nil {
					byReason[r.Reason] = map[string]int{}
				}
				byReason[r.Reason][r.Text]++
				if !decorative(r.Text) {
					removedBytes += len(r.Text)
				}
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	var report strings.Builder
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		var cs []count
		total := 0
		for text, n := range byReason[r] {
			cs = append(cs, count{text, n})
			total += n
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].n > cs[j].n || cs[i].n == cs[j].n && cs[i].text < cs[j].text })
		fmt.Fprintf(&report, "%s: %d\n", r, total)
		for _, c := range cs[:min(len(cs), 12)] {
			fmt.Fprintf(&report, "  %5d  %.80s\n", c.n, c.text)
		}
	}
	share := float64(removedBytes) / float64(inBytes)
	t.Logf("%d articles, %d bytes; %.4f%% of the bytes removed (separators aside); a title found in %d first lines\n%s",
		articles, inBytes, 100*share, titles, report.String())
	if share > 0.001 {
		t.Errorf("%.4f%% of the corpora's text removed, want at most 0.1%%", 100*share)
	}
}
