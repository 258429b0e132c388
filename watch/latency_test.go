package watch

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rasad/rasad/fetch"
)

// growingFeed is an RSS feed on which a new item appears every period,
// with the item pages; it notes when each item appeared.
type growingFeed struct {
	start  time.Time
	period time.Duration
	total  int
}

func (g *growingFeed) visible(now time.Time) int {
	return min(g.total, int(now.Sub(g.start)/g.period)+1)
}

func (g *growingFeed) appeared(i int) time.Time {
	return g.start.Add(time.Duration(i) * g.period)
}

func (g *growingFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/robots.txt":
		http.NotFound(w, r)
	case r.URL.Path == "/rss.xml":
		n := g.visible(time.Now())
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>وكالة الاختبار</title><link>http://` + r.Host + `/</link>`)
		for i := n - 1; i >= 0; i-- {
			fmt.Fprintf(&b, "<item><title>خبر رقم %d</title><link>http://%s/news/%d.html</link><pubDate>%s</pubDate></item>",
				i, r.Host, i, g.appeared(i).UTC().Format(time.RFC1123Z))
		}
		b.WriteString("</channel></rss>")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte(b.String()))
	case strings.HasPrefix(r.URL.Path, "/news/"):
		i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/news/"), ".html"))
		if err != nil || i >= g.visible(time.Now()) {
			http.NotFound(w, r)
			return
		}
		var body strings.Builder
		for _, p := range strings.Split(strings.TrimSpace(article(4+i%5)), "\n") {
			body.WriteString("<p>" + html.EscapeString(p) + " (" + strconv.Itoa(i) + ")</p>")
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>خبر رقم %d</title></head><body><article><h1>خبر رقم %d</h1>%s</article></body></html>", i, i, body.String())
	default:
		http.NotFound(w, r)
	}
}

// BenchmarkFeedLatency measures the time from an item appearing on a feed
// to its article being stored and searchable, with the feed polled every
// second and a new item every 250 ms; it reports the p50 and p95.
//
//	go test -run '^$' -bench FeedLatency -benchtime 1x ./watch/
func BenchmarkFeedLatency(b *testing.B) {
	const items = 60
	for b.Loop() {
		g := &growingFeed{start: time.Now(), period: 250 * time.Millisecond, total: items}
		srv := httptest.NewServer(g)
		st := openSQLite(b, filepath.Join(b.TempDir(), "rasad.db"))
		var mu sync.Mutex
		var latencies []time.Duration
		w, err := New(Options{
			Store:    st,
			Pipeline: testPipeline(b),
			Sources:  []Source{{Name: "growing", Kind: KindFeed, URL: srv.URL + "/rss.xml", Interval: time.Second}},
			Workers:  2,
			Fetch:    fetch.Config{Delay: -1, Timeout: 5 * time.Second},
			BatchAge: 100 * time.Millisecond,
			OnStored: func(ctx context.Context, ids []string) error {
				now := time.Now()
				for _, id := range ids {
					s, err := st.Get(ctx, id)
					if err != nil {
						return err
					}
					i, err := strconv.Atoi(strings.TrimPrefix(*s.Doc.Title, "خبر رقم "))
					if err != nil {
						return fmt.Errorf("title %q: %w", *s.Doc.Title, err)
					}
					mu.Lock()
					latencies = append(latencies, now.Sub(g.appeared(i)))
					mu.Unlock()
				}
				return nil
			},
		})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(b.Context(), time.Duration(items)*g.period+30*time.Second)
		done := make(chan error, 1)
		go func() { done <- w.Run(ctx) }()
		for {
			mu.Lock()
			n := len(latencies)
			mu.Unlock()
			if n >= items || ctx.Err() != nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		srv.Close()
		if len(latencies) != items {
			b.Fatalf("%d of %d items stored", len(latencies), items)
		}
		slices.Sort(latencies)
		b.ReportMetric(latencies[items/2].Seconds(), "p50-s")
		b.ReportMetric(latencies[items*95/100].Seconds(), "p95-s")
		b.ReportMetric(latencies[items-1].Seconds(), "max-s")
	}
}
