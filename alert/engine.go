package alert

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// Options configure an Engine. Zero fields take the defaults below.
type Options struct {
	// Stdout is where alerts with the "stdout" sink write their lines.
	Stdout io.Writer
	// Client posts to webhooks; by default one with Timeout that does
	// not follow redirects.
	Client *http.Client
	// Timeout bounds one webhook request.
	Timeout time.Duration
	// MaxAttempts is how often a delivery is tried before it is
	// recorded as failed.
	MaxAttempts int
	// BackoffBase and BackoffMax bound the wait before a retry: about
	// BackoffBase after the first failure, doubling, at most BackoffMax,
	// with jitter so that retries from many workers spread out.
	BackoffBase, BackoffMax time.Duration
	// Lease is how long a worker holds a delivery it is attempting; a
	// worker that dies holding it leaves it to others after that.
	Lease time.Duration
	// Poll is how often Run and Flush look for deliveries due.
	Poll time.Duration
	// Now tells the time (time.Now by default; tests move it).
	Now func() time.Time
	// Getenv reads the environment variable a webhook secret may name
	// (os.Getenv by default).
	Getenv func(string) string
	Logger *slog.Logger
	// Places resolves the place filters that name a country or a
	// first-level division (see search.Places); nil matches place
	// names word by word.
	Places *search.Places
}

// Defaults of Options.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultMaxAttempts = 8
	DefaultBackoffBase = 5 * time.Second
	DefaultBackoffMax  = 10 * time.Minute
	DefaultLease       = 2 * time.Minute
	DefaultPoll        = 5 * time.Second
)

// Engine matches newly stored documents against the saved alerts and
// delivers the matches. It is safe for concurrent use, and any number of
// engines, in any number of processes, may share one database: each match
// is recorded once, and each delivery is attempted by one of them at a
// time.
type Engine struct {
	st    Store
	an    store.Analyzer
	opts  Options
	owner string // names this engine's leases

	mu  sync.Mutex // guards rnd and writes to opts.Stdout
	rnd *mrand.Rand

	// running is set while Run goes; kick wakes it when Stored has
	// recorded new matches.
	running atomic.Bool
	kick    chan struct{}
}

// New returns an engine over st; an must be the analyser st indexes with.
func New(st Store, an store.Analyzer, opts Options) (*Engine, error) {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Client == nil {
		opts.Client = &http.Client{
			Timeout: opts.Timeout,
			// A webhook that moved is the operator's to fix; a
			// redirected POST would arrive as a GET.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.BackoffBase <= 0 {
		opts.BackoffBase = DefaultBackoffBase
	}
	if opts.BackoffMax <= 0 {
		opts.BackoffMax = DefaultBackoffMax
	}
	if opts.Lease <= 0 {
		opts.Lease = DefaultLease
	}
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	var seed [16]byte
	if _, err := rand.Read(seed[:]); err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	owner := fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(seed[:6]))
	rnd := mrand.New(mrand.NewPCG(beUint64(seed[:8]), beUint64(seed[8:])))
	return &Engine{st: st, an: an, opts: opts, owner: owner, rnd: rnd, kick: make(chan struct{}, 1)}, nil
}

func beUint64(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}

// Open returns an engine over st if its backend keeps alerts (the SQLite
// and PostgreSQL stores do), else ErrUnsupported.
func Open(st store.Store, an store.Analyzer, opts Options) (*Engine, error) {
	s, ok := st.(Store)
	if !ok {
		return nil, fmt.Errorf("%w (%T)", ErrUnsupported, st)
	}
	return New(s, an, opts)
}

// compiled is an alert ready to match.
type compiled struct {
	Alert
	events *search.EventFilter
}

func (e *Engine) compile(as []Alert) ([]compiled, error) {
	s := search.New(e.st, e.an).WithPlaces(e.opts.Places)
	out := make([]compiled, 0, len(as))
	for _, a := range as {
		ef, err := s.Events(a.Filter)
		if err != nil {
			return nil, fmt.Errorf("alert %s: %w", a.Name, err)
		}
		out = append(out, compiled{Alert: a, events: ef})
	}
	return out, nil
}

// found is one match before it is recorded.
type found struct {
	alert *compiled
	doc   *store.Stored
	event int // ordinal in doc.Doc.Events, -1 for the article
	// snippet is the search's stretch of text around the words found.
	snippet string
}

// message is what is delivered for f.
func (f found) message(at time.Time) Message {
	m := NewMessage(f.alert.Name, f.doc, f.event, at)
	if f.event < 0 {
		m.Snippet = f.snippet
	}
	return m
}

