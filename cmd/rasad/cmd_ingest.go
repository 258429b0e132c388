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
	"github.com/rasad/rasad/document"
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
	p, err := pipeline.New(popts)
	if err != nil {
		return err
	}
	st, _, name, err := openStore(ctx, g, opts.DB)
	if err != nil {
		return err
	}
	defer st.Close()

	c := &ingestCounter{start: time.Now()}
	c.total.Store(-1)
	countCtx, stopCounting := context.WithCancel(ctx)
	defer stopCounting()
	go func() {
		if n, ok := countRecords(countCtx, paths); ok {
			c.total.Store(n)
		}
	}()
	ui := newProgress(g.stderr, c, opts.Progress)
	defer ui.stop()

	// Articles are stored in batches: one transaction for up to
	// opts.Batch articles or batchAge, whichever comes first, so that a
	// slow trickle of input is still stored promptly. A writer stores
	// one batch while the pipeline fills the next.
	const batchAge = 3 * time.Second
	batches := make(chan []*document.Document, 1)
	written := make(chan error, 1)
	go func() {
		defer close(written)
		for batch := range batches {
			outs, err := st.PutBatch(ctx, batch)
			if err != nil {
				written <- fmt.Errorf("storing %s to %s: %w", batch[0].Source, batch[len(batch)-1].Source, err)
				for range batches {
				}
				return
			}
			now := time.Now()
			for _, out := range outs {
				c.stored(now)
				switch out {
				case store.Added:
					c.added.Add(1)
				case store.Updated:
					c.updated.Add(1)
				case store.Unchanged:
					c.unchanged.Add(1)
				}
			}
		}
	}()
	var batch []*document.Document
	var batchStart time.Time
	send := func() error {
		if len(batch) == 0 {
			return nil
		}
		select {
		case batches <- batch:
			batch = nil
			return nil
		case err := <-written:
			return err
		}
	}
	err = p.Run(ctx, read.Articles(ctx, paths, ropts), func(r pipeline.Result) error {
		if r.Skipped != nil {
			c.failed.Add(1)
			c.stored(time.Now())
			ui.println(r.Skipped.Error())
			return nil
		}
		if len(batch) == 0 {
			batchStart = time.Now()
		}
		batch = append(batch, r.Doc)
		if len(batch) >= opts.Batch || time.Since(batchStart) >= batchAge {
			return send()
		}
		return nil
	})
	if err == nil {
		err = send()
	}
	close(batches)
	if werr := <-written; err == nil {
		err = werr
	}
	ui.stop()
	if err != nil {
		return err
	}
	stats, serr := st.Stats(ctx)
	fmt.Fprintln(g.stderr, c.summary())
	if serr == nil {
		fmt.Fprintf(g.stderr, "database %s: %d articles in %d stories, %d events in %d incidents\n",
			name, stats.Documents, stats.Stories, stats.Events, stats.Incidents)
	}
	if c.failed.Load() > 0 {
		return errSomeSkipped
	}
	return nil
}

// ingestCounter is what the ingest loop updates and the progress display
// reads.
type ingestCounter struct {
	start                             time.Time
	added, updated, unchanged, failed atomic.Int64
	total                             atomic.Int64 // records in the input, -1 until counted

	// For the rate of the first and of the last rateWindow articles,
	// which show whether ingest slows as the database grows: when the
	// first window ended, and when each of the last ones was done (a
	// ring).
	mu          sync.Mutex
	firstWindow time.Duration
	recent      []time.Time
	next        int
}

const rateWindow = 1000

// stored notes that one more record was dealt with at t.
func (c *ingestCounter) stored(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.recent) < rateWindow {
		c.recent = append(c.recent, t)
		if len(c.recent) == rateWindow {
			c.firstWindow = t.Sub(c.start)
		}
		return
	}
	c.recent[c.next] = t
	c.next = (c.next + 1) % rateWindow
}

// windowRates returns the rates (records a second) of the first and the
// last rateWindow records, when there were at least twice as many.
func (c *ingestCounter) windowRates() (first, last float64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done() < 2*rateWindow || len(c.recent) < rateWindow {
		return 0, 0, false
	}
	oldest := c.recent[c.next]
	newest := c.recent[(c.next+rateWindow-1)%rateWindow]
	span := newest.Sub(oldest).Seconds() * rateWindow / (rateWindow - 1)
	return rateWindow / c.firstWindow.Seconds(), rateWindow / max(span, 1e-9), true
}

func (c *ingestCounter) done() int64 {
	return c.added.Load() + c.updated.Load() + c.unchanged.Load() + c.failed.Load()
}

// line is one progress report: a bar when the total is known and bar is
// set.
func (c *ingestCounter) line(bar bool) string {
	done := c.done()
	elapsed := time.Since(c.start)
	rate := float64(done) / max(elapsed.Seconds(), 1e-3)
	var b strings.Builder
	total := c.total.Load()
	if total > 0 {
		frac := min(1, float64(done)/float64(total))
		if bar {
			const width = 24
			n := int(frac * width)
			fmt.Fprintf(&b, "[%s%s] ", strings.Repeat("=", n), strings.Repeat(" ", width-n))
		}
		fmt.Fprintf(&b, "%d/%d articles (%.0f%%)", done, total, 100*frac)
	} else {
		fmt.Fprintf(&b, "%d articles", done)
	}
	fmt.Fprintf(&b, ", %.1f/s", rate)
	if total > 0 && rate > 0 && done < total {
		eta := time.Duration(float64(total-done) / rate * float64(time.Second))
		fmt.Fprintf(&b, ", ETA %s", eta.Round(time.Second))
	}
	fmt.Fprintf(&b, ", %d skipped (already stored), %d failed", c.unchanged.Load(), c.failed.Load())
	return b.String()
}

func (c *ingestCounter) summary() string {
	elapsed := time.Since(c.start)
	s := fmt.Sprintf("ingest: %d articles in %s (%.1f/s): %d added, %d updated, %d skipped as already stored, %d failed",
		c.done(), elapsed.Round(time.Millisecond), float64(c.done())/max(elapsed.Seconds(), 1e-3),
		c.added.Load(), c.updated.Load(), c.unchanged.Load(), c.failed.Load())
	if first, last, ok := c.windowRates(); ok {
		s += fmt.Sprintf("\ningest: first %d articles %.1f/s, last %d articles %.1f/s", rateWindow, first, rateWindow, last)
	}
	return s
}

// progress renders an ingestCounter on standard error: a bar redrawn in
// place on a terminal, a plain line now and then otherwise. Messages about
// records go through println so that they do not tangle with the bar.
type progress struct {
	w        io.Writer
	c        *ingestCounter
	terminal bool
	mu       sync.Mutex
	drawn    bool
	quit     chan struct{}
	once     sync.Once
	wg       sync.WaitGroup
}

func newProgress(w io.Writer, c *ingestCounter, every time.Duration) *progress {
	p := &progress{w: w, c: c, terminal: isTerminal(w), quit: make(chan struct{})}
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

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s", p.c.line(true))
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "ingest: %s\n", p.c.line(false))
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func (p *progress) println(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintln(p.w, s)
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
