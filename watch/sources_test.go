package watch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadSources(t *testing.T) {
	got, err := LoadSources(filepath.Join("testdata", "sources", "good.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Name: "libya-observer", Outlet: "libya-observer", Country: "LY", Kind: KindFeed, URL: "https://example.org/ar/rss.xml",
			Interval: 10 * time.Minute, MaxItems: 100, Delay: 5 * time.Second, Where: "testdata/sources/good.yaml:3"},
		{Name: "alwasat", Outlet: "alwasat", Kind: KindFeed, URL: "https://example.net/sitemap-news.xml",
			Interval: DefaultFeedInterval, Where: "testdata/sources/good.yaml:9"},
		{Name: "inbox", Outlet: "inbox", Kind: KindFolder, Folder: "testdata/sources/incoming",
			Interval: DefaultFolderInterval, Where: "testdata/sources/good.yaml:11"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sources, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("source %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// TestLoadSourcesErrors reads each testdata/sources/NAME.bad.yaml and
// checks it gives exactly the errors in NAME.err, one a line.
func TestLoadSourcesErrors(t *testing.T) {
	bad, err := filepath.Glob(filepath.Join("testdata", "sources", "*.bad.yaml"))
	if err != nil || len(bad) == 0 {
		t.Fatalf("no bad files: %v", err)
	}
	for _, path := range bad {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(path, ".bad.yaml") + ".err")
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ParseSources(name, data)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != strings.TrimSpace(string(want)) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestSourcesFromArgs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte("نص"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := SourcesFromArgs([]string{"http://127.0.0.1:8080/rss.xml", dir}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != KindFeed || got[0].Interval != DefaultFeedInterval || got[0].Outlet != "" ||
		got[1].Kind != KindFolder || got[1].Folder != dir || got[1].Interval != DefaultFolderInterval {
		t.Errorf("got %+v", got)
	}
	for _, tc := range []struct {
		args     []string
		interval time.Duration
		want     string
	}{
		{[]string{"ftp://example.org/x"}, 0, `source "ftp://example.org/x": want an http:// or https:// URL`},
		{[]string{file}, 0, "a file; give the folder it is in"},
		{[]string{filepath.Join(dir, "none")}, 0, "neither a URL nor a folder"},
		{[]string{dir, dir}, 0, "given twice"},
		{[]string{dir}, time.Millisecond, "shorter than 1s"},
	} {
		_, err := SourcesFromArgs(tc.args, tc.interval)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SourcesFromArgs(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}

func FuzzParseSources(f *testing.F) {
	for _, p := range []string{"good.yaml", "missing.bad.yaml", "syntax.bad.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "sources", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := ParseSources("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml:") {
				t.Errorf("error without FILE:LINE: %v", err)
			}
			return
		}
		for _, s := range srcs {
			if s.Name == "" || s.Interval < MinInterval || (s.URL == "") == (s.Folder == "") {
				t.Errorf("accepted a bad source %+v", s)
			}
		}
	})
}

// TestLoadSourcesFolders: a folder that is not there, or is a file, is a
// mistake named with the file and line, as on the command line.
func TestLoadSourcesFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("نص"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "s.yaml")
	yaml := "sources:\n  - name: inbox\n    folder: ./nope\n  - name: file\n    folder: a.txt\n  - name: here\n    folder: .\n"
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadSources(path)
	want := path + ":2: folder " + filepath.Join(dir, "nope") + ": no such file or directory\n" +
		path + ":4: folder " + filepath.Join(dir, "a.txt") + " is a file; give the folder it is in"
	if err == nil || err.Error() != want {
		t.Errorf("LoadSources: %v\nwant\n%s", err, want)
	}
}
