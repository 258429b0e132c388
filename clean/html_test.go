package clean

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"golang.org/x/net/html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rasad/rasad/internal/shared"
)

var update = flag.Bool("update", false, "rewrite testdata/pages/*.want from the cleaner's output (check them before committing)")

func newCleaner(tb testing.TB) *Cleaner {
	tb.Helper()
	c, err := New()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// formatWant writes a result in the .want form: metadata lines, then the
// text, then the removals, one "reason | text" a line.
func formatWant(r Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\npublished: %s\noutlet: %s\nurl: %s\n--- text\n%s\n--- removed\n",
		r.Title, r.Published, r.Outlet, r.URL, r.Text)
	for _, rm := range r.Removed {
		fmt.Fprintf(&b, "%s | %s\n", rm.Reason, rm.Text)
	}
	return b.String()
}

// TestPages cleans each page in testdata/pages and compares the result,
// metadata, text and every removal with its reason, with NAME.want. The
// .want files were written by -update and checked line by line against the
// pages: the text is exactly the article's paragraphs, and every
// boilerplate line that reaches the filter is listed with the right reason.
func TestPages(t *testing.T) {
	c := newCleaner(t)
	pages, _ := filepath.Glob("testdata/pages/*.html")
	if len(pages) < 4 {
		t.Fatalf("found %d test pages, want at least 4", len(pages))
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.HTML(string(src), "")
			wantFile := strings.TrimSuffix(page, ".html") + ".want"
			got := formatWant(res)
			if err != nil {
				got = "error: " + err.Error() + "\n"
			}
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s: result differs from %s:\n%s", page, wantFile, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	w, g := count(want), count(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if g[l] < w[l] {
			fmt.Fprintf(&b, "- %s\n", l)
			w[l]--
		}
	}
	w = count(want)
	for _, l := range strings.Split(got, "\n") {
		if w[l] < g[l] {
			fmt.Fprintf(&b, "+ %s\n", l)
			g[l]--
		}
	}
	return b.String()
}

func TestHTMLNoText(t *testing.T) {
	c := newCleaner(t)
	for _, page := range []string{
		"",
		"<html><head><script>var a = 1;</script></head><body></body></html>",
		"<html><body><script>document.write('<p>نص يكتب بالسكربت</p>')</script><style>p{color:red}</style></body></html>",
		"<html><body><nav><ul><li>الرئيسية</li><li>أخبار</li><li>رياضة</li></ul></nav></body></html>",
	} {
		res, err := c.HTML(page, "")
		if !errors.Is(err, ErrNoText) {
			t.Errorf("HTML(%.60q) = %q, %v; want ErrNoText", page, res.Text, err)
		}
	}
}

// TestHTMLEntitiesAndURL checks that the text is what a reader sees
// (entities decoded, white space tidy) and that the page's address is kept
// when it names no canonical one.
func TestHTMLEntitiesAndURL(t *testing.T) {
	c := newCleaner(t)
	para := "قال المتحدث إن &quot;الوضع&quot; مستقر&nbsp;&nbsp;في المدينة &amp; ضواحيها، وإن حركة المرور عادت إلى طبيعتها بعد ظهر الأربعاء في معظم الطرق الرئيسية والفرعية."
	page := "<html><head><title>خبر</title></head><body><article><p>" + para + "</p><p>" + para + "</p></article></body></html>"
	res, err := c.HTML(page, "https://example.com/a/1")
	if err != nil {
		t.Fatal(err)
	}
	want := "قال المتحدث إن \"الوضع\" مستقر في المدينة & ضواحيها، وإن حركة المرور عادت إلى طبيعتها بعد ظهر الأربعاء في معظم الطرق الرئيسية والفرعية."
	if res.Text != want+"\n"+want {
		t.Errorf("text = %q, want the paragraph twice: %q", res.Text, want)
	}
	if res.URL != "https://example.com/a/1" {
		t.Errorf("URL = %q, want the page's address", res.URL)
	}
}

func readPage(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			tb.Fatal(err)
		}
		if b, err = io.ReadAll(r); err != nil {
			tb.Fatal(err)
		}
	}
	return string(b)
}

