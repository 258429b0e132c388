package watch

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/fetch"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/store"
)

// Defaults of Options.
const (
	DefaultLease       = time.Minute
	DefaultMaxAttempts = 5
	DefaultRetryBase   = 30 * time.Second
	DefaultRetryMax    = 30 * time.Minute
	DefaultSettle      = time.Second
	DefaultBatchSize   = 32
	DefaultBatchAge    = time.Second
	DefaultOnceWait    = time.Minute
)

// Fetcher fetches one URL, once; *fetch.Client is one.
type Fetcher interface {
	Fetch(ctx context.Context, url string, prev fetch.Validators) (*fetch.Page, error)
}

// Options configure a Watcher.
type Options struct {
	// Store keeps the documents and, since every store rasad has is one,
	// the queue (it must implement store.Queue).
	Store store.Store
	// Pipeline extracts the articles, as in `rasad extract`.
	Pipeline *pipeline.Pipeline
	Sources  []Source
	// Fetch configures the HTTP client: one per process, shared by the
	// workers and the sources, so that requests to a host are made one
	// at a time even when several sources share it. A source's own
	// Delay is set on its host (the gentlest wins when sources on one
	// host disagree).
	Fetch fetch.Config
	// Fetcher replaces the client built from Fetch, for every source.
	Fetcher Fetcher
	// Workers is how many items are processed at once (default 1).
	Workers int
	// Once processes what is available now and returns; otherwise Run
	// polls until its context ends.
	Once bool
	// Lease is how long a claimed item stays a worker's before others
	// may take it over; the watch renews its leases every third of it
	// while it runs, so this is how soon the work of a dead process is
	// taken over.
	Lease time.Duration
	// MaxAttempts bounds the attempts at an item that keeps failing for
	// a reason worth retrying (5xx, timeout, network).
	MaxAttempts int
	// RetryBase and RetryMax shape the back-off between attempts:
	// exponential from RetryBase, at most RetryMax, with full jitter.
	RetryBase, RetryMax time.Duration
	// Settle is the time between the two scans of a folder under Once:
	// a file is taken only when its size and time did not change in
	// between.
	Settle time.Duration
	// OnceWait is how long, under Once, the watch waits for items not
	// yet due (a retry after back-off, the lease of a worker that died);
	// those due later are left, recorded, for the next run.
	OnceWait time.Duration
	// BatchSize and BatchAge bound how many documents go into one
	// transaction, and how long one waits for more.
	BatchSize int
	BatchAge  time.Duration
	// MaxBytes is the largest article file read from a folder (0: the
	// read package's default).
	MaxBytes int64
	// Owner names this process in the queue's leases (default
	// HOST:PID:random).
	Owner   string
	Logger  *slog.Logger
	Metrics *Metrics // nil: none
	// OnStored is called after each transaction that added or updated
	// documents, with their ids (alerts plug in here). An error is
	// logged; the documents stay stored. It is also told of documents
	// found already stored by an item's second or later attempt: an
	// earlier attempt may have stored them and died (or lost the
	// answer to its commit) before calling OnStored, so OnStored must
	// be idempotent, as alert.Engine.Stored is.
	OnStored func(ctx context.Context, docIDs []string) error
}

// Counts is what a watch has done so far, for a progress line.
type Counts struct {
	Polls, Queued, Fetched, Stored, Unchanged, Retried, Failed int64
}

// Watcher follows sources and stores their articles.
type Watcher struct {
	opts    Options
	queue   store.Queue
	sources map[string]Source
	fetcher Fetcher
	log     *slog.Logger

	polls, queued, fetched, stored, unchanged, retried, failed atomic.Int64
	leftOnce                                                   sync.Once
}

