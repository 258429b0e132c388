package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/api"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/web"
)

// defaultAddr keeps the server to this machine unless told otherwise.
const defaultAddr = "127.0.0.1:8080"

type serveOptions struct {
	DB        string
	Addr      string
	LogFormat string
}

func newServeCommand(g *globals) *cobra.Command {
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the HTTP API and the dashboard over a database",
		Long: `Serve answers the HTTP API (/api/v1/…, described in /api/v1/openapi.yaml) and
serves the dashboard at / over a database (an SQLite file or postgres://…), on
127.0.0.1:8080 unless --addr says otherwise (127.0.0.1:0 picks a free port).

The server is read-only unless $RASAD_TOKEN is set: then POST /api/v1/documents
runs the extract pipeline over the articles posted and stores them, for clients
sending "Authorization: Bearer $RASAD_TOKEN". One log line per request goes to
standard error. SIGINT or SIGTERM stops it gracefully.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	addDBFlag(f, &opts.DB)
	f.StringVar(&opts.Addr, "addr", defaultAddr, "listen on `HOST:PORT`")
	f.StringVar(&opts.LogFormat, "log-format", "text", "request log `FORMAT`: text or json")
	return cmd
}

func runServe(ctx context.Context, opts serveOptions, g *globals) error {
	logger, err := newLogger(g.stderr, opts.LogFormat)
	if err != nil {
		return err
	}
	st, an, name, err := openStore(ctx, g, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	return serveStore(ctx, g, serveConfig{store: st, analyzer: an, name: name, addr: opts.Addr, logger: logger})
}

// newLogger returns the request logger in the format asked for.
func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, usagef("--log-format %q: want text or json", format)
}

// serveConfig is what serveStore serves and how.
type serveConfig struct {
	store    store.Store
	analyzer *arabic.Analyzer
	name     string // the database, for messages
	addr     string
	logger   *slog.Logger
	// announce, when set, is printed to standard output with the
	// server's address once it listens.
	announce string
}

// idleConns is how many database connections a server keeps open
// between requests.
const idleConns = 64

// shutdownGrace is how long requests in flight get to finish.
const shutdownGrace = 10 * time.Second

// serveStore serves the API and dashboard over an open store until ctx
// ends.
func serveStore(ctx context.Context, g *globals, c serveConfig) error {
	start := time.Now()
	added, removed, err := api.Sync(ctx, c.store)
	if err != nil {
		return fmt.Errorf("preparing the event listing of %s: %w", c.name, err)
	}
	if added+removed > 0 {
		c.logger.Info("event listing brought up to date", "db", c.name, "added", added, "removed", removed, "took", time.Since(start).Round(time.Millisecond))
	}
	// database/sql keeps 2 idle connections by default: under load every
	// other request would open a connection (for SQLite, the file and its
	// pragmas) and close it again.
	if db, ok := c.store.(interface{ SQL() *sql.DB }); ok {
		db.SQL().SetMaxIdleConns(idleConns)
	}
	token := g.getenv("RASAD_TOKEN")
	var p *pipeline.Pipeline
	if token != "" {
		if p, err = pipeline.New(pipeline.Options{Workers: runtime.NumCPU(), Analyzer: c.analyzer}); err != nil {
			return err
		}
	}
	stopping := make(chan struct{})
	h, err := api.New(api.Config{
		Store: c.store, Analyzer: c.analyzer, Pipeline: p, Token: token,
		Logger: c.logger, Web: web.Handler(), Shutdown: stopping,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return usagef("--addr %s: %v", c.addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(c.logger.Handler(), slog.LevelWarn),
	}
	url := "http://" + ln.Addr().String() + "/"
	mode := "read-only (set RASAD_TOKEN to accept POSTed articles)"
	if token != "" {
		mode = "accepting POSTed articles with the token"
	}
	c.logger.Info("serving", "db", c.name, "url", url, "mode", mode)
	if c.announce != "" {
		fmt.Fprintf(g.stdout, "%s %s\n", c.announce, url)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	c.logger.Info("shutting down")
	close(stopping)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadOptions are the flags of the hidden load generator that measures
// the API (api/RESULTS.md).
type loadOptions struct {
	URL         string
	Paths       []string
	Duration    time.Duration
	Concurrency int
}

func newLoadCommand(g *globals) *cobra.Command {
	var opts loadOptions
	cmd := &cobra.Command{
		Use:    "loadtest [flags]",
		Short:  "Measure a rasad server's throughput and latency (to this machine only)",
		Hidden: true,
		Long: `Loadtest sends GET requests for --path (repeat it: the paths are taken in turn)
to a rasad server on this machine from --concurrency clients, each sending its
next request when the last one is answered, for --duration, and prints the
requests per second and the latency percentiles of those answered 200. Each
path is requested once before the clock starts.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLoad(cmd.Context(), opts, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.URL, "url", "http://127.0.0.1:8080", "the server's base `URL` (127.0.0.1 or localhost only)")
	f.StringArrayVar(&opts.Paths, "path", []string{"/api/v1/events"}, "a `PATH` with its query to request; repeat for several")
	f.DurationVar(&opts.Duration, "duration", 20*time.Second, "how long to send requests")
	f.IntVar(&opts.Concurrency, "concurrency", 16, "clients sending requests at once")
	return cmd
}

