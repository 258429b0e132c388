package feed

import (
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/rasad/rasad/internal/outlettest"
)

func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return b
}

// Every feed format of every test outlet lists the outlet's pages, newest
// first, with their titles and dates, following next links and child
// sitemaps through pages of 3 items.
func TestParseOutlets(t *testing.T) {
	srv, err := outlettest.New(outlettest.Options{PageSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	byOutlet := map[string][]outlettest.Page{}
	for _, p := range srv.Pages() {
		byOutlet[p.Outlet] = append(byOutlet[p.Outlet], p)
	}
	for _, o := range srv.Outlets() {
		for _, format := range []string{"rss", "atom", "rdf", "sitemap-index"} {
			t.Run(o.Name+"/"+format, func(t *testing.T) {
				var items []Item
				queue := []string{o.Feeds[format]}
				for len(queue) > 0 && len(queue) < 100 {
					u := queue[0]
					queue = queue[1:]
					f, err := Parse(get(t, u), u)
					if err != nil {
						t.Fatal(err)
					}
					items = append(items, f.Items...)
					queue = append(queue, f.Sitemaps...)
					if f.Next != "" {
						queue = append(queue, f.Next)
					}
				}
				want := byOutlet[o.Name]
				if len(items) != len(want) {
					t.Fatalf("%d items, want %d", len(items), len(want))
				}
				for i, it := range items {
					w := want[i]
					if it.URL != w.URL || it.Title != w.Title || !it.Published.Equal(w.Published) {
						t.Errorf("item %d: got %s %q %v, want %s %q %v", i, it.URL, it.Title, it.Published, w.URL, w.Title, w.Published)
					}
				}
			})
		}
	}
	_, err = Parse(get(t, srv.BrokenFeedURL()), srv.BrokenFeedURL())
	if !errors.Is(err, ErrTruncated) {
		t.Errorf("broken feed: error %v, want %v", err, ErrTruncated)
	}
}
