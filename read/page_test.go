package read

import (
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/rasad/rasad/internal/outlettest"
)

func cp1256(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func iso88596(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.ISO8859_6.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPage(t *testing.T) {
	const title = "قصف مدفعي على أطراف درنة"
	const para = "قال مسؤول في المجلس البلدي إن القذائف سقطت على أراض زراعية."
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>" + title + "</title></head><body><p>" + para + "</p></body></html>"
	}
	const metaOld = `<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`
	const metaNew = `<meta http-equiv="Content-Type" content="text/html; charset=utf-8">`
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantHTML    string // "" when Text is wanted
		wantText    string
	}{
		{"windows-1256 named by the header only", cp1256(t, page("")), "text/html; charset=windows-1256", page(""), ""},
		{"windows-1256 quoted in the header, any case", cp1256(t, page("")), `text/html; Charset="Windows-1256"`, page(""), ""},
		{"windows-1256 named by the meta only", cp1256(t, page(metaOld)), "text/html", page(metaNew), ""},
		{"windows-1256 named nowhere", cp1256(t, page("")), "text/html", page(""), ""},
		{"windows-1256 and no Content-Type at all", cp1256(t, page("")), "", page(""), ""},
		{"windows-1256 under a header that says utf-8", cp1256(t, page(metaOld)), "text/html; charset=utf-8", page(metaNew), ""},
		{"windows-1256 under the server default iso-8859-1", cp1256(t, page("")), "text/html; charset=iso-8859-1", page(""), ""},
		{"windows-1256 under an unknown label", cp1256(t, page(metaOld)), "text/html; charset=x-unknown", page(metaNew), ""},
		{"the header wins over the meta", iso88596(t, page(metaOld)), "text/html; charset=iso-8859-6", page(metaNew), ""},
		{"utf-8 under a header that says windows-1256", []byte(page("")), "text/html; charset=windows-1256", page(""), ""},
		{"utf-8 with a byte order mark", []byte("\xEF\xBB\xBF" + page("")), "text/html; charset=windows-1256", page(""), ""},
		{"utf-8", []byte(page(`<meta charset="utf-8">`)), "text/html; charset=utf-8", page(`<meta charset="utf-8">`), ""},
		{"plain text in windows-1256", cp1256(t, title+"\n"+para), "text/plain; charset=windows-1256", "", title + "\n" + para},
		{"plain text, detected", cp1256(t, title+"\n"+para), "text/plain", "", title + "\n" + para},
		{"a malformed Content-Type", cp1256(t, page("")), "text/html; charset", page(""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Page("https://alwaha.example/news/6.html", tt.body, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if a.Path != "https://alwaha.example/news/6.html" || a.URL != a.Path || a.Line != 1 {
				t.Errorf("path %q, url %q, line %d", a.Path, a.URL, a.Line)
			}
			if a.HTML != tt.wantHTML || a.Text != tt.wantText {
				t.Errorf("got HTML %q text %q\nwant HTML %q text %q", a.HTML, a.Text, tt.wantHTML, tt.wantText)
			}
			// The title's offset in the page: Arabic letters are two bytes in
			// UTF-8, so an off-by-one in decoding or relabelling shows here.
			if got := tt.wantHTML; got != "" {
				if i := strings.Index(a.HTML, title); i != strings.Index(got, title) || i < 0 {
					t.Errorf("title at byte %d, want %d", i, strings.Index(got, title))
				}
				if n := len(title); n != 44 {
					t.Fatalf("title is %d bytes", n)
				}
			}
		})
	}
}

func TestPageErrors(t *testing.T) {
	tests := []struct {
		body        []byte
		contentType string
		want        string
	}{
		{nil, "text/html", "https://x.example/a.html:1: empty file"},
		{[]byte(" \n\t "), "text/html; charset=utf-8", "https://x.example/a.html:1: empty file (only white space)"},
		{[]byte("\x89PNG\r\n\x1a\nxxxx"), "text/html", "https://x.example/a.html:1: binary file (a PNG image), not text"},
		{[]byte("\x1F\x8B\x08\x00"), "text/html; charset=windows-1256", "https://x.example/a.html:1: binary file (gzip-compressed), not text"},
		{[]byte("<p>caf\xe9 cr\xe8me br\xfbl\xe9e</p>\xff\xfe\x81"), "text/html; charset=windows-1256",
			"https://x.example/a.html:1: not valid text in any supported encoding (UTF-8, UTF-16 with a byte order mark, Arabic Windows-1256)"},
	}
	for _, tt := range tests {
		a, err := Page("https://x.example/a.html", tt.body, tt.contentType)
		var re *Error
		if !errors.As(err, &re) || err.Error() != tt.want {
			t.Errorf("Page(%q, %q) = %+v, %v; want %q", tt.body, tt.contentType, a, err, tt.want)
		}
	}
}

// Every page the test outlets serve as a page decodes to its article,
// whatever its encoding and however it declares it.
func TestPageOutlets(t *testing.T) {
	srv, err := outlettest.New(outlettest.Options{SlowDelay: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	n1256 := 0
	for _, p := range srv.Pages() {
		switch p.Kind {
		case outlettest.KindOK, outlettest.KindWindows1256, outlettest.KindRedirect, outlettest.KindSlow:
		default:
			continue
		}
		resp, err := http.Get(p.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind == outlettest.KindWindows1256 {
			n1256++
			if utf8.Valid(body) {
				t.Errorf("%s is valid UTF-8; the test page should be in Windows-1256", p.URL)
			}
		}
		a, err := Page(p.URL, body, resp.Header.Get("Content-Type"))
		if err != nil {
			t.Errorf("%s: %v", p.URL, err)
			continue
		}
		if !strings.Contains(a.HTML, "<h1>"+p.Title+"</h1>") {
			t.Errorf("%s: no title %q in\n%s", p.URL, p.Title, a.HTML)
		}
		for para := range strings.SplitSeq(p.Body, "\n") {
			if !strings.Contains(a.HTML, "<p>"+para+"</p>") {
				t.Errorf("%s: no paragraph %q", p.URL, para)
			}
		}
		if strings.Contains(a.HTML, "windows-1256") {
			t.Errorf("%s: still declares windows-1256", p.URL)
		}
	}
	if n1256 != 2 {
		t.Errorf("%d Windows-1256 pages, want 2 (one with a meta, one with the header only)", n1256)
	}
}

func FuzzPage(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.htm*"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html")
	}
	f.Add([]byte("<p>نص</p>"), "text/html; charset=windows-1256")
	f.Add([]byte("<meta charset=windows-1256><p>\xe4\xd5</p>"), "text/html")
	f.Add([]byte("\xe4\xd5 \xe4\xd5"), "text/plain; charset=iso-8859-6")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		a, err := Page("https://x.example/a", body, contentType)
		if err != nil {
			var re *Error
			if !errors.As(err, &re) || re.Path != "https://x.example/a" {
				t.Fatalf("error %v does not name the page", err)
			}
			return
		}
		if (a.HTML == "") == (a.Text == "") {
			t.Fatalf("want exactly one of HTML and Text: %+v", a)
		}
		if !utf8.ValidString(a.HTML) || !utf8.ValidString(a.Text) {
			t.Fatal("not valid UTF-8")
		}
	})
}