func runLoad(ctx context.Context, opts loadOptions, g *globals) error {
	base, err := url.Parse(opts.URL)
	if err != nil || base.Scheme != "http" {
		return usagef("--url %q: want http://127.0.0.1:PORT", opts.URL)
	}
	if h := base.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return usagef("--url %q: load is only sent to this machine", opts.URL)
	}
	if opts.Concurrency < 1 || opts.Duration <= 0 || len(opts.Paths) == 0 {
		return usagef("--concurrency, --duration and --path must be positive")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: opts.Concurrency, DisableCompression: true}, Timeout: 30 * time.Second}
	// Each path once first, untimed: the server counts a filter's
	// matches once per version of the data.
	for _, p := range opts.Paths {
		resp, err := client.Get(strings.TrimSuffix(opts.URL, "/") + p)
		if err != nil {
			return fmt.Errorf("warming up: %w", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("warming up: GET %s: %s", p, resp.Status)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Duration)
	defer cancel()
	type result struct {
		latencies []time.Duration
		statuses  map[int]int
		failures  int
	}
	results := make([]result, opts.Concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[w]
			r.statuses = make(map[int]int)
			for i := w; ctx.Err() == nil; i++ {
				req, err := http.NewRequestWithContext(ctx, "GET", strings.TrimSuffix(opts.URL, "/")+opts.Paths[i%len(opts.Paths)], nil)
				if err != nil {
					r.failures++
					return
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						r.failures++
					}
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				took := time.Since(t0)
				if err != nil {
					if ctx.Err() == nil {
						r.failures++
					}
					continue
				}
				r.statuses[resp.StatusCode]++
				if resp.StatusCode == http.StatusOK {
					r.latencies = append(r.latencies, took)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	statuses := make(map[int]int)
	failures := 0
	for _, r := range results {
		all = append(all, r.latencies...)
		for c, n := range r.statuses {
			statuses[c] += n
		}
		failures += r.failures
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }
	fmt.Fprintf(g.stdout, "%d paths, %d clients, %s: %d answered 200 (%.0f/s), statuses %v, %d failed; latency p50 %s p95 %s p99 %s max %s\n",
		len(opts.Paths), opts.Concurrency, elapsed.Round(time.Millisecond), len(all), float64(len(all))/elapsed.Seconds(), statuses, failures,
		ms(pct(0.50)), ms(pct(0.95)), ms(pct(0.99)), ms(pct(1)))
	return nil
}
