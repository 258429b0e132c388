package read

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// collect reads paths and returns the articles (as describe writes them)
// and the skipped records' messages; a fatal error fails the test.
func collect(t *testing.T, paths []string, opts Options) (articles, errs []string) {
	t.Helper()
	for a, err := range Articles(context.Background(), paths, opts) {
		var skipped *Error
		switch {
		case errors.As(err, &skipped):
			errs = append(errs, skipped.Error())
		case err != nil:
			t.Fatalf("fatal error: %v", err)
		default:
			articles = append(articles, describe(a))
		}
	}
	return articles, errs
}

func TestArticlesPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	news := write("news.txt", "غارات على مواقع المسلحين\nشنت الطائرات غارات على مواقع في الجبل.\n")
	records := write("records.JSONL", `{"id": "r1", "text": "انفجار قرب السفارة."}`+"\n")
	notes := write("notes.csv", "id,text\n")
	missing := filepath.Join(dir, "missing.txt")

	tests := []struct {
		name     string
		paths    []string
		stdin    string
		articles []string
		errs     []string
	}{{
		name:  "files in the order given, extension case ignored",
		paths: []string{records, news},
		articles: []string{
			records + `:1 id="r1" text="انفجار قرب السفارة."`,
			news + `:1 text="غارات على مواقع المسلحين\nشنت الطائرات غارات على مواقع في الجبل.\n"`,
		},
	}, {
		name:  "a missing path and a named file of unknown kind are errors; reading goes on",
		paths: []string{missing, notes, news},
		articles: []string{
			news + `:1 text="غارات على مواقع المسلحين\nشنت الطائرات غارات على مواقع في الجبل.\n"`,
		},
		errs: []string{
			missing + ":1: no such file or directory",
			notes + ":1: unsupported kind of file (want .txt, .html, .htm, .jsonl or .jsonl.gz)",
		},
	}, {
		name:     "stdin starting with { is JSON Lines, after white space and a BOM",
		paths:    []string{"-"},
		stdin:    "\ufeff\n  \n" + `  {"id": 7, "text": "قصف مدفعي"}` + "\n\n" + `{"text": 1}`,
		articles: []string{`-:3 id="7" text="قصف مدفعي"`},
		errs:     []string{"-:5: text is a number, not a string"},
	}, {
		name:     "other stdin is one text",
		paths:    []string{"-"},
		stdin:    "  هدوء حذر في المدينة بعد اشتباكات الليلة الماضية.",
		articles: []string{`-:1 text="  هدوء حذر في المدينة بعد اشتباكات الليلة الماضية."`},
	}, {
		name:  "stdin over the limit says its size",
		paths: []string{"-"},
		stdin: strings.Repeat("ا", 600),
		errs:  []string{"-:1: file is 1.2 KiB, over the 1 KiB limit"},
	}, {
		name:  "empty stdin",
		paths: []string{"-"},
		errs:  []string{"-:1: empty file"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{MaxBytes: 1024, Stdin: strings.NewReader(tt.stdin)}
			articles, errs := collect(t, tt.paths, opts)
			if got, want := strings.Join(articles, "\n"), strings.Join(tt.articles, "\n"); got != want {
				t.Errorf("articles:\n got %s\nwant %s", got, want)
			}
			if got, want := strings.Join(errs, "\n"), strings.Join(tt.errs, "\n"); got != want {
				t.Errorf("errors:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestArticlesWithoutStdinIsFatal(t *testing.T) {
	var fatal error
	for _, err := range Articles(context.Background(), []string{"-"}, Options{}) {
		fatal = err
	}
	var skipped *Error
	if fatal == nil || errors.As(fatal, &skipped) {
		t.Fatalf("got %v, want a fatal error", fatal)
	}
}

func TestArticlesStopsWhenTheCallerStops(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&b, `{"id": "%d", "text": "نص"}`+"\n", i)
	}
	src := strings.NewReader(b.String())
	n := 0
	for a, err := range Articles(context.Background(), []string{"-", "-"}, Options{Stdin: src}) {
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != "0" {
			t.Fatalf("first article has id %q", a.ID)
		}
		n++
		break
	}
	if n != 1 {
		t.Fatalf("got %d articles", n)
	}
}

func TestArticlesContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lines := strings.Repeat(`{"text": "نص"}`+"\n", 10)
	var got []error
	n := 0
	for _, err := range Articles(ctx, []string{"-"}, Options{Stdin: strings.NewReader(lines)}) {
		if err != nil {
			got = append(got, err)
			continue
		}
		n++
		cancel()
	}
	if n != 1 || len(got) != 1 || !errors.Is(got[0], context.Canceled) {
		t.Fatalf("got %d articles and errors %v; want 1 article then context.Canceled", n, got)
	}
}

// TestJSONLYieldsAsItReads feeds records through a pipe one at a time: the
// iterator must hand over each before the next is written.
func TestJSONLYieldsAsItReads(t *testing.T) {
	pr2, pw2 := io.Pipe()
	seen := make(chan string)
	go func() {
		for i := range 3 {
			fmt.Fprintf(pw2, `{"id": "%d", "text": "خبر عاجل"}`+"\n", i)
			if got := <-seen; got != fmt.Sprint(i) {
				pw2.CloseWithError(fmt.Errorf("got article %s after writing %d", got, i))
				return
			}
		}
		pw2.Close()
	}()
	n := 0
	for a, err := range Articles(context.Background(), []string{"-"}, Options{Stdin: pr2}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		seen <- a.ID
	}
	if n != 3 {
		t.Fatalf("got %d articles, want 3", n)
	}
}

// endlessLine is a reader of one very long JSON line followed by a short
// record, made up as it is read.
type endlessLine struct {
	left  int64 // bytes of the long line still to give
	tail  *strings.Reader
	start bool
}

func (e *endlessLine) Read(p []byte) (int, error) {
	if !e.start {
		e.start = true
		return copy(p, `{"text": "`), nil
	}
	if e.left > 0 {
		n := min(int64(len(p)), e.left)
		for i := range p[:n] {
			p[i] = 'x'
		}
		e.left -= n
		return int(n), nil
	}
	return e.tail.Read(p)
}

// TestJSONLLongLineIsNotHeld reads a 256 MiB line with a 1 MiB limit: it
// must be reported, with its size, without the heap growing to hold it.
func TestJSONLLongLineIsNotHeld(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MiB")
	}
	const long = 256 << 20
	src := &endlessLine{left: long, tail: strings.NewReader(`"}` + "\n" + `{"id": "next", "text": "نص"}` + "\n")}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var errs, ids []string
	for a, err := range Articles(context.Background(), []string{"-"}, Options{MaxBytes: 1 << 20, Stdin: src}) {
		if err != nil {
			errs = append(errs, err.Error())
			runtime.ReadMemStats(&after)
			continue
		}
		ids = append(ids, a.ID)
	}
	want := "-:1: line is 256 MiB, over the 1 MiB limit"
	if len(errs) != 1 || errs[0] != want || len(ids) != 1 || ids[0] != "next" {
		t.Fatalf("got errors %q and ids %q; want [%q] and [next]", errs, ids, want)
	}
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 16<<20 {
		t.Errorf("heap grew by %d MiB while skipping a long line", grown>>20)
	}
}
