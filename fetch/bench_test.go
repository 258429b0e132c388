package fetch

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rasad/rasad/internal/outlettest"
)

// BenchmarkFetchOutlets fetches the ok pages of the three test outlets,
// one goroutine per outlet, with no delay: the client's own cost per
// page (robots.txt cached, gzip, limits) over loopback HTTP, the ceiling
// of what watch can fetch on one machine.
func BenchmarkFetchOutlets(b *testing.B) {
	srv, err := outlettest.New(outlettest.Options{NoRequestLog: true})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c := New(Config{Delay: -1})
	byOutlet := map[string][]string{}
	for _, p := range srv.Pages() {
		if p.Kind == outlettest.KindOK {
			byOutlet[p.Outlet] = append(byOutlet[p.Outlet], p.URL)
		}
	}
	var next atomic.Int64
	var bytes atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for _, urls := range byOutlet {
		wg.Go(func() {
			for i := 0; next.Add(1) <= int64(b.N); i++ {
				page, err := c.Fetch(context.Background(), urls[i%len(urls)], Validators{})
				if err != nil || page.Status != 200 || len(page.Body) < 1000 {
					b.Errorf("%s: %v", urls[i%len(urls)], err)
					return
				}
				bytes.Add(int64(len(page.Body)))
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.SetBytes(bytes.Load() / int64(max(b.N, 1)))
}
