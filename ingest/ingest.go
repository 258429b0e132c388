package ingest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
	"github.com/rasad/rasad/store"
)

// Defaults of Options. When the pipeline is slow (a busy machine) the
// age, not the size, ends a batch, and each commit rewrites the index
// pages all its documents share: on a loaded machine batches of 3 seconds
// held about 100 articles and SQLite wrote 28 GB for the two corpora.
const (
	DefaultBatch    = 512
	DefaultBatchAge = 10 * time.Second
)

// Options configure an Ingester.
type Options struct {
	// Batch is how many documents are stored in one transaction at
	// most (DefaultBatch when 0). Each is still stored whole or not at
	// all; larger batches write the index pages they share once.
	Batch int
	// BatchAge: a batch is stored once its first document has waited
	// this long (DefaultBatchAge when 0), so that a slow trickle of
	// input is still stored promptly.
	BatchAge time.Duration
	// Progress, when set, is called after each stored batch and each
	// record that could not be processed. Calls never overlap; the
	// function should return quickly, since storing waits for it.
	Progress func(Progress)
}

// Counts says what became of the records dealt with so far.
type Counts struct {
	Added, Updated, Unchanged int64 // documents stored, see store.Outcome
	Failed                    int64 // records that could not be read or processed
}

// Done is the number of records dealt with.
func (c Counts) Done() int64 { return c.Added + c.Updated + c.Unchanged + c.Failed }

// Progress is what Options.Progress receives.
type Progress struct {
	Counts
	// Elapsed is the time since Run began.
	Elapsed time.Duration
	// Skipped is the record that just failed ("PATH:LINE: reason"), nil
	// after a stored batch.
	Skipped *read.Error
}

// Summary is the outcome of a run.
type Summary struct {
	Counts
	Elapsed time.Duration
	// FirstRate and LastRate are the rates, in records a second, of the
	// first and of the last RateWindow records: whether ingest slows
	// as the database grows. Both are 0 when fewer than 2*RateWindow
	// records were dealt with.
	FirstRate, LastRate float64
}

// Rate is the number of records dealt with a second.
func (s Summary) Rate() float64 {
	return float64(s.Done()) / max(s.Elapsed.Seconds(), 1e-3)
}

// RateWindow is the number of records of Summary.FirstRate and LastRate.
const RateWindow = 1000

// Ingester stores what a pipeline makes of articles.
type Ingester struct {
	store    store.Store
	pipeline *pipeline.Pipeline
	opts     Options
}

// New returns an Ingester that runs p and stores into st.
func New(st store.Store, p *pipeline.Pipeline, opts Options) *Ingester {
	if opts.Batch < 1 {
		opts.Batch = DefaultBatch
	}
	if opts.BatchAge <= 0 {
		opts.BatchAge = DefaultBatchAge
	}
	return &Ingester{store: st, pipeline: p, opts: opts}
}

// Run processes and stores every article articles yields (as
// read.Articles gives them: records it could not read arrive as
// *read.Error and are counted as failed). It returns when all are
// stored, or at the first error of the pipeline or the store; what was
// stored by then stays stored.
func (in *Ingester) Run(ctx context.Context, articles iter.Seq2[*read.Article, error]) (Summary, error) {
	t := newTally(in.opts.Progress)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The pipeline's workers extract while one goroutine stores: a
	// batch is written while the next one fills.
	batches := make(chan []*document.Document, 1)
	written := make(chan error, 1)
	go func() {
		written <- in.write(ctx, batches, t)
		cancel() // stop the pipeline if storing failed
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
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := in.pipeline.Run(ctx, articles, func(r pipeline.Result) error {
		if r.Skipped != nil {
			t.skipped(r.Skipped)
			return nil
		}
		if len(batch) == 0 {
			batchStart = time.Now()
		}
		batch = append(batch, r.Doc)
		if len(batch) >= in.opts.Batch || time.Since(batchStart) >= in.opts.BatchAge {
			return send()
		}
		return nil
	})
	if err == nil {
		err = send()
	}
	close(batches)
	// The store's error explains a cancelled pipeline.
	if werr := <-written; werr != nil {
		err = werr
	}
	return t.summary(), err
}

// write stores the batches until the channel closes or one fails; after
// a failure it drains the channel so that the sender never blocks.
func (in *Ingester) write(ctx context.Context, batches <-chan []*document.Document, t *tally) error {
	for batch := range batches {
		outs, err := in.store.PutBatch(ctx, batch)
		if err != nil {
			for range batches {
			}
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return nil // the run was stopped, not the store
			}
			return fmt.Errorf("storing %s to %s: %w", batch[0].Source, batch[len(batch)-1].Source, err)
		}
		t.stored(outs)
	}
	return nil
}

// tally counts outcomes, times the first and last RateWindow records,
// and reports progress; its methods are called from the pipeline's
// emitter and from the writer.
type tally struct {
	mu       sync.Mutex
	start    time.Time
	counts   Counts
	progress func(Progress)
	// firstWindow is when the first RateWindow records were done;
	// recent holds when each of the last ones was (a ring, next is
	// its oldest).
	firstWindow time.Duration
	recent      []time.Time
	next        int
}

func newTally(progress func(Progress)) *tally {
	return &tally{start: time.Now(), progress: progress}
}

func (t *tally) skipped(e *read.Error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.counts.Failed++
	t.done(time.Now(), 1)
	t.report(e)
}

func (t *tally) stored(outs []store.Outcome) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, o := range outs {
		switch o {
		case store.Added:
			t.counts.Added++
		case store.Updated:
			t.counts.Updated++
		case store.Unchanged:
			t.counts.Unchanged++
		}
	}
	t.done(time.Now(), len(outs))
	t.report(nil)
}

func (t *tally) report(skipped *read.Error) {
	if t.progress != nil {
		t.progress(Progress{Counts: t.counts, Elapsed: time.Since(t.start), Skipped: skipped})
	}
}

// done notes that n more records were dealt with at now.
func (t *tally) done(now time.Time, n int) {
	for range n {
		if len(t.recent) < RateWindow {
			t.recent = append(t.recent, now)
			if len(t.recent) == RateWindow {
				t.firstWindow = now.Sub(t.start)
			}
			continue
		}
		t.recent[t.next] = now
		t.next = (t.next + 1) % RateWindow
	}
}

func (t *tally) summary() Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := Summary{Counts: t.counts, Elapsed: time.Since(t.start)}
	if s.Done() >= 2*RateWindow {
		// The last window is timed from the record before it, the
		// last of the window before, as the first is from the start.
		oldest := t.recent[t.next]
		newest := t.recent[(t.next+RateWindow-1)%RateWindow]
		span := newest.Sub(oldest).Seconds() * RateWindow / (RateWindow - 1)
		s.FirstRate = RateWindow / max(t.firstWindow.Seconds(), 1e-9)
		s.LastRate = RateWindow / max(span, 1e-9)
	}
	return s
}
