package read

import (
	"context"
	"testing"

	"github.com/rasad/rasad/internal/shared"
)

// TestSharedCorpora reads the project's two news corpora, which use the
// scraper field names (content, source, date, date_extracted): every
// record must read, with its id, outlet, text and a date ParseDate knows.
func TestSharedCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 140 MB")
	}
	corpora := []struct {
		path string
		n    int
	}{
		{"news-egypt2013/articles.jsonl.gz", 23504},
		{"news-saudinewsnet/articles.jsonl.gz", 20771},
	}
	for _, c := range corpora {
		t.Run(c.path, func(t *testing.T) {
			path := shared.Path(t, c.path)
			n := 0
			for a, err := range Articles(context.Background(), []string{path}, Options{}) {
				if err != nil {
					t.Fatal(err)
				}
				n++
				if a.ID == "" || a.Outlet == "" || a.Text == "" || a.HTML != "" || a.Line != n {
					t.Fatalf("%s: id %q, outlet %q, %d bytes of text, %d of HTML", a.Where(), a.ID, a.Outlet, len(a.Text), len(a.HTML))
				}
				if _, ok := ParseDate(a.Published); !ok {
					t.Fatalf("%s: published %q does not parse", a.Where(), a.Published)
				}
			}
			if n != c.n {
				t.Errorf("read %d articles, want %d", n, c.n)
			}
		})
	}
}