// New checks opts and returns a Watcher.
func New(opts Options) (*Watcher, error) {
	q, ok := opts.Store.(store.Queue)
	if !ok {
		return nil, errors.New("watch: the store keeps no queue")
	}
	if opts.Pipeline == nil {
		return nil, errors.New("watch: Options.Pipeline is required")
	}
	if opts.Workers < 1 {
		opts.Workers = 1
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&opts.Lease, DefaultLease)
	def(&opts.RetryBase, DefaultRetryBase)
	def(&opts.RetryMax, DefaultRetryMax)
	def(&opts.Settle, DefaultSettle)
	def(&opts.BatchAge, DefaultBatchAge)
	def(&opts.OnceWait, DefaultOnceWait)
	if opts.MaxAttempts < 1 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.BatchSize < 1 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.Owner == "" {
		opts.Owner = newOwner()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	w := &Watcher{opts: opts, queue: q, sources: map[string]Source{}, fetcher: opts.Fetcher, log: opts.Logger}
	var client *fetch.Client
	if w.fetcher == nil {
		client = fetch.New(opts.Fetch)
		w.fetcher = client
	}
	// The gentlest delay asked for by the sources on each host.
	delays := map[string]time.Duration{}
	for _, s := range opts.Sources {
		if _, dup := w.sources[s.Name]; dup {
			return nil, fmt.Errorf("watch: two sources named %q", s.Name)
		}
		w.sources[s.Name] = s
		if s.Delay > 0 && s.Kind == KindFeed {
			o, err := origin(s.URL)
			if err != nil {
				return nil, fmt.Errorf("watch: source %q: %w", s.Name, err)
			}
			delays[o] = max(delays[o], s.Delay)
		}
	}
	if client != nil {
		for o, d := range delays {
			if err := client.SetHostDelay(o, d); err != nil {
				return nil, fmt.Errorf("watch: %w", err)
			}
		}
	}
	return w, nil
}

// newOwner names this process for the leases it takes.
func newOwner() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Owner is the name of this watch in the queue's leases.
func (w *Watcher) Owner() string { return w.opts.Owner }

// Counts returns what the watch has done so far.
func (w *Watcher) Counts() Counts {
	return Counts{
		Polls: w.polls.Load(), Queued: w.queued.Load(), Fetched: w.fetched.Load(), Stored: w.stored.Load(),
		Unchanged: w.unchanged.Load(), Retried: w.retried.Load(), Failed: w.failed.Load(),
	}
}

// origin is scheme://host[:port] of rawURL.
func origin(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	if u.Host == "" {
		return "", fmt.Errorf("%q names no host", rawURL)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// result is what a worker hands the writer: the documents of one item
// (a folder's JSONL file may give many, in several results; only the
// last one, final, marks the item stored).
type result struct {
	item  store.QueueItem
	docs  []*document.Document
	final bool
}

// Run watches until ctx ends (or, with Once, until everything available
// now is done), then stores what it extracted, gives back the items it
// still holds, and returns.
func (w *Watcher) Run(ctx context.Context) error {
	for _, s := range w.opts.Sources {
		if err := w.queue.SyncSource(ctx, store.QueueSource{Name: s.Name, Kind: s.Kind, Location: s.Location(), Country: s.Country}); err != nil {
			return err
		}
	}
	w.log.Info("watch started", "owner", w.opts.Owner, "sources", len(w.opts.Sources), "workers", w.opts.Workers, "once", w.opts.Once)

	// The writer outlives ctx: what was extracted is stored before Run
	// returns.
	results := make(chan result, w.opts.Workers)
	writeErr := make(chan error, 1)
	go func() { writeErr <- w.write(context.WithoutCancel(ctx), results) }()

	polled := make(chan struct{})
	var pollErr error
	go func() {
		defer close(polled)
		pollErr = w.pollAll(ctx)
	}()

	// Leases are renewed while this process lives, so that a long item
	// stays its worker's however long it takes, and a dead process's
	// items go to others one lease after its death.
	renewCtx, stopRenewing := context.WithCancel(ctx)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		w.renew(renewCtx)
	}()

	var wg sync.WaitGroup
	workErrs := make([]error, w.opts.Workers)
	for i := range w.opts.Workers {
		wg.Go(func() { workErrs[i] = w.work(ctx, polled, results) })
	}
	wg.Wait()
	close(results)
	err := <-writeErr
	<-polled
	stopRenewing()
	<-renewed

	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if rerr := w.queue.Release(rctx, w.opts.Owner); rerr != nil {
		err = errors.Join(err, rerr)
	}
	err = errors.Join(append([]error{pollErr, err}, workErrs...)...)
	c := w.Counts()
	w.log.Info("watch stopped", "owner", w.opts.Owner, "polls", c.Polls, "queued", c.Queued, "fetched", c.Fetched,
		"stored", c.Stored, "unchanged", c.Unchanged, "retried", c.Retried, "failed", c.Failed)
	return err
}

// renew extends the leases this process holds every third of a lease,
// until ctx ends.
func (w *Watcher) renew(ctx context.Context) {
	for sleep(ctx, w.opts.Lease/3) {
		if err := w.queue.Renew(ctx, w.opts.Owner, time.Now().Add(w.opts.Lease)); err != nil && ctx.Err() == nil {
			w.log.Warn("renewing leases", "err", err)
		}
	}
}

// sleep waits for d or the end of ctx, and says whether ctx is still on.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// work claims items one at a time and processes them until ctx ends or,
// under Once, until no item is left to do by anyone.
func (w *Watcher) work(ctx context.Context, polled <-chan struct{}, results chan<- result) error {
	failures := 0
	for ctx.Err() == nil {
		items, err := w.queue.Claim(ctx, w.opts.Owner, 1, time.Now(), w.opts.Lease)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			// The database may be restarting: try again a few times.
			failures++
			if failures >= 5 {
				return err
			}
			w.log.Warn("claiming work failed", "err", err)
			sleep(ctx, time.Duration(failures)*time.Second)
			continue
		}
		failures = 0
		if len(items) == 0 {
			wait := time.Second
			if w.opts.Once {
				wait = 200 * time.Millisecond
				select {
				case <-polled:
					n, next, err := w.queue.Pending(ctx)
					if err != nil {
						if ctx.Err() != nil {
							return nil
						}
						return err
					}
					if n == 0 {
						return nil
					}
					if until := time.Until(next); until > w.opts.OnceWait {
						w.leftOnce.Do(func() {
							w.log.Info("leaving items for a later run", "items", n, "next due", next.Format(time.RFC3339))
						})
						return nil
					}
					wait = min(max(time.Until(next), 20*time.Millisecond), 500*time.Millisecond)
				default:
				}
			}
			sleep(ctx, wait)
			continue
		}
		for _, it := range items {
			w.process(ctx, it, results)
		}
	}
	return nil
}

// write stores the documents workers extracted, in batches, then marks
// their items stored and calls OnStored.
func (w *Watcher) write(ctx context.Context, results <-chan result) error {
	var batch []result
	ndocs := 0
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	flush := func() {
		if len(batch) == 0 {
			return
		}
		w.storeBatch(ctx, batch)
		batch, ndocs = batch[:0], 0
	}
	for {
		select {
		case r, ok := <-results:
			if !ok {
				flush()
				return nil
			}
			if len(batch) == 0 {
				timer.Reset(w.opts.BatchAge)
			}
			batch = append(batch, r)
			ndocs += len(r.docs)
			if ndocs >= w.opts.BatchSize {
				timer.Stop()
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

func (w *Watcher) storeBatch(ctx context.Context, batch []result) {
	var docs []*document.Document
	for _, r := range batch {
		docs = append(docs, r.docs...)
	}
	var outs []store.Outcome
	if len(docs) > 0 {
		var err error
		outs, err = w.opts.Store.PutBatch(ctx, docs)
		if err != nil {
			w.log.Error("storing documents failed; their items will be retried", "documents", len(docs), "err", err)
			for _, r := range batch {
				w.retryOrFail(ctx, r.item, hostOf(r.item.Key), store.Failure{Reason: "store", Message: err.Error()}, true)
			}
			return
		}
	}
	now := time.Now()
	var ids []int64
	var docIDs, changed []string
	i := 0
	for _, r := range batch {
		first := ""
		for _, d := range r.docs {
			switch outs[i] {
			case store.Added, store.Updated:
				changed = append(changed, d.ID)
				w.stored.Add(1)
			default:
				w.unchanged.Add(1)
				if r.item.Attempts > 1 {
					changed = append(changed, d.ID)
				}
			}
			if m := w.opts.Metrics; m != nil {
				m.stored.WithLabelValues(outs[i].String()).Inc()
			}
			if first == "" {
				first = d.ID
			}
			i++
		}
		if !r.final {
			continue
		}
		ids = append(ids, r.item.ID)
		docIDs = append(docIDs, first)
		if m := w.opts.Metrics; m != nil {
			m.latency.Observe(now.Sub(r.item.Discovered).Seconds())
			if t, err := time.Parse(time.RFC3339, r.item.Published); err == nil {
				m.published.Observe(max(now.Sub(t).Seconds(), 0))
			}
		}
	}
	if len(ids) > 0 {
		if err := w.queue.Stored(ctx, w.opts.Owner, ids, docIDs, now); err != nil {
			// The documents are stored; whoever took the items over
			// will find them stored already.
			w.log.Warn("recording stored items", "err", err)
		}
	}
	if len(changed) > 0 && w.opts.OnStored != nil {
		if err := w.opts.OnStored(ctx, changed); err != nil {
			w.log.Error("after storing documents", "documents", len(changed), "err", err)
		}
	}
}

// retryOrFail records a failed attempt at it: back in the queue for later
// when the failure is worth retrying and attempts are left, failed
// otherwise.
func (w *Watcher) retryOrFail(ctx context.Context, it store.QueueItem, host string, f store.Failure, retryable bool) {
	if m := w.opts.Metrics; m != nil {
		m.failed.WithLabelValues(host, f.Reason).Inc()
	}
	now := time.Now()
	var err error
	if retryable && it.Attempts < w.opts.MaxAttempts {
		next := now.Add(fetch.Backoff(it.Attempts-1, w.opts.RetryBase, w.opts.RetryMax, nil))
		err = w.queue.Retry(ctx, w.opts.Owner, it.ID, next, f)
		w.retried.Add(1)
		w.log.Info("will retry", "url", it.Key, "reason", f.Reason, "status", f.Status, "attempt", it.Attempts, "at", next.Format(time.RFC3339))
	} else {
		err = w.queue.Fail(ctx, w.opts.Owner, it.ID, now, f)
		w.failed.Add(1)
		w.log.Warn("failed", "url", it.Key, "reason", f.Reason, "status", f.Status, "attempts", it.Attempts, "err", f.Message)
	}
	if err != nil {
		w.log.Warn("recording a failure", "url", it.Key, "err", err)
	}
}
