package read

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// addSeeds adds the files under testdata/bad whose names end with one of
// suffixes to the fuzz corpus.
func addSeeds(f *testing.F, suffixes ...string) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		for _, s := range suffixes {
			if strings.HasSuffix(p, s) {
				b, err := os.ReadFile(p)
				if err != nil {
					f.Fatal(err)
				}
				f.Add(b)
			}
		}
	}
}

// FuzzJSONL reads any bytes as a .jsonl file and as a .jsonl.gz file: no
// panic, no fatal error, articles in valid UTF-8 with exactly one of
// text and HTML, and every error naming the file and a line.
func FuzzJSONL(f *testing.F) {
	addSeeds(f, ".jsonl", ".jsonl.gz")
	f.Add([]byte(`{"id": 1, "text": "نص"}` + "\n" + `{"html": "<p>نص</p>"}`))
	f.Add([]byte("{\"text\": \"\xff\"}\n\n{\"content\": \"\\ud800\"}\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.jsonl"
		lines := bytes.Count(data, []byte("\n")) + 1
		check := func(a *Article, err error) bool {
			if err != nil {
				e, ok := err.(*Error)
				if !ok {
					t.Fatalf("fatal error: %v", err)
				}
				if e.Path != path || e.Line < 1 || e.Reason == "" {
					t.Fatalf("error without path, line or reason: %#v", e)
				}
				return true
			}
			if a.Path != path || a.Line < 1 {
				t.Fatalf("article without path or line: %s", a.Where())
			}
			if (a.Text == "") == (a.HTML == "") {
				t.Fatalf("%s: want exactly one of text and html", a.Where())
			}
			for _, s := range []string{a.ID, a.URL, a.Outlet, a.Title, a.Published, a.Text, a.HTML} {
				if !utf8.ValidString(s) {
					t.Fatalf("%s: invalid UTF-8 %q", a.Where(), s)
				}
			}
			return true
		}
		r := &reader{ctx: context.Background(), opts: Options{MaxBytes: 256}, yield: func(a *Article, err error) bool {
			if a != nil && a.Line > lines {
				t.Fatalf("%s: only %d lines", a.Where(), lines)
			}
			return check(a, err)
		}}
		if err := r.jsonl(path, bytes.NewReader(data)); err != nil {
			t.Fatalf("fatal error: %v", err)
		}
		r.yield = check
		if err := r.jsonlGzip(path, bytes.NewReader(data)); err != nil {
			t.Fatalf("fatal error reading as gzip: %v", err)
		}
	})
}

// FuzzDecode decodes any bytes as a text file and as an HTML page: the
// result is valid UTF-8 with something in it, or an error.
func FuzzDecode(f *testing.F) {
	addSeeds(f, ".txt", ".html", ".htm")
	f.Add([]byte("\xef\xbb\xbf\xc7\xe1\xda\xd1\xc8\xed\xc9"))
	f.Add([]byte(`<meta charset="windows-1256"><p>` + "\xc7\xe1\xda\xd1\xc8\xed\xc9</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for name, decode := range map[string]func([]byte) (string, error){"text": decodeText, "html": func(b []byte) (string, error) { return decodeHTML(b, nil) }} {
			got, err := decode(data)
			if err != nil {
				if got != "" {
					t.Fatalf("%s: error %v with output %q", name, err, got)
				}
				continue
			}
			if !utf8.ValidString(got) || strings.TrimSpace(got) == "" {
				t.Fatalf("%s: decoded %q to %q", name, data, got)
			}
		}
	})
}

// FuzzParseDate checks that no input panics and that a date it accepts
// reads back the same from its RFC 3339 form.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-06-22", "2015-07-21 02:27:12", "Mon, 22 Jun 2020 10:00:00 +0000", "٢٠٢٠/٠٦/٢٢"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		again, ok := ParseDate(d.Format(time.RFC3339Nano))
		if !ok || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v, which reads back as %v, %v", s, d, again, ok)
		}
	})
}
