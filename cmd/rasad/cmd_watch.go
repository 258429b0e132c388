package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"

	"github.com/rasad/rasad/fetch"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/watch"
)

type watchOptions struct {
	DB       string
	Sources  string
	Once     bool
	Status   bool
	Format   string
	Workers  int
	Interval time.Duration

	Delay        time.Duration
	Contact      string
	Timeout      time.Duration
	MaxBytes     string
	MaxRedirects int

	Lease       time.Duration
	MaxAttempts int
	RetryBase   time.Duration
	RetryMax    time.Duration
	Settle      time.Duration
	OnceWait    time.Duration
	Batch       int

	Listen    string
	LogFormat string
	LogLevel  string
}

func newWatchCommand(g *globals) *cobra.Command {
	var opts watchOptions
	cmd := &cobra.Command{
		Use:   "watch [flags] [SOURCE...]",
		Short: "Follow feeds, news sitemaps and folders, and store every new article once",
		Long: `Watch follows news sources and stores each new article, through the same
pipeline as rasad extract, in the database (an SQLite file, or PostgreSQL with
--db postgres://…). A SOURCE is a feed URL (RSS 2.0, Atom, RDF), a news sitemap
URL, or a folder whose article files (.txt, .html, .htm, .jsonl, .jsonl.gz) are
taken once each, when completely written. --sources FILE lists sources in YAML:

  sources:
    - name: libya-observer      # the outlet stored with its articles
      country: LY
      url: https://example.org/ar/rss.xml
      interval: 10m             # how often to poll (default 15m; folders 5s)
      max_items: 100            # at most this many new items per poll
      delay: 5s                 # between two requests to its host
    - name: inbox
      folder: ./incoming

With --once, everything available now is processed and watch exits (for cron
and tests), with status 1 when some items failed for good in that run (as
rasad extract does when it skips records); otherwise each source is polled on its interval until SIGINT or
SIGTERM. The work list is kept in the database: a URL is fetched once however
many feeds link it, an article is never stored twice, pages that fail for good
(4xx, robots.txt) are recorded with the reason, and those that fail for a while
(5xx, timeouts) are retried with back-off. Several watches may share one
PostgreSQL database; an SQLite database is watched by one process at a time.

--status lists the sources, their last success and errors, and the queue.
--listen 127.0.0.1:9090 serves /metrics (Prometheus) and /healthz.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWatch(cmd.Context(), opts, g, args)
		},
	}
	f := cmd.Flags()
	addDBFlag(f, &opts.DB)
	f.StringVar(&opts.Sources, "sources", "", "read the sources from the YAML `FILE`")
	f.BoolVar(&opts.Once, "once", false, "process everything available now, then exit")
	f.BoolVar(&opts.Status, "status", false, "print the sources, their errors and the queue, then exit")
	f.StringVar(&opts.Format, "format", "table", "--status output: table or json")
	f.IntVar(&opts.Workers, "workers", 2, "items processed at once")
	f.DurationVar(&opts.Interval, "interval", 0, "poll interval of the SOURCE arguments (default 15m for feeds, 5s for folders)")
	f.DurationVar(&opts.Delay, "delay", fetch.DefaultDelay, "wait between two requests to the same host")
	f.StringVar(&opts.Contact, "user-agent-contact", "", "a URL or e-mail address for site operators, put in the User-Agent")
	f.DurationVar(&opts.Timeout, "timeout", fetch.DefaultTimeout, "time limit of one request")
	f.StringVar(&opts.MaxBytes, "max-bytes", "10MB", "largest page or article file (bytes, or with KB, MB, GB)")
	f.IntVar(&opts.MaxRedirects, "max-redirects", fetch.DefaultMaxRedirects, "redirects followed at most")
	f.DurationVar(&opts.Lease, "lease", watch.DefaultLease, "how soon the work of a dead watch is taken over by others (a live watch renews its leases)")
	f.IntVar(&opts.MaxAttempts, "max-attempts", watch.DefaultMaxAttempts, "attempts at a page failing with 5xx or timeouts before it is recorded as failed")
	f.DurationVar(&opts.RetryBase, "retry-base", watch.DefaultRetryBase, "first back-off before a retry (it doubles, with jitter)")
	f.DurationVar(&opts.RetryMax, "retry-max", watch.DefaultRetryMax, "longest back-off before a retry")
	f.DurationVar(&opts.Settle, "settle", watch.DefaultSettle, "with --once, time between the two scans of a folder (a file must not change in between)")
	f.DurationVar(&opts.OnceWait, "once-wait", watch.DefaultOnceWait, "with --once, wait at most this long for retries and for the work of a dead worker; what is due later waits for the next run")
	f.IntVar(&opts.Batch, "batch", watch.DefaultBatchSize, "store up to `N` articles per transaction")
	f.StringVar(&opts.Listen, "listen", "", "serve /metrics and /healthz on `ADDR` (like 127.0.0.1:9090)")
	f.StringVar(&opts.LogFormat, "log-format", "text", "log format: text or json")
	f.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn or error")
	return cmd
}

// mustExist refuses an SQLite database file that is not there, for the
// commands that only look (opening it would create an empty one, and a
// mistyped path would show an empty database instead of an error).
func mustExist(g *globals, db string) error {
	if db == "" {
		db = g.getenv("RASAD_DB")
	}
	if db == "" {
		db = defaultDB
	}
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return nil
	}
	db = strings.TrimPrefix(db, "sqlite:")
	if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
		return usagef("no database %s (rasad ingest or rasad watch creates one; --db or $RASAD_DB names it)", db)
	}
	return nil
}

// userAgent names rasad and, when given, the operator's contact.
func userAgent(contact string) string {
	if contact == "" {
		return fetch.DefaultUserAgent
	}
	return fmt.Sprintf("rasad/1 (+https://github.com/rasad/rasad; %s)", contact)
}

func (o watchOptions) check(args []string) ([]watch.Source, error) {
	switch o.Format {
	case "table", "json":
	default:
		return nil, usagef("--format %q: want table or json", o.Format)
	}
	if o.Status {
		if len(args) > 0 || o.Sources != "" || o.Once {
			return nil, usagef("--status takes no sources and no --once")
		}
		return nil, nil
	}
	if o.Workers < 1 {
		return nil, usagef("--workers %d: must be at least 1", o.Workers)
	}
	if o.Batch < 1 {
		return nil, usagef("--batch %d: must be at least 1", o.Batch)
	}
	if o.MaxAttempts < 1 {
		return nil, usagef("--max-attempts %d: must be at least 1", o.MaxAttempts)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"--lease", o.Lease}, {"--retry-base", o.RetryBase}, {"--retry-max", o.RetryMax}, {"--timeout", o.Timeout}, {"--settle", o.Settle}} {
		if d.v <= 0 {
			return nil, usagef("%s %v: must be positive", d.name, d.v)
		}
	}
	if o.Delay < 0 {
		return nil, usagef("--delay %v: must not be negative", o.Delay)
	}
	switch o.LogFormat {
	case "text", "json":
	default:
		return nil, usagef("--log-format %q: want text or json", o.LogFormat)
	}
	if strings.ContainsAny(o.Contact, "\r\n()") {
		return nil, usagef("--user-agent-contact %q: no parentheses or line breaks", o.Contact)
	}
	var sources []watch.Source
	if o.Sources != "" {
		s, err := watch.LoadSources(o.Sources)
		if err != nil {
			return nil, usageError{err}
		}
		sources = s
	}
	if len(args) > 0 {
		s, err := watch.SourcesFromArgs(args, o.Interval)
		if err != nil {
			return nil, usageError{err}
		}
		for _, a := range s {
			for _, b := range sources {
				if a.Name == b.Name {
					return nil, usagef("source %q is also in %s", a.Name, o.Sources)
				}
			}
		}
		sources = append(sources, s...)
	}
	if len(sources) == 0 {
		return nil, usagef("watch needs a SOURCE (a feed or sitemap URL, or a folder) or --sources FILE")
	}
	return sources, nil
}

func runWatch(ctx context.Context, opts watchOptions, g *globals, args []string) error {
	sources, err := opts.check(args)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(opts.LogLevel)); err != nil {
		return usagef("--log-level %q: want debug, info, warn or error", opts.LogLevel)
	}
	maxBytes, err := parseSize(opts.MaxBytes)
	if err != nil {
		return usagef("--max-bytes: %v", err)
	}

	if opts.Status {
		if err := mustExist(g, opts.DB); err != nil {
			return err
		}
		st, _, _, err := openStore(ctx, g, opts.DB)
		if err != nil {
			return err
		}
		defer st.Close()
		status, err := watch.Status(ctx, st)
		if err != nil {
			return err
		}
		return watch.WriteStatus(g.stdout, status, opts.Format)
	}

	// One watch at a time on an SQLite file: its lock is taken before
	// the file is opened, so a second watch never touches it.
	db := opts.DB
	if db == "" {
		db = g.getenv("RASAD_DB")
	}
	if db == "" {
		db = defaultDB
	}
	if !strings.HasPrefix(db, "postgres://") && !strings.HasPrefix(db, "postgresql://") {
		lock, err := watch.LockDatabase(strings.TrimPrefix(db, "sqlite:"))
		if err != nil {
			return err
		}
		defer lock.Unlock()
	}

	ui := newWatchUI(g.stderr)
	var handler slog.Handler
	hopts := &slog.HandlerOptions{Level: level}
	if opts.LogFormat == "json" {
		handler = slog.NewJSONHandler(ui, hopts)
	} else {
		handler = slog.NewTextHandler(ui, hopts)
	}
	logger := slog.New(handler)

	st, an, name, err := openStore(ctx, g, db)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			// Interrupted while starting: nothing was taken, nothing
			// to release; a migration runs in its own transaction.
			fmt.Fprintln(g.stderr, "watch: stopped before it started")
			return nil
		}
		return err
	}
	defer st.Close()
	p, err := pipeline.New(pipeline.Options{Workers: 1, Analyzer: an})
	if err != nil {
		return err
	}
	// Saved alerts fire on what the watch stores.
	onStored, finishAlerts, err := alertHook(ctx, st, an, g, logger)
	if err != nil {
		return err
	}
	alertsFinished := false
	defer func() {
		if !alertsFinished {
			finishAlerts(false)
		}
	}()

	wopts := watch.Options{
		Store:    st,
		Pipeline: p,
		Sources:  sources,
		Fetch: fetch.Config{
			UserAgent:    userAgent(opts.Contact),
			Delay:        opts.Delay,
			Timeout:      opts.Timeout,
			MaxBytes:     maxBytes,
			MaxRedirects: opts.MaxRedirects,
		},
		Workers:     opts.Workers,
		Once:        opts.Once,
		Lease:       opts.Lease,
		MaxAttempts: opts.MaxAttempts,
		RetryBase:   opts.RetryBase,
		RetryMax:    opts.RetryMax,
		Settle:      opts.Settle,
		OnceWait:    opts.OnceWait,
		BatchSize:   opts.Batch,
		MaxBytes:    maxBytes,
		Logger:      logger,
		OnStored:    onStored,
	}
	if opts.Delay == 0 {
		wopts.Fetch.Delay = -1 // none, as the flag says (the library's 0 means its default)
	}
	var reg *prometheus.Registry
	if opts.Listen != "" {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		wopts.Metrics = watch.NewMetrics(reg, st)
	}
	w, err := watch.New(wopts)
	if err != nil {
		return err
	}
	if opts.Listen != "" {
		stop, err := serveMetrics(opts.Listen, reg, logger)
		if err != nil {
			return err
		}
		defer stop()
	}
	logger.Info("watching", "database", name, "sources", len(sources))
	ui.start(w)
	err = w.Run(ctx)
	ui.stop()
	// Under --once, deliver the alerts before exiting.
	alertsFinished = true
	if aerr := finishAlerts(opts.Once && err == nil); err == nil {
		err = aerr
	}
	if err != nil {
		return err
	}
	c := w.Counts()
	fmt.Fprintf(g.stderr, "watch: %d polls, %d new items, %d fetched, %d stored, %d already stored, %d retries, %d failed\n",
		c.Polls, c.Queued, c.Fetched, c.Stored, c.Unchanged, c.Retried, c.Failed)
	if opts.Once && c.Failed > 0 {
		// As rasad extract does with records it skips: a cron job must be
		// able to tell that something was not stored.
		fmt.Fprintf(g.stderr, "watch: %d items failed for good this run; rasad watch --status lists them with their reasons\n", c.Failed)
		return errSomeSkipped
	}
	return nil
}

// serveMetrics serves /metrics and /healthz on addr until stop is called.
func serveMetrics(addr string, reg *prometheus.Registry, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, usagef("--listen %s: %v", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server", "err", err)
		}
	}()
	log.Info("serving metrics", "addr", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}

// watchUI is standard error during a watch: logs pass through it, and on a
// terminal a progress line is redrawn below them. Off a terminal there
// are only the logs (the watch logs each poll), as a service's journal
// wants.
type watchUI struct {
	out      io.Writer
	terminal bool
	mu       sync.Mutex
	drawn    bool
	quit     chan struct{}
	done     chan struct{}
}

func newWatchUI(w io.Writer) *watchUI {
	return &watchUI{out: w, terminal: isTerminal(w)}
}

// Write writes a log line, clearing the progress line first.
func (u *watchUI) Write(p []byte) (int, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.drawn {
		fmt.Fprint(u.out, "\r\033[K")
		u.drawn = false
	}
	return u.out.Write(p)
}

func (u *watchUI) start(w *watch.Watcher) {
	if !u.terminal {
		return
	}
	u.quit, u.done = make(chan struct{}), make(chan struct{})
	started := time.Now()
	go func() {
		defer close(u.done)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-u.quit:
				return
			case <-tick.C:
				c := w.Counts()
				rate := float64(c.Stored+c.Unchanged) / max(time.Since(started).Seconds(), 1e-3)
				u.mu.Lock()
				fmt.Fprintf(u.out, "\r\033[Kwatch: %d new items, %d fetched, %d stored (%.1f/s), %d already stored, %d retries, %d failed",
					c.Queued, c.Fetched, c.Stored, rate, c.Unchanged, c.Retried, c.Failed)
				u.drawn = true
				u.mu.Unlock()
			}
		}
	}()
}

func (u *watchUI) stop() {
	if u.quit == nil {
		return
	}
	close(u.quit)
	<-u.done
	u.quit = nil
	u.mu.Lock()
	if u.drawn {
		fmt.Fprint(u.out, "\r\033[K")
		u.drawn = false
	}
	u.mu.Unlock()
}
