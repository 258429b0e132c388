package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/read"
)

// BenchmarkProcessHTML measures the whole pipeline on a saved news page
// (the bundled UTF-8 example: menus, cookie banner, related links,
// comments, scripts), one page at a time. Run with -cpu 1 for the
// one-core figure.
func BenchmarkProcessHTML(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("..", "examples", "04-yemen-marib-drone.html"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(Options{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	a := &read.Article{Path: "page.html", Line: 1, HTML: string(page)}
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for b.Loop() {
		d, err := p.Process(a)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Sentences) < 5 || !strings.Contains(d.Text, "صرواح") {
			b.Fatalf("unexpected document: %d sentences", len(d.Sentences))
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkProcessText measures the whole pipeline on a plain-text
// article, in words per second.
func BenchmarkProcessText(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "examples", "01-libya-sirte-strikes.txt"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(Options{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	a := &read.Article{Path: "a.txt", Line: 1, Text: string(text)}
	words := 0
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		d, err := p.Process(a)
		if err != nil {
			b.Fatal(err)
		}
		words = 0
		for _, t := range d.Tokens {
			if t.Kind == document.Word || t.Kind == document.LatinWord || t.Kind == document.Number {
				words++
			}
		}
		if words < 300 {
			b.Fatalf("only %d words", words)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}
