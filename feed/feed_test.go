package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParse(t *testing.T) {
	tests := []struct {
		file, base string
		want       Feed
	}{
		{"rss.xml", "https://alwaha.example/rss.xml", Feed{
			Title: "الواحة: آخر الأخبار",
			Next:  "https://alwaha.example/rss.xml?page=2",
			Items: []Item{
				{URL: "https://alwaha.example/news/2026/03/02/%D8%BA%D8%A7%D8%B1%D8%A7%D8%AA-%D8%B3%D8%B1%D8%AA?utm_source=rss",
					Title: "غارات جوية على مواقع قرب سرت", Published: date("2026-03-02T06:10:00Z"),
					Summary: "شنت طائرات حربية فجر الاثنين ثلاث غارات جنوب سرت."},
				{URL: "https://alwaha.example/news/tripoli-clashes.html",
					Title: "اشتباكات في طرابلس & إغلاق الطريق الساحلي", Published: date("2026-03-02T09:45:00Z"),
					Summary: "اندلعت اشتباكات مساء الأحد في جنزور."},
				{URL: "https://alwaha.example/news/undated.html", Title: "خبر بلا تاريخ"},
			}}},
		{"atom.xml", "https://sahel.example/atom.xml", Feed{
			Title: "الساحل",
			Next:  "https://sahel.example/atom.xml?page=1",
			Items: []Item{
				{URL: "https://sahel.example/news/sahel-001.html", Title: "قصف على مخيم للنازحين قرب الفاشر",
					Published: date("2026-03-03T02:30:00Z"), Summary: "قتل ستة مدنيين على الأقل"},
				{URL: "https://sahel.example/news/sahel-002.html", Title: "مسيرة تستهدف مواقع في مأرب",
					Published: date("2026-03-03T08:00:00Z")},
			}}},
		{"rdf.xml", "https://nahr.example/rdf.xml", Feed{
			Title: "النهر",
			Items: []Item{{URL: "https://nahr.example/news/1.html", Title: "توقيع اتفاق لوقف إطلاق النار في الخرطوم",
				Published: date("2026-03-04T07:00:00Z"), Summary: "وقع ممثلون عن الطرفين اتفاقا لوقف إطلاق النار."}},
		}},
		{"rss-windows-1256.xml", "https://alwaha.example/rss.xml", Feed{
			Title: "الواحة",
			Items: []Item{{URL: "https://alwaha.example/news/6.html", Title: "قصف مدفعي على أطراف مدينة درنة",
				Published: date("2026-03-05T18:05:00Z")}},
		}},
		{"news-sitemap.xml", "https://bawaba.example/sitemap.xml", Feed{
			Items: []Item{
				{URL: "https://bawaba.example/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%A7%D8%B9%D8%AA%D9%82%D8%A7%D9%84-%D8%AE%D9%85%D8%B3%D8%A9-%D9%81%D9%8A-%D9%85%D8%B5%D8%B1%D8%A7%D8%AA%D8%A9",
					Title: "اعتقال خمسة مشتبه بهم في مصراتة", Published: date("2026-03-02T17:40:00Z")},
				{URL: "https://bawaba.example/ar/news/2.html", Published: date("2026-03-01T00:00:00Z")},
			}}},
		{"sitemap-index.xml", "https://bawaba.example/sitemap-index.xml", Feed{
			Sitemaps: []string{"https://bawaba.example/sitemap-news.xml", "https://bawaba.example/sitemap-2026-02.xml.gz"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Parse(read(t, tt.file), tt.base)
			if err != nil {
				t.Fatal(err)
			}
			checkFeed(t, got, &tt.want)
		})
	}
}

func checkFeed(t *testing.T, got, want *Feed) {
	t.Helper()
	if got.Title != want.Title {
		t.Errorf("title %q, want %q", got.Title, want.Title)
	}
	if got.Next != want.Next {
		t.Errorf("next %q, want %q", got.Next, want.Next)
	}
	if strings.Join(got.Sitemaps, " ") != strings.Join(want.Sitemaps, " ") {
		t.Errorf("sitemaps %q, want %q", got.Sitemaps, want.Sitemaps)
	}
	if len(got.Items) != len(want.Items) {
		t.Fatalf("%d items, want %d: %+v", len(got.Items), len(want.Items), got.Items)
	}
	for i, g := range got.Items {
		w := want.Items[i]
		if g.URL != w.URL || g.Title != w.Title || !g.Published.Equal(w.Published) || g.Summary != w.Summary {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// The same sitemap gzipped, as large sitemaps are served, parses alike.
func TestParseGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(read(t, "news-sitemap.xml"))
	zw.Close()
	got, err := Parse(buf.Bytes(), "https://bawaba.example/sitemap.xml.gz")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 2 || got.Items[0].Title != "اعتقال خمسة مشتبه بهم في مصراتة" {
		t.Errorf("got %+v", got.Items)
	}
}

// Each file in testdata/bad must fail with the error it names.
func TestParseBad(t *testing.T) {
	tests := []struct {
		file string
		is   error  // errors.Is, when set
		msg  string // the whole message
	}{
		{"truncated.xml", ErrTruncated, "feed: line 5: the document ends before its root element closes (cut off?)"},
		{"html.xml", ErrHTML, "feed: an HTML page, not a feed"},
		{"empty.xml", ErrEmpty, "feed: empty document"},
		{"other-root.xml", ErrUnknown, "feed: root element <catalog>: not RSS, Atom, RDF, JSON Feed or a sitemap"},
		{"text.xml", ErrUnknown, "feed: not RSS, Atom, RDF, JSON Feed or a sitemap"},
		{"json.xml", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := Parse(read(t, "bad/"+tt.file), "https://x.example/feed")
			if err == nil {
				t.Fatalf("no error; got %+v", f)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %q", err, tt.is)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("error %q, want %q", err, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "feed: ") {
				t.Errorf("error %q does not start with feed: ", err)
			}
		})
	}
}

func TestParseBadBase(t *testing.T) {
	if _, err := Parse(read(t, "rss.xml"), "://no scheme"); err == nil {
		t.Error("no error for a bad base URL")
	}
}
