package read

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchmarkRecords writes n JSONL records of realistic size (about 3 KB
// of Arabic text each, like the shared corpora) and returns the file's
// size.
func benchmarkRecords(b *testing.B, path string, n int, compress bool) int64 {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	var w interface {
		WriteString(string) (int, error)
	} = f
	var zw *gzip.Writer
	if compress {
		zw = gzip.NewWriter(f)
		w = stringWriter{zw}
	}
	paragraph := strings.Repeat(strings.ReplaceAll(fixtureText, "\n", `\n`), 10)
	var size int64
	for i := range n {
		line := fmt.Sprintf(`{"id": "bench-%05d", "source": "وكالة", "date": "2020-06-22 10:00:00", "title": %q, "content": "%s", "origin": "bench"}`+"\n",
			i, fixtureTitle, paragraph)
		size += int64(len(line))
		if _, err := w.WriteString(line); err != nil {
			b.Fatal(err)
		}
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return size
}

type stringWriter struct{ w *gzip.Writer }

func (s stringWriter) WriteString(str string) (int, error) { return s.w.Write([]byte(str)) }

func BenchmarkJSONL(b *testing.B) {
	const n = 2000
	for _, compress := range []bool{false, true} {
		name := "records.jsonl"
		if compress {
			name += ".gz"
		}
		b.Run(name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), name)
			size := benchmarkRecords(b, path, n, compress)
			b.SetBytes(size) // uncompressed JSON, so MB/s compares across the two
			b.ResetTimer()
			for b.Loop() {
				got := 0
				for a, err := range Articles(context.Background(), []string{path}, Options{}) {
					if err != nil {
						b.Fatal(err)
					}
					if a.Text == "" {
						b.Fatalf("%s: no text", a.Where())
					}
					got++
				}
				if got != n {
					b.Fatalf("read %d records, want %d", got, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
