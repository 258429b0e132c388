// Command outletserver plays news outlets on 127.0.0.1 for manual runs
// and benchmarks of rasad watch: the built-in test outlets, or every
// article of the given corpora as feeds and pages, one outlet per source.
//
//	go run ./internal/outlettest/outletserver -addr 127.0.0.1:8400 \
//	    -corpus ../shared/data/news-egypt2013/articles.jsonl.gz \
//	    -corpus ../shared/data/news-saudinewsnet/articles.jsonl.gz
//
// It prints one line per outlet (name, then its feeds) and serves until
// interrupted. With -every, articles appear one at a time, for measuring
// the time from an item's appearance to its storage.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/rasad/rasad/internal/outlettest"
)

type corpora []string

func (c *corpora) String() string     { return strings.Join(*c, ",") }
func (c *corpora) Set(v string) error { *c = append(*c, v); return nil }

func main() {
	var opts outlettest.Options
	var files corpora
	flag.Var(&files, "corpus", "a JSON Lines file (.jsonl or .jsonl.gz) of articles to serve; repeatable (default: the built-in test outlets)")
	flag.StringVar(&opts.Addr, "addr", "127.0.0.1:8400", "host:port of the first outlet; the others take the following ports (port 0: free ports)")
	flag.IntVar(&opts.PageSize, "page-size", 100, "items per feed page and per child sitemap")
	flag.DurationVar(&opts.SlowDelay, "slow", 2*time.Second, "how long slow pages take")
	flag.BoolVar(&opts.SlowAll, "slow-all", false, "make every article page slow")
	flag.DurationVar(&opts.CrawlDelay, "crawl-delay", 0, "Crawl-delay for robots.txt")
	flag.DurationVar(&opts.Every, "every", 0, "start empty and publish one article every this long, oldest first (default: all at once)")
	feedKind := flag.String("feed", "", "print only this feed of each outlet (rss, atom, rdf, sitemap, sitemap-index), one URL a line")
	logRequests := flag.Bool("log", false, "keep a request log and print its size on exit")
	flag.Parse()
	opts.Corpora = files
	opts.NoRequestLog = !*logRequests
	if strings.HasSuffix(opts.Addr, ":0") {
		opts.Addr = ""
	}

	srv, err := outlettest.New(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "outletserver:", err)
		os.Exit(1)
	}
	defer srv.Close()
	pages := 0
	for _, o := range srv.Outlets() {
		if *feedKind != "" {
			fmt.Println(o.Feeds[*feedKind])
			continue
		}
		kinds := make([]string, 0, len(o.Feeds))
		for k := range o.Feeds {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		fmt.Print(o.Name)
		for _, k := range kinds {
			fmt.Printf(" %s=%s", k, o.Feeds[k])
		}
		fmt.Println()
	}
	pages = len(srv.Pages())
	fmt.Fprintf(os.Stderr, "outletserver: %d outlets, %d pages; broken feed at %s; Ctrl-C to stop\n",
		len(srv.Outlets()), pages, srv.BrokenFeedURL())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	if *logRequests {
		fmt.Fprintf(os.Stderr, "outletserver: %d requests\n", len(srv.Requests()))
	}
}