// match runs each alert's search over the documents of v and returns
// what matched: the article, or each of its events that passes the
// alert's filter.
func (e *Engine) match(ctx context.Context, v *view, alerts []compiled, emit func(found) error) error {
	if len(v.nums) == 0 {
		return nil
	}
	s := search.New(v, e.an).WithPlaces(e.opts.Places)
	for i := range alerts {
		a := &alerts[i]
		res, err := s.Search(ctx, search.Query{Text: a.Query, Filter: a.Filter, Limit: len(v.nums)})
		if err != nil {
			return fmt.Errorf("alert %s: %w", a.Name, err)
		}
		nums := make([]int64, len(res.Hits))
		snippets := make(map[int64]string, len(res.Hits))
		for k, h := range res.Hits {
			nums[k] = h.Num
			snippets[h.Num] = h.Snippet
		}
		slices.Sort(nums)
		docs, err := v.Documents(ctx, nums)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if a.On == OnArticles {
				if err := emit(found{alert: a, doc: d, event: -1, snippet: snippets[d.Num]}); err != nil {
					return err
				}
				continue
			}
			for k, ev := range d.Doc.Events {
				if !a.events.Match(d.Doc, ev) {
					continue
				}
				if err := emit(found{alert: a, doc: d, event: k}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Stored matches the documents with the given ids, just stored, against
// every saved alert and records each match not recorded before. While Run
// goes, it delivers them; otherwise Stored does, then attempts the
// deliveries due from earlier. A failed delivery stays in the outbox
// (retried when due, or failed), and is not an error: Stored fails only
// when the database does.
func (e *Engine) Stored(ctx context.Context, docIDs []string) error {
	as, err := e.st.Alerts(ctx)
	if err != nil || len(as) == 0 {
		return err
	}
	alerts, err := e.compile(as)
	if err != nil {
		return err
	}
	nums, err := e.st.DocumentNums(ctx, docIDs)
	if err != nil || len(nums) == 0 {
		return err
	}
	docs, err := e.st.Documents(ctx, nums)
	if err != nil {
		return err
	}
	now := e.opts.Now()
	var ms []Match
	err = e.match(ctx, newView(e.st, nums, docs), alerts, func(f found) error {
		line, err := f.message(now).Line()
		if err != nil {
			return err
		}
		ms = append(ms, Match{Alert: f.alert.ID, Doc: f.doc.Num, Event: f.event, EventKey: EventKey(f.doc.Doc, f.event),
			MatchedAt: now, Body: line})
		return nil
	})
	if err != nil {
		return err
	}
	// In the order of the unique key, so that engines recording the
	// same matches at once take their locks in one order and never
	// deadlock.
	slices.SortFunc(ms, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Alert, b.Alert), cmp.Compare(a.Doc, b.Doc), strings.Compare(a.EventKey, b.EventKey))
	})
	// With Run going, the new matches are left free for it (or any
	// engine) to claim at once, and the caller goes back to storing;
	// without, they are leased to this engine and delivered here.
	background := e.running.Load()
	owner, lease := e.owner, now.Add(e.opts.Lease)
	if background {
		owner, lease = "", now.Add(-time.Millisecond)
	}
	fresh, err := e.st.RecordMatches(ctx, ms, owner, lease)
	if err != nil {
		return fmt.Errorf("recording alert matches: %w", err)
	}
	if len(ms) > 0 {
		e.opts.Logger.Info("alert matches", "documents", len(nums), "matches", len(ms), "new", len(fresh))
	}
	if background {
		if len(fresh) > 0 {
			select {
			case e.kick <- struct{}{}:
			default: // a kick is waiting already
			}
		}
		return nil
	}
	if err := e.deliverAll(ctx, fresh); err != nil {
		return err
	}
	_, err = e.Deliver(ctx)
	return err
}

// EventKey names event ord of d (the article itself when ord is negative)
// by what it says: its type, its trigger and its evidence, and how many
// events before it in d say the same. It does not change when the article
// is updated around the event, as its ordinal would when a paragraph is
// added on top.
func EventKey(d *document.Document, ord int) string {
	if ord < 0 {
		return "article"
	}
	sum := func(v document.Event) [sha256.Size]byte {
		return sha256.Sum256([]byte(v.Type + "\x00" + v.Trigger.Text + "\x00" + v.Evidence.Text))
	}
	own := sum(d.Events[ord])
	same := 0
	for _, v := range d.Events[:ord] {
		if sum(v) == own {
			same++
		}
	}
	return fmt.Sprintf("%x#%d", own[:16], same)
}

// testChunk is how many stored documents Test searches at a time.
const testChunk = 500

// Test runs alert a over every stored document and passes each match to
// emit as the message it would deliver; it records nothing.
func (e *Engine) Test(ctx context.Context, a Alert, emit func(Message) error) error {
	alerts, err := e.compile([]Alert{a})
	if err != nil {
		return err
	}
	// The filter's own index lookups narrow the documents first; the
	// words are then looked up a chunk of them at a time, so that
	// memory stays flat however many are stored.
	nums, err := search.New(e.st, e.an).WithPlaces(e.opts.Places).Documents(ctx, a.Filter)
	if err == nil && nums == nil {
		nums, err = e.st.Published(ctx, "", "")
		slices.Sort(nums)
	}
	if err != nil {
		return err
	}
	now := e.opts.Now()
	for chunk := range slices.Chunk(nums, testChunk) {
		err := e.match(ctx, newView(e.st, chunk, nil), alerts, func(f found) error {
			return emit(f.message(now))
		})
		if err != nil {
			return err
		}
	}
	return nil
}
