package read

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .errors and .articles files under testdata/bad")

// badMaxBytes is the size limit for every case under testdata/bad, small
// so that the oversized cases stay small.
const badMaxBytes = 1024

// TestBadInputs reads every file and directory under testdata/bad (as the
// path bad/NAME, from testdata) and compares what it gives with the files
// beside it: NAME.errors holds the exact PATH:LINE: reason lines, and
// NAME.articles the articles read, one a line (a missing file means
// none). Run with -update to rewrite them, then read the diff.
func TestBadInputs(t *testing.T) {
	t.Chdir("testdata")
	entries, err := os.ReadDir("bad")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".errors") || strings.HasSuffix(name, ".articles") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("bad", name)
			var errs, articles []string
			for a, err := range Articles(context.Background(), []string{path}, Options{MaxBytes: badMaxBytes}) {
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
			checkGolden(t, path+".errors", errs)
			checkGolden(t, path+".articles", articles)
		})
	}
}

// describe writes an article on one line, its fields quoted, empty ones
// left out.
func describe(a *Article) string {
	var b strings.Builder
	b.WriteString(a.Where())
	for _, f := range []struct{ name, value string }{
		{"id", a.ID}, {"url", a.URL}, {"outlet", a.Outlet}, {"title", a.Title},
		{"published", a.Published}, {"text", a.Text}, {"html", a.HTML},
	} {
		if f.value != "" {
			fmt.Fprintf(&b, " %s=%q", f.name, f.value)
		}
	}
	return b.String()
}

// checkGolden compares lines with the golden file (absent meaning no
// lines), or rewrites it under -update.
func checkGolden(t *testing.T, golden string, lines []string) {
	t.Helper()
	got := strings.Join(lines, "\n")
	if len(lines) > 0 {
		got += "\n"
	}
	if *update {
		if got == "" {
			if err := os.Remove(golden); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
			return
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", golden, got, want)
	}
}
