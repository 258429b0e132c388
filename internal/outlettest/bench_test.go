package outlettest_test

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/rasad/rasad/feed"
	"github.com/rasad/rasad/fetch"
	"github.com/rasad/rasad/internal/outlettest"
	"github.com/rasad/rasad/internal/shared"
)

// BenchmarkCorpusCrawl crawls the shared corpora played as outlets, as
// watch would without its pipeline: each outlet's sitemap index, its
// child sitemaps and every page, through fetch.Client with no delay, one
// goroutine per outlet. It reports pages/s and the server's heap, the
// ceiling that the 44,000-article watch benchmark runs under.
//
//	go test -run '^$' -bench CorpusCrawl -benchtime 1x ./internal/outlettest/
func BenchmarkCorpusCrawl(b *testing.B) {
	paths := []string{
		shared.Path(b, "news-egypt2013/articles.jsonl.gz"),
		shared.Path(b, "news-saudinewsnet/articles.jsonl.gz"),
	}
	srv := outlettest.Start(b, outlettest.Options{Corpora: paths, NoRequestLog: true})
	want := len(srv.Pages())
	for b.Loop() {
		c := fetch.New(fetch.Config{Delay: -1})
		var mu sync.Mutex
		fetched := 0
		var wg sync.WaitGroup
		for _, o := range srv.Outlets() {
			wg.Go(func() {
				ctx := context.Background()
				idx, err := c.Fetch(ctx, o.Feeds["sitemap-index"], fetch.Validators{})
				if err != nil {
					b.Error(err)
					return
				}
				f, err := feed.Parse(idx.Body, idx.FinalURL)
				if err != nil {
					b.Error(err)
					return
				}
				for _, sm := range f.Sitemaps {
					page, err := c.Fetch(ctx, sm, fetch.Validators{})
					if err != nil {
						b.Error(err)
						return
					}
					items, err := feed.Parse(page.Body, page.FinalURL)
					if err != nil {
						b.Error(err)
						return
					}
					for _, it := range items.Items {
						if _, err := c.Fetch(ctx, it.URL, fetch.Validators{}); err != nil {
							b.Error(err)
							return
						}
						mu.Lock()
						fetched++
						mu.Unlock()
					}
				}
			})
		}
		wg.Wait()
		if fetched != want {
			b.Fatalf("fetched %d pages of %d", fetched, want)
		}
		b.ReportMetric(float64(fetched)/b.Elapsed().Seconds(), "pages/s")
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
}
