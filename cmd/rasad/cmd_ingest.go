package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/ingest"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/postgres"
	"github.com/rasad/rasad/store/sqlite"
)

// defaultDB is the database used when neither --db nor $RASAD_DB names one.
const defaultDB = "rasad.db"

type ingestOptions struct {
	extractOptions
	DB string
	// Batch is how many articles go into one transaction at most.
	Batch int
	// Progress is how often a plain progress line is printed when
	// standard error is not a terminal (0: never).
	Progress time.Duration
}

func newIngestCommand(g *globals) *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Extract articles and store them in a database for search and export",
		Long: `Ingest runs the extract pipeline over articles (.txt, .html/.htm, .jsonl,
.jsonl.gz, directories of them, or - for standard input) and stores each
document, with its entities, places, events and quotes, in a database: an SQLite
file (rasad.db unless --db or $RASAD_DB says otherwise) or PostgreSQL
(--db postgres://…).

Each article is stored whole or not at all (--batch of them per transaction).
An article already stored (same id,
URL or cleaned text) is skipped when unchanged and replaced otherwise, so a batch
can be ingested again after an interruption. Searches and exports can run while
an ingest writes.

Progress goes to standard error: a bar on a terminal, a line every 10 seconds
otherwise. Records that cannot be read are reported as PATH:LINE: reason. The exit
status is 0 when every record was stored, 1 when some failed, 2 for a usage error.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("ingest needs at least one PATH (a file, a directory, or - for standard input)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), opts, g, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Published, "published", "", "publication `DATE` (2020-06-22 or RFC 3339) for articles that carry none")
	f.IntVar(&opts.Workers, "workers", runtime.NumCPU(), "articles processed in parallel")
	f.StringVar(&opts.MaxBytes, "max-bytes", "10MB", "skip articles larger than `SIZE` (bytes, or with KB, MB, GB)")
	addDBFlag(f, &opts.DB)
	f.IntVar(&opts.Batch, "batch", 512, "store up to `N` articles per transaction (each article is still stored whole or not at all)")
	f.DurationVar(&opts.Progress, "progress-every", 10*time.Second, "how often to print a progress line when standard error is not a terminal (0: never)")
	return cmd
}

// dbFlags is the part of cobra's flag set that addDBFlag needs.
type dbFlags interface {
	StringVar(p *string, name, value, usage string)
}

func addDBFlag(f dbFlags, p *string) {
	f.StringVar(p, "db", "", "the database: an SQLite `FILE` or a postgres:// URL (default $RASAD_DB, else "+defaultDB+")")
}

// openStore opens the database that --db, else $RASAD_DB, names.
func openStore(ctx context.Context, g *globals, db string) (store.Store, *arabic.Analyzer, string, error) {
	if db == "" {
		db = g.getenv("RASAD_DB")
	}
	if db == "" {
		db = defaultDB
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		return nil, nil, "", fmt.Errorf("loading the Arabic analyzer: %w", err)
	}
	opts := store.Options{Analyzer: an}
	var st store.Store
	switch {
	case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
		st, err = postgres.Open(ctx, db, opts)
		// Name the server, not the password, in messages.
		if i := strings.LastIndex(db, "@"); i >= 0 {
			db = "postgres://…" + db[i:]
		}
	default:
		db = strings.TrimPrefix(db, "sqlite:")
		st, err = sqlite.Open(ctx, db, opts)
	}
	if err != nil {
		return nil, nil, "", fmt.Errorf("opening the database %s: %w", db, err)
	}
	return st, an, db, nil
}

func runIngest(ctx context.Context, opts ingestOptions, g *globals, paths []string) error {
	popts, ropts, err := opts.resolve(g)
	if err != nil {
		return err
	}
	if opts.Progress < 0 {
		return usagef("--progress-every %v: must not be negative", opts.Progress)
	}
	if opts.Batch < 1 {
		return usagef("--batch %d: must be at least 1", opts.Batch)
	}
	st, an, name, err := openStore(ctx, g, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	popts.Analyzer = an
	p, err := pipeline.New(popts)
	if err != nil {
		return err
	}

	ui := newProgress(g.stderr, opts.Progress)
	defer ui.stop()
	countCtx, stopCounting := context.WithCancel(ctx)
	defer stopCounting()
	go func() {
		if n, ok := countRecords(countCtx, paths); ok {
			ui.total.Store(n)
		}
	}()

	in := ingest.New(st, p, ingest.Options{Batch: opts.Batch, Progress: ui.update})
	sum, err := in.Run(ctx, read.Articles(ctx, paths, ropts))
	ui.stop()
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "ingest: %d articles in %s (%.1f/s): %d added, %d updated, %d skipped as already stored, %d failed\n",
		sum.Done(), sum.Elapsed.Round(time.Millisecond), sum.Rate(), sum.Added, sum.Updated, sum.Unchanged, sum.Failed)
	if sum.FirstRate > 0 {
		fmt.Fprintf(g.stderr, "ingest: first %d articles %.1f/s, last %d articles %.1f/s\n",
			ingest.RateWindow, sum.FirstRate, ingest.RateWindow, sum.LastRate)
	}
	if stats, err := st.Stats(ctx); err == nil {
		fmt.Fprintf(g.stderr, "database %s: %d articles in %d stories, %d events in %d incidents\n",
			name, stats.Documents, stats.Stories, stats.Events, stats.Incidents)
	}
	if sum.Failed > 0 {
		return errSomeSkipped
	}
	return nil
}

// progress renders an ingest's progress on standard error: a bar redrawn
// in place on a terminal, a plain line now and then otherwise. Records
// that failed are printed as they come, clearing the bar first.
type progress struct {
	w        io.Writer
	terminal bool
	total    atomic.Int64 // records in the input, 0 until counted

	mu    sync.Mutex
	last  ingest.Progress
	drawn bool
	quit  chan struct{}
	once  sync.Once
	wg    sync.WaitGroup
}

func newProgress(w io.Writer, every time.Duration) *progress {
	p := &progress{w: w, terminal: isTerminal(w), quit: make(chan struct{})}
	interval := every
	if p.terminal {
		interval = 250 * time.Millisecond
	}
	if interval <= 0 {
		return p
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-p.quit:
				return
			case <-tick.C:
				p.draw()
			}
		}
	}()
	return p
}

// update is the ingester's progress callback.
func (p *progress) update(pr ingest.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = pr
	if pr.Skipped != nil {
		p.clear()
		fmt.Fprintln(p.w, pr.Skipped.Error())
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s", p.line(true))
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "ingest: %s\n", p.line(false))
}

// line is one progress report: with a bar when the total is known and
// bar is set.
func (p *progress) line(bar bool) string {
	done := p.last.Done()
	rate := float64(done) / max(p.last.Elapsed.Seconds(), 1e-3)
	var b strings.Builder
	if total := p.total.Load(); total > 0 {
		frac := min(1, float64(done)/float64(total))
		if bar {
			const width = 24
			n := int(frac * width)
			fmt.Fprintf(&b, "[%s%s] ", strings.Repeat("=", n), strings.Repeat(" ", width-n))
		}
		fmt.Fprintf(&b, "%d/%d articles (%.0f%%), %.1f/s", done, total, 100*frac, rate)
		if rate > 0 && done < total {
			eta := time.Duration(float64(total-done) / rate * float64(time.Second))
			fmt.Fprintf(&b, ", ETA %s", eta.Round(time.Second))
		}
	} else {
		fmt.Fprintf(&b, "%d articles, %.1f/s", done, rate)
	}
	fmt.Fprintf(&b, ", %d skipped (already stored), %d failed", p.last.Unchanged, p.last.Failed)
	return b.String()
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func (p *progress) stop() {
	p.once.Do(func() {
		close(p.quit)
		p.wg.Wait()
		p.mu.Lock()
		p.clear()
		p.mu.Unlock()
	})
}

// isTerminal says whether w is a character device, as a terminal is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// countRecords counts, for the ETA, the articles in paths as read.Articles
// will find them: one per non-blank line of a JSONL file, one per other
// file. It gives up on standard input.
func countRecords(ctx context.Context, paths []string) (int64, bool) {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return 0, false
		}
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if d.IsDir() {
				return nil
			}
			name := strings.ToLower(path)
			switch {
			case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".jsonl.gz"):
				lines, err := countLines(ctx, path)
				if err != nil {
					return err
				}
				n += lines
			case strings.HasSuffix(name, ".txt"), strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".htm"):
				n++
			}
			return nil
		})
		if err != nil {
			return 0, false
		}
	}
	return n, true
}

func countLines(ctx context.Context, path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return 0, err
		}
		r = gz
	}
	br := bufio.NewReaderSize(r, 1<<20)
	var n int64
	blank := true
	for {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		line, err := br.ReadSlice('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			blank = false
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if !blank {
			n++
		}
		blank = true
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}
