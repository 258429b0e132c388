package sqlite_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/internal/shared"
	"github.com/rasad/rasad/read"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
)

// corpusDocs returns the first n articles of a shared news corpus as
// tokenised documents (not cleaned: the benchmark measures the store).
func corpusDocs(b *testing.B, an *arabic.Analyzer, n int) []*document.Document {
	path := shared.Path(b, "news-saudinewsnet/articles.jsonl.gz")
	ctx := context.Background()
	var docs []*document.Document
	for a, err := range read.Articles(ctx, []string{path}, read.Options{}) {
		if err != nil {
			continue
		}
		d := document.New(a.ID, a.Text)
		if a.URL != "" {
			d.URL = &a.URL
		}
		d.Tokens, d.Sentences = an.Analyze(d.Text)
		docs = append(docs, d)
		if len(docs) == n {
			break
		}
	}
	return docs
}

// BenchmarkPut stores 1,000 news articles into a new database per
// iteration, one transaction each, and reports the store's own rate,
// without the pipeline.
func BenchmarkPut(b *testing.B) { benchmarkPut(b, 1) }

// BenchmarkPutBatch does the same with 64 articles per transaction, as
// rasad ingest does.
func BenchmarkPutBatch(b *testing.B) { benchmarkPut(b, 64) }

func benchmarkPut(b *testing.B, batch int) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	docs := corpusDocs(b, an, 1000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), store.Options{Analyzer: an})
		if err != nil {
			b.Fatal(err)
		}
		for chunk := range slices.Chunk(docs, batch) {
			if _, err := st.PutBatch(ctx, chunk); err != nil {
				b.Fatal(err)
			}
		}
		stats, err := st.Stats(ctx)
		if err != nil || stats.Documents != int64(len(docs)) {
			b.Fatalf("stored %d of %d documents (%v)", stats.Documents, len(docs), err)
		}
		st.Close()
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}
