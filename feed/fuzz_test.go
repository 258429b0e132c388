package feed

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds Parse every kind of broken XML: it must not panic, and
// what it returns must be usable as it says: absolute http(s) URLs and
// valid UTF-8 text.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata", "testdata/bad"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"ت","items":[{"id":"1","url":"/a"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := Parse(body, "https://x.example/dir/feed.xml")
		if err != nil {
			return
		}
		check := func(what, s string) {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Errorf("%s %q is not an absolute http(s) URL", what, s)
			}
		}
		for _, it := range got.Items {
			check("item URL", it.URL)
			if !utf8.ValidString(it.Title) || !utf8.ValidString(it.Summary) {
				t.Errorf("item %q: title or summary not UTF-8", it.URL)
			}
		}
		for _, s := range got.Sitemaps {
			check("sitemap", s)
		}
		if got.Next != "" {
			check("next", got.Next)
		}
	})
}