// recovery measures a cleaned text against expected paragraphs: the share
// of expected paragraphs found whole in the text, and the share of the
// text's bytes that belong to no expected paragraph.
func recovery(text string, want []string) (found, extra float64) {
	n, covered := 0, 0
	for _, p := range want {
		if strings.Contains(text, p) {
			n++
			covered += len(p)
		}
	}
	lines := len(strings.Split(text, "\n")) - 1 // the line breaks between paragraphs
	return float64(n) / float64(len(want)), float64(len(text)-covered-lines) / float64(len(text))
}

// TestSharedPages cleans the two real Arabic pages in the shared corpora
// and measures how much of their expected text is recovered and how much
// other text is kept.
func TestSharedPages(t *testing.T) {
	c := newCleaner(t)
	cases := []struct {
		page, want string
		expected   func(t *testing.T, path string) []string
		title      string
		minFound   float64
		maxExtra   float64
	}{
		{
			page: "html-ar/cnnarabic-2013-08-03-syria-clashes.html",
			want: "html-ar/cnnarabic-2013-08-03-syria-clashes.expected.txt",
			expected: func(t *testing.T, path string) []string {
				return paragraphs(readPage(t, path))
			},
			title:    "معارضون يسيطرون على مخازن للصواريخ بريف دمشق",
			minFound: 1, maxExtra: 0.02,
		},
		{
			page: "html-ar/lbcgroup-2026-01-08-trump-hair.html.gz",
			want: "html-ar/lbcgroup-2026-01-08-trump-hair.expected.json",
			expected: func(t *testing.T, path string) []string {
				return fundusParagraphs(t, readPage(t, path))
			},
			title:    "شعر وردي يُشعل السخرية… لغز لون شعر دونالد ترامب يربك الجمهور وخبير يشرح السبب",
			minFound: 1, maxExtra: 0.02,
		},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(tc.page), func(t *testing.T) {
			page := readPage(t, shared.Path(t, tc.page))
			want := tc.expected(t, shared.Path(t, tc.want))
			if len(want) == 0 {
				t.Fatalf("no expected paragraphs in %s", tc.want)
			}
			res, err := c.HTML(page, "")
			if err != nil {
				t.Fatal(err)
			}
			found, extra := recovery(res.Text, want)
			t.Logf("%s: %.0f%% of %d expected paragraphs found, %.1f%% extra text, %d removals",
				tc.page, 100*found, len(want), 100*extra, len(res.Removed))
			if found < tc.minFound {
				t.Errorf("found %.2f of the expected paragraphs, want at least %.2f", found, tc.minFound)
			}
			if extra > tc.maxExtra {
				t.Errorf("%.3f of the text is not expected text, want at most %.3f:\n%s", extra, tc.maxExtra, res.Text)
			}
			if res.Title != tc.title {
				t.Errorf("title = %q, want %q", res.Title, tc.title)
			}
		})
	}
}

// fundusParagraphs reads the gold paragraphs of a fundus test file
// (V1.body.sections[].paragraphs).
func fundusParagraphs(t *testing.T, src string) []string {
	var doc struct {
		V1 struct {
			Body struct {
				Sections []struct {
					Paragraphs []string `json:"paragraphs"`
				} `json:"sections"`
			} `json:"body"`
		}
	}
	if err := json.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	var ps []string
	for _, s := range doc.V1.Body.Sections {
		for _, p := range s.Paragraphs {
			ps = append(ps, paragraphs(p)...)
		}
	}
	return ps
}

// FuzzHTML cleans arbitrary pages. The seeds are small on purpose: the
// fuzzer minimises every new input it finds, and minimising an 8 KB page
// takes it a minute; the full test pages are covered by TestPages.
func FuzzHTML(f *testing.F) {
	f.Add(`<html><head><title>خبر | موقع</title><meta property="og:site_name" content="موقع"></head><body>` +
		`<nav><ul><li>الرئيسية</li><li>أخبار</li></ul></nav><article><h1>خبر</h1>` +
		`<p>طرابلس - (رويترز) - قال مسؤول إن ثلاثة أشخاص قتلوا (صورة: رويترز).</p>` +
		`<p>اقرأ أيضا: عنوان آخر</p><div>سطر أول<br>سطر ثان<br>سطر ثالث</div></article>` +
		`<div class="cookie">هذا الموقع يستخدم ملفات تعريف الارتباط</div><footer>© 2024</footer></body></html>`)
	f.Add("<p>نص &amp;&#x200F; <br><br>قصير</p>")
	f.Add("<div>سطر<br>سطر<br>سطر</div><table><tr><td>خلية")
	f.Add("\xff\xfe<p>\x00</p>")
	f.Add(`<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"نص المقال كاملا"}</script>`)
	c := newCleaner(f)
	f.Fuzz(func(t *testing.T, page string) {
		res, err := c.HTML(page, "")
		if err != nil {
			if !errors.Is(err, ErrNoText) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, s := range []string{res.Text, res.Title, res.Outlet, res.Published, res.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in result: %q", s)
			}
		}
		checkText(t, res)
	})
}

