package pipeline

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rasad/rasad/internal/shared"
	"github.com/rasad/rasad/read"
)

// BenchmarkProcessSharedPages measures the whole pipeline on the two real
// Arabic news pages of the shared data: a 2013 page of 29 KB and a modern
// one of 475 KB. Run with -cpu 1 for the one-core figure.
func BenchmarkProcessSharedPages(b *testing.B) {
	for _, name := range []string{"html-ar/cnnarabic-2013-08-03-syria-clashes.html", "html-ar/lbcgroup-2026-01-08-trump-hair.html.gz"} {
		path := shared.Path(b, name)
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		var r io.Reader = f
		if strings.HasSuffix(path, ".gz") {
			if r, err = gzip.NewReader(f); err != nil {
				b.Fatal(err)
			}
		}
		page, err := io.ReadAll(r)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		p, err := New(Options{Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.SplitN(filepath.Base(name), "-", 2)[0], func(b *testing.B) {
			a := &read.Article{Path: "page.html", Line: 1, HTML: string(page)}
			for b.Loop() {
				d, err := p.Process(a)
				if err != nil {
					b.Fatal(err)
				}
				if len(d.Sentences) < 3 {
					b.Fatalf("only %d sentences", len(d.Sentences))
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