// checkText checks the form of a cleaned text: no empty line, no line with
// leading or trailing white space, no CR, and every removal valid.
func checkText(t *testing.T, res Result) {
	t.Helper()
	if res.Text == "" {
		return
	}
	for i, line := range strings.Split(res.Text, "\n") {
		if line == "" || strings.TrimSpace(line) != line || strings.ContainsRune(line, '\r') {
			t.Fatalf("line %d is not tidy: %q", i, line)
		}
	}
	for _, r := range res.Removed {
		if !knownReasons[r.Reason] || r.Text == "" || !utf8.ValidString(r.Text) {
			t.Fatalf("bad removal %+v", r)
		}
	}
}

// BenchmarkHTML cleans the largest of the test pages, and checks that its
// article text comes out whole.
func BenchmarkHTML(b *testing.B) {
	c := newCleaner(b)
	page := readPage(b, "testdata/pages/libya-tripoli-clashes.html")
	const last = "وتشهد طرابلس منذ أشهر توترا أمنيا متصاعدا بين الفصائل المسلحة التي تتقاسم النفوذ في العاصمة، رغم اتفاق وقف إطلاق النار الموقع عام 2020."
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		res, err := c.HTML(page, "")
		if err != nil || !strings.HasSuffix(res.Text, last) || len(strings.Split(res.Text, "\n")) != 6 {
			b.Fatalf("bad result (%v):\n%s", err, res.Text)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkHTMLShared cleans the two real pages of the shared corpora: a
// 29 KB page of 2013 and a 475 KB page of 2026, heavy as modern news pages
// are.
func BenchmarkHTMLShared(b *testing.B) {
	c := newCleaner(b)
	for _, bc := range []struct {
		name, page string
		paragraphs int
	}{
		{"cnnarabic-29KB", "html-ar/cnnarabic-2013-08-03-syria-clashes.html", 7},
		{"lbcgroup-475KB", "html-ar/lbcgroup-2026-01-08-trump-hair.html.gz", 6},
	} {
		b.Run(bc.name, func(b *testing.B) {
			page := readPage(b, shared.Path(b, bc.page))
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				res, err := c.HTML(page, "")
				if err != nil || len(strings.Split(res.Text, "\n")) != bc.paragraphs {
					b.Fatalf("bad result (%v):\n%s", err, res.Text)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// TestPagesAccountForEveryLine checks that nothing a page shows is lost
// without a trace: each line of visible text is in the article's text or
// listed in Removed.
func TestPagesAccountForEveryLine(t *testing.T) {
	c := newCleaner(t)
	pages, _ := filepath.Glob("testdata/pages/*.html")
	pages = append(pages, "../examples/04-yemen-marib-drone.html")
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, page := range pages {
		src, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.HTML(string(src), "")
		if err != nil {
			continue // the page with no article
		}
		var all strings.Builder
		all.WriteString(squeeze(res.Title) + "\n" + squeeze(res.Text) + "\n")
		for _, r := range res.Removed {
			all.WriteString(squeeze(r.Text) + "\n")
		}
		doc, err := html.Parse(strings.NewReader(string(src)))
		if err != nil {
			t.Fatal(err)
		}
		pruneUnseen(doc)
		for _, line := range paragraphs(strings.Join(renderLines(doc), "\n")) {
			cut := squeeze(line) // less the credits cut out of it
			for _, r := range res.Removed {
				cut = strings.Replace(cut, squeeze(r.Text), "", 1)
			}
			if !strings.Contains(all.String(), squeeze(line)) && !strings.Contains(all.String(), cut) {
				t.Errorf("%s: the line %q is neither in the text nor in removed", page, line)
			}
		}
	}
}
